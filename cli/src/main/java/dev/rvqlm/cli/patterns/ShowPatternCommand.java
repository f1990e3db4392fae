package dev.rvqlm.cli.patterns;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.patterns.Coord;
import dev.rvqlm.patterns.LayoutGrid;
import dev.rvqlm.patterns.Pattern;
import dev.rvqlm.patterns.PatternSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.Options;

/** {@code rvq patterns show}: the layout as a readable grid (MusicGen's Figure 1) or as JSON. */
final class ShowPatternCommand implements Command {

    @Override
    public String name() {
        return "show";
    }

    @Override
    public String summary() {
        return "draw a pattern's layout for K codebooks and T timesteps";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = new Options()
                .addOption(Arguments.valued(
                        "pattern", "SPEC", "pattern spec, e.g. delay or partial-flatten:flattening=0,1,1,1"))
                .addOption(Arguments.valued("codebooks", "K", "number of codebooks"))
                .addOption(Arguments.valued("timesteps", "T", "number of timesteps"))
                .addOption(Arguments.json())
                .addOption(Arguments.flag("help", "show this help"));
        Arguments parsed = Arguments.parse(options, args);
        if (parsed.has("help")) {
            terminal.out()
                    .print(
                            Arguments.help(
                                    "rvq patterns show --pattern SPEC --codebooks K --timesteps T [--json]",
                                    options,
                                    "rvq patterns show --pattern delay --codebooks 4 --timesteps 8",
                                    "rvq patterns show --pattern partial-flatten:flattening=0,1,1,1 --codebooks 4 --timesteps 6 --json"));
            return 0;
        }
        PatternSpec spec = PatternSpec.parse(parsed.string("pattern"));
        parsed.string("codebooks");
        parsed.string("timesteps"); // both required
        int timesteps = parsed.integer("timesteps", 0, 0, 100_000);
        Pattern pattern = spec.pattern(parsed.integer("codebooks", 0, 1, 64), timesteps);
        if (parsed.has("json")) {
            terminal.out().println(new ObjectMapper().writeValueAsString(asJson(pattern)));
            return 0;
        }
        terminal.out()
                .printf(
                        "%s  K=%d  T=%d  (cells: timestep held; blank: special token)%n",
                        spec, pattern.codebooks(), timesteps);
        terminal.out().print(LayoutGrid.render(pattern, " ", true));
        terminal.out()
                .printf(
                        "sequence steps: %d   max delay: %d   valid layout length: %d   steps per timestep: %s%n",
                        pattern.numSequenceSteps(),
                        pattern.maxDelay(),
                        pattern.validLayout().size(),
                        timesteps == 0 ? "-" : String.format("%.2f", pattern.numSequenceSteps() / (double) timesteps));
        return 0;
    }

    private static Map<String, Object> asJson(Pattern pattern) {
        List<List<int[]>> layout = new ArrayList<>();
        for (List<Coord> step : pattern.layout()) {
            layout.add(step.stream().map(c -> new int[] {c.t(), c.k()}).toList());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("layout", layout);
        json.put("num_sequence_steps", pattern.numSequenceSteps());
        json.put("max_delay", pattern.maxDelay());
        json.put("valid_layout_len", pattern.validLayout().size());
        return json;
    }
}
