package dev.rvqlm.tokens.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rvqlm.tokens.AtomicFiles;
import dev.rvqlm.tokens.TokenFileException;
import dev.rvqlm.tokens.TokenFiles;
import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Writes a token directory drawn from a {@link MarkovSource}: one {@code .npy} [K, T] per file, {@code manifest.json},
 * and {@code synth.json} with the source's settings and its exact entropies, which {@code rvq eval} prints beside
 * each pattern's figure.
 *
 * <pre>{@code
 * SynthCorpus.Description d = SynthCorpus.write(SynthConfig.defaults(0), Path.of("synth"), System.out::println);
 * d.entropy().exactBitsPerCode();      // e.g. 1.5: the best an exact factorisation reaches
 * d.entropy().parallelBitsPerCode();   // e.g. 2.6: the best parallel reaches
 * }</pre>
 */
public final class SynthCorpus {

    /** The file beside the manifest that describes the source. */
    public static final String FILE_NAME = "synth.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What {@code synth.json} holds. */
    public record Description(SynthConfig config, SourceEntropy entropy) {}

    private SynthCorpus() {}

    /** Draws the tables, computes the entropies, writes the files; returns what {@code synth.json} says. */
    public static Description write(SynthConfig config, Path directory, Consumer<String> progress) throws IOException {
        MarkovSource source = MarkovSource.random(config.source());
        SourceEntropy entropy = SourceEntropy.of(source);
        progress.accept(String.format(
                Locale.ROOT,
                "source: K=%d N=%d, exact %.4f bits/code, parallel bound %.4f bits/code",
                config.source().codebooks(),
                config.source().codebookSize(),
                entropy.exactBitsPerCode(),
                entropy.parallelBitsPerCode()));
        Files.createDirectories(directory);
        SplittableRandom root = new SplittableRandom(config.source().seed() ^ 0x5EED_F11E5L);
        int digits = Math.max(3, String.valueOf(config.files() - 1).length());
        List<TokenManifest.Entry> entries = new ArrayList<>();
        for (int i = 0; i < config.files(); i++) {
            int[][] codes = source.sample(config.frames(), SynthConfig.BURN_IN, root.split());
            String name = String.format("synth-%0" + digits + "d.npy", i);
            TokenFiles.write(directory.resolve(name), codes, config.source().codebookSize());
            entries.add(new TokenManifest.Entry(name, config.frames(), "synth"));
        }
        progress.accept("wrote " + config.files() + " files of " + config.frames() + " frames to " + directory);
        Description description = new Description(config, entropy);
        AtomicFiles.write(directory.resolve(FILE_NAME), JSON.writeValueAsBytes(description));
        String identity = String.format(
                "synth:K=%d,N=%d,support=%d,floor=%s,seed=%d",
                config.source().codebooks(),
                config.source().codebookSize(),
                config.source().support(),
                config.source().floor(),
                config.source().seed());
        if (config.source().firstSupport() != config.source().support()
                || !config.source().ownPast()) {
            // sources beyond the first kind say so; the first kind keeps the identity it always had
            identity += ",first_support=" + config.source().firstSupport() + ",own_past="
                    + config.source().ownPast();
        }
        // no audio behind these codes: the sample rate recorded is the frame rate's (one sample per frame)
        TokenManifest.of(
                        identity,
                        (int) Math.max(1, Math.round(config.frameRate())),
                        config.frameRate(),
                        config.source().codebooks(),
                        config.source().codebookSize(),
                        entries)
                .write(directory);
        return description;
    }

    /** The description in {@code directory/synth.json}, if the directory was made by {@link #write}. */
    public static Optional<Description> read(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Description.class));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new TokenFileException(file, "not a valid synth description (" + e.getOriginalMessage() + ")");
        }
    }
}
