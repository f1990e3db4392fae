package dev.rvqlm.cli.codec;

import dev.rvqlm.tokenizer.AudioIO;
import dev.rvqlm.tokenizer.TokenDirectoryWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Audio files named on the command line and how each is named in outputs. */
final class AudioInputs {

    /** One input file and its name relative to the directory it was found in (or its own name). */
    record Input(Path file, String relativeName) {

        /** The relative name with its extension replaced. */
        String withExtension(String extension) {
            return TokenDirectoryWriter.withoutExtension(relativeName) + extension;
        }
    }

    private AudioInputs() {}

    static List<Input> list(List<String> paths) throws IOException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no audio given");
        }
        List<Input> out = new ArrayList<>();
        for (String p : paths) {
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                for (Path f : AudioIO.listAudio(List.of(path))) {
                    out.add(new Input(f, path.relativize(f).toString().replace('\\', '/')));
                }
            } else {
                AudioIO.listAudio(List.of(path)); // fails with a clear message when it does not exist
                out.add(new Input(path, path.getFileName().toString()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no audio files (" + String.join(", ", AudioIO.AUDIO_EXTENSIONS)
                    + ") under " + String.join(", ", paths));
        }
        return out;
    }

    /** Reads every input as mono at {@code rate}, in parallel, keeping the order. */
    static List<float[]> readAll(List<Input> inputs, int rate) {
        return inputs.parallelStream()
                .map(in -> {
                    try {
                        return AudioIO.readMono(in.file(), rate);
                    } catch (IOException e) {
                        throw new UncheckedIOException(in.file() + ": " + e.getMessage(), e);
                    }
                })
                .toList();
    }
}
