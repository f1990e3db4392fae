package dev.rvqlm.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A command whose first argument picks one of its sub-commands, e.g. {@code rvq patterns show}. */
public class CommandGroup implements Command {

    private final String name;
    private final String summary;
    private final Map<String, Command> children = new LinkedHashMap<>();

    public CommandGroup(String name, String summary, List<? extends Command> children) {
        this.name = name;
        this.summary = summary;
        for (Command child : children) {
            if (this.children.putIfAbsent(child.name(), child) != null) {
                throw new IllegalStateException("two commands are called '" + (name + " " + child.name()).trim()
                        + "' (a bug in the command registry)");
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            terminal.out().print(usage("") + Arguments.EXIT_STATUS + "\n");
            return args.isEmpty() ? 2 : 0;
        }
        Command child = children.get(args.get(0));
        if (child == null) {
            throw new UsageException("unknown command '" + name + " " + args.get(0) + "' (one of: "
                    + String.join(", ", children.keySet()) + ")");
        }
        return child.run(args.subList(1, args.size()), terminal);
    }

    /** The sub-commands, in listing order. */
    List<Command> children() {
        return List.copyOf(children.values());
    }

    /** The listing of sub-commands, one per line, each prefixed by {@code prefix + name}. */
    public String usage(String prefix) {
        StringBuilder text = new StringBuilder();
        String path = (prefix + " " + name).trim();
        for (Command child : children.values()) {
            text.append(String.format("  %-28s %s%n", path + " " + child.name(), child.summary()));
        }
        return text.toString();
    }
}
