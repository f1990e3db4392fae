package dev.rvqlm.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.patterns.golden.GoldenCase;
import dev.rvqlm.patterns.golden.GoldenChecker;
import dev.rvqlm.patterns.golden.GoldenFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every case AudioCraft's codebooks_patterns.py produced (test resource golden/patterns-public.json). */
class GoldenCasesTest {

    private static List<GoldenCase> cases() throws IOException {
        try (InputStream in = GoldenCasesTest.class.getResourceAsStream("/golden/patterns-public.json")) {
            return GoldenFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "patterns-public.json");
        }
    }

    @TestFactory
    Stream<DynamicTest> agreesWithTheReference() throws IOException {
        return cases().stream()
                .map(golden -> DynamicTest.dynamicTest(golden.id(), () -> {
                    List<String> problems = GoldenChecker.check(golden);
                    assertTrue(problems.isEmpty(), golden.id() + ": " + String.join("; ", problems));
                }));
    }

    @Test
    void theFileHoldsAllCasesIncludingRejections() throws IOException {
        List<GoldenCase> cases = cases();
        assertEquals(158, cases.size());
        assertEquals(5, cases.stream().filter(GoldenCase::expectsError).count());
    }
}
