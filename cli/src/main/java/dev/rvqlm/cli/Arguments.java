package dev.rvqlm.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** Commons CLI parsing with typed getters whose errors name the option and the bad value. */
public final class Arguments {

    private final CommandLine line;

    private Arguments(CommandLine line) {
        this.line = line;
    }

    /** Parses {@code args}; a parse error keeps the parser's message and becomes a {@link UsageException}. */
    public static Arguments parse(Options options, List<String> args) {
        return parse(options, args, false);
    }

    /** Parses {@code args}, allowing arguments that are not options ({@link #operands()}) when told to. */
    public static Arguments parse(Options options, List<String> args, boolean operands) {
        try {
            CommandLine line = DefaultParser.builder().build().parse(options, args.toArray(String[]::new));
            if (!operands && !line.getArgList().isEmpty()) {
                throw new UsageException(
                        "unexpected argument: " + line.getArgList().get(0));
            }
            return new Arguments(line);
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** An option that takes one value, e.g. {@code --codebooks K}. */
    public static Option valued(String longName, String argName, String description) {
        return Option.builder()
                .longOpt(longName)
                .hasArg()
                .argName(argName)
                .desc(description)
                .get();
    }

    /** A yes/no flag, e.g. {@code --json}. */
    public static Option flag(String longName, String description) {
        return Option.builder().longOpt(longName).desc(description).get();
    }

    /** Usage text for one command, ending with worked examples. */
    public static String help(String commandLine, Options options, String... examples) {
        var text = new StringWriter();
        var printer = new PrintWriter(text);
        HelpFormatter formatter = HelpFormatter.builder().get();
        formatter.printHelp(printer, 100, commandLine, "", options, 2, 2, "", false);
        if (examples.length > 0) {
            printer.println("examples:");
            for (String example : examples) {
                printer.println("  " + example);
            }
        }
        printer.flush();
        return text.toString();
    }

    /** The arguments that are not options, e.g. input files, in order. */
    public List<String> operands() {
        return List.copyOf(line.getArgList());
    }

    public boolean has(String name) {
        return line.hasOption(name);
    }

    public String string(String name) {
        String value = line.getOptionValue(name);
        if (value == null) {
            throw new UsageException("missing required option --" + name);
        }
        return value;
    }

    public String string(String name, String fallback) {
        return line.getOptionValue(name, fallback);
    }

    public List<String> strings(String name) {
        String[] values = line.getOptionValues(name);
        return values == null ? List.of() : List.of(values);
    }

    public int integer(String name) {
        return convert(name, string(name), Integer::parseInt, "an integer");
    }

    public int integer(String name, int fallback) {
        return has(name) ? integer(name) : fallback;
    }

    public long longInteger(String name, long fallback) {
        return has(name) ? convert(name, string(name), Long::parseLong, "an integer") : fallback;
    }

    public double real(String name, double fallback) {
        return has(name) ? convert(name, string(name), Double::parseDouble, "a number") : fallback;
    }

    private static <T> T convert(String name, String value, Function<String, T> parser, String what) {
        try {
            return parser.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be " + what + ", got '" + value + "'");
        }
    }
}
