package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints written by format 2 (before the shared tensor file; {@code src/test/resources/legacy}, written by
 * {@link WriteCheckpointFixtures} at that time) still load: the model gives its recorded held-out NLL and seeded
 * samples, and a training checkpoint resumes to the recorded losses of the unbroken run.
 */
class LegacyCheckpointTest {

    @TempDir
    Path dir;

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(LegacyCheckpointTest.class.getResource("/legacy/" + name).toURI());
    }

    static double[] numbers(String name) throws IOException, URISyntaxException {
        return Files.readAllLines(fixture(name)).stream()
                .mapToDouble(Double::parseDouble)
                .toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"interleaved", "depth"})
    void aFormatTwoModelGivesItsRecordedNllAndSamples(String family) throws Exception {
        try (LmModel model = LmModel.load(fixture("checkpoint-v2-" + family + ".rvqlm"))) {
            NllResult nll = LmEvaluator.evaluate(model, List.<int[][]>of(WriteCheckpointFixtures.HELD_OUT), 1);
            assertArrayEquals(numbers("checkpoint-v2-" + family + ".nll.txt"), nll.nats(), 1e-4);
            int[][][] samples = Sampler.generate(model, 2, 10, SampleConfig.topK(4), 7);
            List<String> lines = new ArrayList<>();
            for (int[][] sample : samples) {
                for (int[] stream : sample) {
                    lines.add(Arrays.toString(stream));
                }
            }
            assertEquals(Files.readAllLines(fixture("checkpoint-v2-" + family + ".samples.txt")), lines);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interleaved", "depth"})
    void aFormatTwoTrainingCheckpointResumesToTheRecordedLosses(String family) throws Exception {
        Files.copy(fixture("checkpoint-v2-" + family + "-train.rvqlm"), dir.resolve(LmTrainer.CHECKPOINT));
        TrainResult resumed = LmTrainer.resume(dir, WriteCheckpointFixtures.corpus(), TrainListener.NONE);
        try (LmModel model = resumed.model()) {
            assertArrayEquals(numbers("checkpoint-v2-" + family + "-train.losses.txt"), resumed.losses(), 1e-5);
        }
    }
}
