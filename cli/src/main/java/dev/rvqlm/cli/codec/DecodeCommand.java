package dev.rvqlm.cli.codec;

import dev.rvqlm.cli.Arguments;
import dev.rvqlm.cli.Command;
import dev.rvqlm.cli.JsonOutput;
import dev.rvqlm.cli.Terminal;
import dev.rvqlm.cli.UsageException;
import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.Codec;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.Options;

/** {@code rvq decode}: codes back to WAV, with all K or the first k codebooks. */
public final class DecodeCommand implements Command {

    @Override
    public String name() {
        return "decode";
    }

    @Override
    public String summary() {
        return "decode .npy codes (a file or a token directory) to WAV";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Options options = new Options()
                .addOption(Arguments.valued("codec", "FILE", "codec file"))
                .addOption(
                        Arguments.valued("tokens", "FILE|DIR", "a .npy file, or a token directory with manifest.json"))
                .addOption(Arguments.valued("out", "DIR|FILE.wav", "WAV file (for one .npy) or directory"))
                .addOption(Arguments.valued("codebooks", "k", "decode with the first k codebooks (default: all)"))
                .addOption(Arguments.json())
                .addOption(Arguments.flag("help", "show this help"));
        Arguments a = Arguments.parse(options, args);
        if (a.has("help")) {
            terminal.out()
                    .print(Arguments.help(
                            "rvq decode --codec codec.rvq --tokens FILE|DIR --out DIR|FILE.wav",
                            options,
                            "rvq decode --codec codec.rvq --tokens tokens/test --out decoded --codebooks 4",
                            "rvq decode --codec codec.rvq --tokens clip.npy --out clip.wav"));
            return 0;
        }
        Path tokens = Path.of(a.string("tokens"));
        Path out = Path.of(a.string("out"));
        List<Path> written = new ArrayList<>();
        try (Codec codec = Codec.load(Path.of(a.string("codec")))) {
            if (Files.isDirectory(tokens)) {
                TokenManifest manifest = TokenManifest.read(tokens);
                manifest.checkCodec(codec.identity(), tokens);
                if (out.getFileName().toString().endsWith(".wav") || Files.isRegularFile(out)) {
                    throw new UsageException("--out " + out + " must be a directory when --tokens is a directory");
                }
                for (TokenManifest.Entry e : manifest.files()) {
                    String wav = e.name().endsWith(".npy")
                            ? e.name().substring(0, e.name().length() - 4) + ".wav"
                            : e.name() + ".wav";
                    decodeOne(codec, manifest.resolve(tokens, e), out.resolve(wav), a);
                    written.add(out.resolve(wav));
                }
                if (!a.has("json")) {
                    terminal.out()
                            .printf("decoded %d files to %s%n", manifest.files().size(), out);
                }
            } else {
                Path target = out.getFileName().toString().endsWith(".wav")
                        ? out
                        : out.resolve(tokens.getFileName().toString().replaceFirst("\\.npy$", "") + ".wav");
                decodeOne(codec, tokens, target, a);
                written.add(target);
                if (!a.has("json")) {
                    terminal.out().printf("decoded %s to %s%n", tokens, target);
                }
            }
            if (a.has("json")) {
                JsonOutput.print(terminal, Map.of("wavs", written, "sampleRate", codec.sampleRate()));
            }
        }
        return 0;
    }

    private static void decodeOne(Codec codec, Path npy, Path wav, Arguments a) throws Exception {
        int[][] codes = TokenFiles.read(npy, codec.codebooks(), codec.codebookSize());
        int k = a.integer("codebooks", codes.length);
        if (k < 1 || k > codes.length) {
            throw new IllegalArgumentException("--codebooks " + k + " is outside 1.." + codes.length + " for " + npy);
        }
        if (!a.has("codebooks") && codes.length != codec.codebooks()) {
            throw new IllegalArgumentException(npy + ": has K=" + codes.length + " codebooks but the codec has K="
                    + codec.codebooks() + " (pass --codebooks " + codes.length + " to decode with them)");
        }
        AudioIO.writeWav(wav, codec.decode(codes, k), codec.sampleRate());
    }
}
