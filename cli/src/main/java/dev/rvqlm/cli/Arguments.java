package dev.rvqlm.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.DeprecatedAttributes;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * Commons CLI parsing with typed getters whose errors name the option and the bad value, hidden old names of renamed
 * options ({@link #aliases}: parsed as the new name, with a one-line note on stderr), and help text that lists every
 * option in its usage line and ends with the exit statuses.
 */
public final class Arguments {

    /** The last paragraph of every {@code --help}. */
    public static final String EXIT_STATUS =
            "exit status: 0 done; 1 failed (a bug, a full disk, out of memory); 2 bad input (an option, a file)";

    /** Where deprecation notes go while a command line is parsed: stderr, set by {@link Rvq#run}. */
    static final ThreadLocal<Consumer<String>> NOTES = ThreadLocal.withInitial(() -> note -> {});

    private final CommandLine line;
    private final Map<String, List<String>> values;

    private Arguments(CommandLine line, Map<String, List<String>> values) {
        this.line = line;
        this.values = values;
    }

    /** Parses {@code args}; a parse error keeps the parser's message and becomes a {@link UsageException}. */
    public static Arguments parse(Options options, List<String> args) {
        return parse(options, args, false);
    }

    /** Parses {@code args}, allowing arguments that are not options ({@link #operands()}) when told to. */
    public static Arguments parse(Options options, List<String> args, boolean operands) {
        List<String> notes = new ArrayList<>();
        try {
            CommandLine line = DefaultParser.builder()
                    .setDeprecatedHandler(o -> {}) // notes are made below, once per old name given
                    .get()
                    .parse(options, args.toArray(String[]::new));
            for (Option o : line.getOptions()) {
                if (o.isDeprecated()) {
                    notes.add("note: --" + o.getLongOpt() + " is now "
                            + o.getDeprecated().getDescription() + "; the old name will go in a later version");
                }
            }
            if (!operands && !line.getArgList().isEmpty()) {
                throw new UsageException(
                        "unexpected argument: " + line.getArgList().get(0));
            }
            notes.stream().distinct().forEach(NOTES.get());
            return new Arguments(line, canonicalValues(line));
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Every option given, under its current name (an alias's values under the name it stands for). */
    private static Map<String, List<String>> canonicalValues(CommandLine line) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, String> givenAs = new LinkedHashMap<>();
        for (Option o : line.getOptions()) {
            String name = o.isDeprecated() ? o.getDeprecated().getDescription().substring(2) : o.getLongOpt();
            String before = givenAs.putIfAbsent(name, o.getLongOpt());
            if (before != null && !before.equals(o.getLongOpt())) {
                throw new UsageException("--" + before + " and --" + o.getLongOpt() + " are the same option (--" + name
                        + "): give it once");
            }
            List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
            if (o.getValues() != null) {
                list.addAll(List.of(o.getValues()));
            }
        }
        return values;
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

    /** The {@code --json} flag of a command that produces a result. */
    public static Option json() {
        return flag("json", "print the result as JSON on stdout (progress stays on stderr)");
    }

    /**
     * Adds hidden old names of options in {@code options}, as pairs (old, current): an old name parses as the
     * current one, takes the same values, is left out of {@code --help}, and prints a one-line note when used.
     */
    public static Options aliases(Options options, String... oldAndCurrent) {
        for (int i = 0; i < oldAndCurrent.length; i += 2) {
            Option current = options.getOption(oldAndCurrent[i + 1]);
            if (current == null) {
                throw new IllegalStateException("alias of an unknown option --" + oldAndCurrent[i + 1]);
            }
            Option.Builder alias = Option.builder()
                    .longOpt(oldAndCurrent[i])
                    .desc(current.getDescription())
                    .argName(current.getArgName())
                    .deprecated(DeprecatedAttributes.builder()
                            .setDescription("--" + current.getLongOpt())
                            .get());
            if (current.hasArgs()) {
                alias.hasArgs();
            } else if (current.hasArg()) {
                alias.hasArg();
            }
            options.addOption(alias.get());
        }
        return options;
    }

    /** The old names in {@code options} ({@link #aliases}) and the options they stand for. */
    public static Map<String, String> aliasesOf(Options options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Option o : options.getOptions()) {
            if (o.isDeprecated()) {
                out.put(o.getLongOpt(), o.getDeprecated().getDescription().substring(2));
            }
        }
        return out;
    }

    /**
     * Usage text for one command: {@code commandLine} completed with every option it does not mention (as
     * {@code [--name ARG]}), the options in declaration order (old names left out), worked examples, and the exit
     * statuses.
     */
    public static String help(String commandLine, Options options, String... examples) {
        Options visible = new Options();
        List<String> words = new ArrayList<>(splitUsage(commandLine));
        for (Option o : options.getOptions()) {
            if (o.isDeprecated()) {
                continue;
            }
            visible.addOption(o);
            if (!(commandLine + " ").matches(".*--" + o.getLongOpt() + "[ =\\]|].*")) {
                words.add("[--" + o.getLongOpt() + (o.hasArg() ? " " + o.getArgName() + (o.hasArgs() ? "..." : "") : "")
                        + "]");
            }
        }
        var text = new StringWriter();
        var printer = new PrintWriter(text);
        printer.println(wrap("usage: ", words, 110));
        HelpFormatter formatter = HelpFormatter.builder().get();
        formatter.setOptionComparator(null);
        formatter.printOptions(printer, 110, visible, 2, 2);
        if (examples.length > 0) {
            printer.println("examples:");
            for (String example : examples) {
                printer.println("  " + example);
            }
        }
        printer.println(EXIT_STATUS);
        printer.flush();
        return text.toString();
    }

    /** A usage line's words, an option and its value (or a bracketed optional part) kept together. */
    private static List<String> splitUsage(String line) {
        List<String> words = new ArrayList<>();
        for (String w : line.trim().split(" +")) {
            boolean joins = !words.isEmpty()
                    && ((words.get(words.size() - 1).startsWith("--") && !w.startsWith("-") && !w.startsWith("["))
                            || (words.get(words.size() - 1).startsWith("[")
                                    && !words.get(words.size() - 1).endsWith("]")));
            if (joins) {
                words.set(words.size() - 1, words.get(words.size() - 1) + " " + w);
            } else {
                words.add(w);
            }
        }
        return words;
    }

    /** The words after {@code lead}, wrapped at {@code width} with continuation lines indented. */
    private static String wrap(String lead, List<String> words, int width) {
        StringBuilder out = new StringBuilder(lead);
        int column = lead.length();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i > 0 && column + 1 + w.length() > width) {
                out.append(System.lineSeparator()).append("    ");
                column = 4;
            } else if (i > 0) {
                out.append(' ');
                column++;
            }
            out.append(w);
            column += w.length();
        }
        return out.toString();
    }

    /** The arguments that are not options, e.g. input files, in order. */
    public List<String> operands() {
        return List.copyOf(line.getArgList());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name) {
        List<String> v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw new UsageException("missing required option --" + name);
        }
        return v.get(0);
    }

    public String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    public List<String> strings(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    public int integer(String name) {
        return convert(name, string(name), Integer::parseInt, "an integer");
    }

    public int integer(String name, int fallback) {
        return has(name) ? integer(name) : fallback;
    }

    /** An integer in [min, max]; outside it, the message names the option and the range. */
    public int integer(String name, int fallback, int min, int max) {
        int v = integer(name, fallback);
        if (has(name) && (v < min || v > max)) {
            throw new UsageException("--" + name + " must be " + range(min, max) + ", got " + v);
        }
        return v;
    }

    public long longInteger(String name, long fallback) {
        return has(name) ? convert(name, string(name), Long::parseLong, "an integer") : fallback;
    }

    public double real(String name, double fallback) {
        return has(name) ? convert(name, string(name), Double::parseDouble, "a number") : fallback;
    }

    /** A number in [min, max] (or (min, max) when {@code open}); outside it, the message names the option. */
    public double real(String name, double fallback, double min, double max, boolean open) {
        double v = real(name, fallback);
        boolean inside = open ? v > min && v < max : v >= min && v <= max;
        if (has(name) && !inside) {
            String range = String.format(
                    Locale.ROOT, "%s%s, %s%s", open ? "(" : "[", number(min), number(max), open ? ")" : "]");
            throw new UsageException("--" + name + " must be in " + range + ", got " + string(name));
        }
        return v;
    }

    /** Refuses options that do nothing in this context, naming them and why. */
    public void refuse(List<String> names, String why) {
        List<String> given = names.stream().filter(this::has).map(n -> "--" + n).toList();
        if (!given.isEmpty()) {
            throw new UsageException(
                    String.join(", ", given) + (given.size() == 1 ? " does" : " do") + " not apply " + why);
        }
    }

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE ? "at least " + min : "in [" + min + ", " + max + "]";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static <T> T convert(String name, String value, Function<String, T> parser, String what) {
        try {
            return parser.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be " + what + ", got '" + value + "'");
        }
    }
}
