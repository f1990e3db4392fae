package dev.rvqlm.cli.patterns;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.JsonOutput;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.patterns.golden.GoldenCase;
import dev.rvqlm.patterns.golden.GoldenChecker;
import dev.rvqlm.patterns.golden.GoldenFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.Options;

/** {@code rvq patterns verify}: checks every case of a reference file; exit 1 if any fails. */
final class VerifyGoldenCommand implements Command {

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "check this implementation against a golden file of AudioCraft cases";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = new Options()
                .addOption(
                        Arguments.valued("golden", "FILE", "golden file in the shared format (patterns-public.json)"))
                .addOption(Arguments.json())
                .addOption(Arguments.flag("help", "show this help"));
        Arguments parsed = Arguments.parse(options, args);
        if (parsed.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq patterns verify --golden FILE",
                            options,
                            "rvq patterns verify --golden patterns/src/test/resources/golden/patterns-public.json"));
            return 0;
        }
        List<GoldenCase> cases = GoldenFile.read(Path.of(parsed.string("golden")));
        Map<String, String> failures = new LinkedHashMap<>();
        for (GoldenCase golden : cases) {
            List<String> problems = GoldenChecker.check(golden);
            if (!problems.isEmpty()) {
                failures.put(golden.id(), String.join("; ", problems));
            }
        }
        int failed = failures.size();
        if (parsed.has("json")) {
            JsonOutput.print(terminal, Map.of("passed", cases.size() - failed, "failed", failed, "failures", failures));
        } else {
            failures.forEach((id, problem) -> terminal.out().println("FAIL " + id + ": " + problem));
            terminal.out().println((cases.size() - failed) + " passed, " + failed + " failed");
        }
        return failed == 0 ? 0 : 1;
    }
}
