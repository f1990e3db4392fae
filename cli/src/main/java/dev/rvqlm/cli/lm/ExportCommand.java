package dev.rvqlm.cli.lm;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.export.TorchExport;
import dev.rvqlm.lm.export.TrainedModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Options;

/** {@code rvq export}: a trained model as safetensors weights plus a JSON config that PyTorch loads. */
public final class ExportCommand implements Command {

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "write a trained LM as safetensors + config.json for PyTorch (python/rvqlm_torch.py)";
    }

    static Options options() {
        return new Options()
                .addOption(Arguments.valued("run", "DIR", "run directory of rvq train or eval (or a checkpoint file)"))
                .addOption(Arguments.valued("format", "NAME", "safetensors (the only one; default)"))
                .addOption(Arguments.valued("out", "DIR", "where model.safetensors and config.json go"))
                .addOption(Arguments.flag("json", "print the result as JSON on stdout"))
                .addOption(Arguments.flag("help", "show this help"));
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = options();
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq export --run DIR [--format safetensors] --out DIR [--json]",
                            options,
                            "rvq export --run runs/delay --out export/delay",
                            "python3 -c 'import rvqlm_torch; m = rvqlm_torch.load(\"export/delay\")'   "
                                    + "# with python/ on PYTHONPATH"));
            return 0;
        }
        String format = a.string("format", "safetensors");
        if (!format.equals("safetensors")) {
            throw new UsageException("--format must be safetensors, got '" + format + "'");
        }
        Path out = Path.of(a.string("out"));
        try (LmModel model = TrainedModels.open(Path.of(a.string("run")))) {
            TorchExport.write(model, out);
            long params = model.parameterCount();
            if (a.has("json")) {
                terminal.out()
                        .printf(
                                Locale.ROOT,
                                "{\"out\":\"%s\",\"weights\":\"%s\",\"config\":\"%s\",\"parameters\":%d}%n",
                                out,
                                out.resolve(TorchExport.WEIGHTS),
                                out.resolve(TorchExport.CONFIG),
                                params);
            } else {
                terminal.out()
                        .printf(
                                Locale.ROOT,
                                "wrote %s and %s (%,d parameters, pattern %s)%n",
                                out.resolve(TorchExport.WEIGHTS),
                                out.resolve(TorchExport.CONFIG),
                                params,
                                model.patternSpec());
            }
        }
        return 0;
    }
}
