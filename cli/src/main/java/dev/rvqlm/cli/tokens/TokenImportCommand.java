package dev.rvqlm.cli.tokens;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.tokens.TokenManifest;
import dev.rvqlm.tokens.imports.ImportConfig;
import dev.rvqlm.tokens.imports.NpyImport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Options;

/** {@code rvq tokens import}: integer .npy arrays [K, T] made elsewhere become a token directory. */
public final class TokenImportCommand implements Command {

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "turn integer .npy arrays [K, T] (EnCodec, DAC, ...) into a token directory";
    }

    static Options options() {
        return new Options()
                .addOption(Arguments.valued("out", "DIR", "the token directory to write"))
                .addOption(Arguments.valued("frame-rate", "HZ", "frames per second of the codec that made the codes"))
                .addOption(Arguments.valued(
                        "sample-rate",
                        "HZ",
                        "audio sample rate of that codec, recorded in the " + "manifest (default 24000)"))
                .addOption(Arguments.valued("codebook-size", "N", "codes per codebook: every code is in [0, N)"))
                .addOption(Arguments.valued(
                        "codebooks",
                        "K",
                        "keep the first K codebooks of each array (default: all; "
                                + "then every array must have the same K)"))
                .addOption(Arguments.valued(
                        "source", "NAME", "what made the codes, recorded in the manifest " + "(default: imported)"))
                .addOption(Arguments.flag("help", "show this help"));
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = options();
        Arguments a = Arguments.parse(options, args, true);
        if (a.has("help")) {
            terminal.out()
                    .print(
                            Arguments.help(
                                    "rvq tokens import --frame-rate HZ --codebook-size N [--codebooks K] "
                                            + "FILES|DIR --out DIR",
                                    options,
                                    "rvq tokens import --frame-rate 75 --codebook-size 1024 --source encodec_24khz codes/ --out tokens/",
                                    "python3 -c 'import numpy as np; np.save(\"a.npy\", codes.astype(np.int16))'   # codes: [K, T]"));
            return 0;
        }
        if (a.operands().isEmpty()) {
            throw new UsageException("give the .npy files or a directory of them to import");
        }
        if (!a.has("frame-rate")) {
            throw new UsageException("missing required option --frame-rate");
        }
        ImportConfig config = new ImportConfig(
                a.real("frame-rate", Double.NaN),
                a.integer("sample-rate", 24000),
                a.integer("codebook-size"),
                a.integer("codebooks", 0),
                a.string("source", "imported"));
        Path out = Path.of(a.string("out"));
        TokenManifest manifest =
                NpyImport.run(config, a.operands().stream().map(Path::of).toList(), out, terminal.err()::println);
        long frames =
                manifest.files().stream().mapToLong(TokenManifest.Entry::frames).sum();
        terminal.out()
                .printf(
                        Locale.ROOT,
                        "%d files, K=%d, N=%d, %d frames (%.1f s) -> %s%n",
                        manifest.files().size(),
                        manifest.codebooks(),
                        manifest.codebookSize(),
                        frames,
                        frames / manifest.frameRate(),
                        out);
        return 0;
    }
}
