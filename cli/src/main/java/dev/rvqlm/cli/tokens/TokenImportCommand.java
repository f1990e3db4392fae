package dev.rvqlm.cli.tokens;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.tokens.TokenManifest;
import dev.rvqlm.tokens.imports.ImportConfig;
import dev.rvqlm.tokens.imports.ImportLayout;
import dev.rvqlm.tokens.imports.TokenImport;
import dev.rvqlm.tokens.imports.TokenLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Options;

/**
 * {@code rvq tokens import}: integer arrays made elsewhere ({@code .npy}, {@code .npz}, safetensors; [K, T], [T, K] or
 * batches [B, K, T], [B, T, K]) become a token directory.
 */
public final class TokenImportCommand implements Command {

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "turn codes from PyTorch (.npy, .npz, safetensors; [B, K, T], [K, T], ...) into a token directory";
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
                .addOption(Arguments.valued(
                        "layout",
                        "AXES",
                        "axes of the arrays: KT, TK, BKT or BTK (default: KT for 2-D arrays, BKT for 3-D; a batch "
                                + "becomes one file per item, NAME_i.npy)"))
                .addOption(Arguments.valued(
                        "lengths",
                        "FILE",
                        "frames to keep of each item, in import order: a 1-D integer .npy or one integer a line"))
                .addOption(Arguments.valued(
                        "pad", "CODE", "cut each item's trailing frames whose every code is CODE (e.g. -1)"))
                .addOption(Arguments.valued(
                        "tensor", "NAME", "import only this array of an .npz or tensor of a safetensors file"))
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
                                    "rvq tokens import --frame-rate HZ --codebook-size N [--codebooks K] [--layout AXES]"
                                            + " [--lengths FILE | --pad CODE] [--tensor NAME] [--source NAME]"
                                            + " [--sample-rate HZ] FILES|DIR --out DIR",
                                    options,
                                    "rvq tokens import --frame-rate 75 --codebook-size 1024 --source encodec_24khz codes/ --out tokens/",
                                    "rvq tokens import --frame-rate 75 --codebook-size 1024 --lengths lengths.npy batch.npy --out tokens/",
                                    "rvq tokens import --frame-rate 12.5 --codebook-size 2048 --tensor audio_codes mimi.safetensors --out tokens/",
                                    "python3 -c 'import numpy as np; np.save(\"batch.npy\", codes.cpu().numpy())'   # codes: [B, K, T]"));
            return 0;
        }
        if (a.operands().isEmpty()) {
            throw new UsageException("give the .npy, .npz or .safetensors files, or a directory of them, to import");
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
        if (a.has("lengths") && a.has("pad")) {
            throw new UsageException("--lengths and --pad both say where items end: give one");
        }
        ImportLayout.Trim trim = a.has("lengths")
                ? new ImportLayout.Trim.Lengths(Path.of(a.string("lengths")))
                : a.has("pad") ? new ImportLayout.Trim.Padding(a.integer("pad")) : ImportLayout.Trim.NONE;
        TokenLayout layout;
        try {
            layout = a.has("layout") ? TokenLayout.parse(a.string("layout")) : null;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--layout: " + e.getMessage());
        }
        Path out = Path.of(a.string("out"));
        TokenManifest manifest = TokenImport.run(
                config,
                new ImportLayout(layout, a.string("tensor", null), trim),
                a.operands().stream().map(Path::of).toList(),
                out,
                terminal.err()::println);
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
