package dev.rvqlm.eval.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rvqlm.eval.results.EvalResults;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    private static EvalResults results() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("budget", "steps");
        settings.put("seed", 42);
        return new EvalResults(Fixtures.musicGenLike(), settings);
    }

    @Test
    void resultsJsonUsesTheIssuesKeyNamesAndRoundTrips() throws Exception {
        EvalResults results = results();
        String json = ResultsJson.toJson(results);
        JsonNode root = ResultsJson.mapper().readTree(json);
        JsonNode first = root.get("patterns").get(0);
        for (String key : List.of("pattern", "sequence_steps_per_second", "train_flops", "train_seconds",
                "nll_bits_per_code", "nll_bits_per_code_by_codebook", "nll_bits_per_second", "sample_rtf_b1",
                "sample_rtf_b8", "peak_rss_mib")) {
            assertTrue(first.has(key), "results.json lacks " + key + ": " + first);
        }
        assertEquals("parallel", first.get("pattern").asText());
        assertEquals(4, first.get("nll_bits_per_code_by_codebook").size());
        assertEquals("steps", root.get("settings").get("budget").asText());
        assertEquals(results, ResultsJson.mapper().readValue(json, EvalResults.class));
    }

    @Test
    void writesEveryReportFileWithTablesPlotsAndTheVerdict() throws Exception {
        ReportWriter.write(results(), dir);
        for (String name : List.of("results.json", "results.csv", "report.md", "report.html", Plots.QUALITY_VS_STEPS,
                Plots.QUALITY_VS_RTF, Plots.TRAINING_CURVES, Plots.NLL_BY_CODEBOOK)) {
            assertTrue(Files.size(dir.resolve(name)) > 0, name);
        }
        BufferedImage image = ImageIO.read(dir.resolve(Plots.QUALITY_VS_STEPS).toFile());
        assertEquals(720, image.getWidth());

        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("This data agrees with MusicGen's finding"), md);
        assertTrue(md.contains("| flatten | 5.0000 | 1500.0 | 9600 |"), md);
        assertTrue(md.contains("![training-curves.png](training-curves.png)"), md);

        String html = Files.readString(dir.resolve("report.html"));
        assertFalse(html.contains("src=\"quality"), "figures must be inline, not linked");
        Matcher images = java.util.regex.Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
                .matcher(html);
        int count = 0;
        while (images.find()) {
            byte[] png = Base64.getDecoder().decode(images.group(1));
            assertTrue(ImageIO.read(new ByteArrayInputStream(png)).getHeight() > 0);
            count++;
        }
        assertEquals(4, count);
        assertArrayEquals(Files.readAllBytes(dir.resolve(Plots.NLL_BY_CODEBOOK)),
                Plots.all(results().patterns()).get(Plots.NLL_BY_CODEBOOK));
        try (var files = Files.list(dir)) {
            assertEquals(8, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void csvHasOneRowPerPatternAndOneColumnPerCodebook() {
        String[] lines = ResultsCsv.of(Fixtures.musicGenLike()).split("\n");
        assertEquals(5, lines.length);
        String[] header = lines[0].split(",");
        assertEquals("nll_bits_per_code_k3", header[header.length - 1]);
        String[] flatten = lines[4].split(",");
        assertEquals(header.length, flatten.length);
        assertEquals("flatten", flatten[0]);
        assertEquals(1500.0, Double.parseDouble(flatten[7]), 1e-9);
        assertTrue(ResultsCsv.of(List.of(Fixtures.result("a,b", 1, 1))).split("\n")[1].startsWith("\"a,b\","));
    }

    @Test
    void summaryTableIsAlignedText() {
        String text = ReportTables.summary(Fixtures.musicGenLike()).text();
        String[] lines = text.split("\n");
        assertEquals(5, lines.length);
        assertTrue(lines[0].startsWith("pattern"));
        assertEquals(lines[0].length(), lines[4].length());
        assertTrue(lines[4].startsWith("flatten"));
    }
}
