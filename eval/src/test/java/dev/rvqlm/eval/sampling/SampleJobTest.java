package dev.rvqlm.eval.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.lm.LmConfig;
import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.ModelShape;
import dev.rvqlm.lm.SampleConfig;
import dev.rvqlm.patterns.PatternSpec;
import dev.rvqlm.tokens.TokenFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleJobTest {

    @TempDir
    Path dir;

    static LmModel model() {
        LmConfig config = LmConfig.builder()
                .codebooks(2)
                .codebookSize(8)
                .shape(new ModelShape(8, 1, 2, 2, 0.0))
                .maxSequenceSteps(32)
                .build();
        LmModel model = LmModel.create(config, 3);
        model.setPatternSpec(PatternSpec.parse("delay"));
        return model;
    }

    @Test
    void samplesContinueThePromptAndAreWrittenOneFileEach() throws Exception {
        int[][] codes = {{1, 2, 3, 4, 5}, {6, 7, 0, 1, 2}};
        int[][] prompt = SampleJob.prompt(codes, 2, 3, 10, "p.npy");
        assertArrayEquals(new int[][] {{1, 2, 3}, {6, 7, 0}}, prompt);
        try (LmModel model = model()) {
            SampleJob.Result r = new SampleJob(10, 2, 4, SampleConfig.topK(4), prompt)
                    .run(model, Optional.empty(), dir, frames -> {});
            assertEquals(2, r.tokens().size());
            assertTrue(r.audio().isEmpty());
            for (Path file : r.tokens()) {
                int[][] sample = TokenFiles.read(file, 2, 8);
                assertEquals(10, sample[0].length);
                assertArrayEquals(new int[] {1, 2, 3}, Arrays.copyOf(sample[0], 3));
                assertArrayEquals(new int[] {6, 7, 0}, Arrays.copyOf(sample[1], 3));
            }
            assertEquals("sample_001.npy", r.tokens().get(1).getFileName().toString());
        }
    }

    @Test
    void aPromptOfTheWrongShapeOrLengthIsRefusedNamingIt() {
        int[][] codes = {{1, 2, 3}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SampleJob.prompt(codes, 2, -1, 10, "p.npy"))
                .getMessage()
                .contains("p.npy has K=1 codebooks but the model has K=2"));
        int[][] two = {{1, 2, 3}, {4, 5, 6}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SampleJob.prompt(two, 2, 4, 10, "p.npy"))
                .getMessage()
                .contains("more than p.npy's 3 frames"));
        assertEquals(2, SampleJob.prompt(two, 2, -1, 2, "p.npy")[0].length, "all of it, up to T");
        assertThrows(IllegalArgumentException.class, () -> new SampleJob(2, 1, 0, SampleConfig.topK(4), two));
    }
}
