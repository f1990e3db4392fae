package dev.rvqlm.eval.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rvqlm.eval.frontier.Frontiers;
import dev.rvqlm.eval.results.EvalResults;
import dev.rvqlm.eval.results.ResultsJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    private static EvalResults results() {
        return Fixtures.results(Fixtures.musicGenLike());
    }

    @Test
    void resultsJsonUsesTheIssuesKeyNamesAndRoundTrips() throws Exception {
        EvalResults results = results();
        String json = ResultsJson.toJson(results);
        JsonNode root = ResultsJson.mapper().readTree(json);
        JsonNode first = root.get("runs").get(0);
        for (String path : List.of(
                "run/model",
                "run/size/dim",
                "run/seed",
                "directory",
                "parameters",
                "training/flops",
                "training/seconds",
                "training/selection/best_step",
                "test/bits_per_code",
                "test/bits_per_code_by_codebook",
                "test/bits_per_second",
                "sampling/sequence_steps_per_second",
                "sampling/rtf_batch1",
                "sampling/large_batch",
                "sampling/rtf_large_batch",
                "peak_rss_mib")) {
            assertFalse(first.at("/" + path).isMissingNode(), "results.json lacks " + path + ": " + first);
        }
        assertEquals("parallel", first.at("/run/model").asText());
        assertEquals(4, first.at("/test/bits_per_code_by_codebook").size());
        assertEquals(
                "equal steps: cap 100 steps per pattern",
                root.get("settings").get("budget").asText());
        assertEquals(8, first.at("/test/by_file/files").size());
        assertEquals(4, root.get("summaries").size());
        assertTrue(root.get("summaries").get(0).get("bits_per_second").has("low"));
        assertEquals(6, root.get("comparisons").size());
        assertEquals(results, ResultsJson.mapper().readValue(json, EvalResults.class));
    }

    @Test
    void writesEveryReportFileWithTablesPlotsAndTheVerdict() throws Exception {
        EvalResults results = results();
        ReportWriter.write(
                results.withFrontier(Frontiers.of(results.runs(), 4, 75.0).orElseThrow()), dir);
        List<String> figures = List.of(
                Plots.FRONTIER,
                Plots.QUALITY_VS_FLOPS,
                Plots.QUALITY_VS_WALL,
                Plots.TRAINING_CURVES,
                Plots.QUALITY_VS_STEPS,
                Plots.QUALITY_VS_RTF,
                Plots.NLL_BY_CODEBOOK);
        List<String> files = new ArrayList<>(List.of("results.json", "results.csv", "report.md", "report.html"));
        files.addAll(figures);
        for (String name : files) {
            assertTrue(Files.size(dir.resolve(name)) > 0, name);
        }
        BufferedImage image = ImageIO.read(dir.resolve(Plots.QUALITY_VS_STEPS).toFile());
        assertEquals(720, image.getWidth());

        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.startsWith("# rvqlm eval: which pattern wins?\n\nHeld-out bits/s, lower is better"), md);
        assertTrue(md.contains("4 of 4 claims hold"), md);
        assertTrue(md.contains("Caution: 8 of 8 runs ended still improving at the step cap"), md);
        assertTrue(md.contains("| flatten | 2 | 5.0050 ["), md);
        assertTrue(md.contains("| delay − flatten | 30.0 | flatten < delay |"), md);
        assertTrue(
                md.contains("Compute frontier (validation bits/s of the best of 1 size within each training-FLOPs "),
                md);
        assertTrue(
                md.contains("Warnings: 8 runs ended still improving at the step cap (best validation at the last "
                        + "validation; more steps would lower their figures): parallel seed 0, parallel seed 1,"),
                md);
        assertTrue(md.contains("| budget | equal steps: cap 100 steps per pattern |"), md);
        assertTrue(md.contains("![training-curves.png](training-curves.png)"), md);

        String html = Files.readString(dir.resolve("report.html"));
        assertFalse(html.contains("src=\"quality"), "figures must be inline, not linked");
        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
                .matcher(html);
        int count = 0;
        while (images.find()) {
            byte[] png = Base64.getDecoder().decode(images.group(1));
            assertTrue(ImageIO.read(new ByteArrayInputStream(png)).getHeight() > 0);
            count++;
        }
        assertEquals(figures.size(), count);
        assertArrayEquals(
                Files.readAllBytes(dir.resolve(Plots.NLL_BY_CODEBOOK)),
                Plots.all(results()).get(Plots.NLL_BY_CODEBOOK));
        try (var listing = Files.list(dir)) {
            assertEquals(files.size(), listing.count(), "no temporary files left behind");
        }
    }

    @Test
    void csvHasOneRowPerRunAndOneColumnPerCodebook() {
        String[] lines = ResultsCsv.of(Fixtures.musicGenLike()).split("\n");
        assertEquals(9, lines.length);
        String[] header = lines[0].split(",");
        assertEquals("nll_bits_per_code_k3", header[header.length - 1]);
        String[] flatten = lines[8].split(",");
        assertEquals(header.length, flatten.length);
        assertEquals("flatten", flatten[0]);
        assertEquals("128x2", flatten[1]);
        assertEquals("1", flatten[2]);
        assertEquals(1503.0, Double.parseDouble(flatten[10]), 1e-9);
        assertTrue(ResultsCsv.of(List.of(Fixtures.result("delay:delays=0,1", 1, 1)))
                .split("\n")[1]
                .startsWith("\"delay:delays=0,1\","));
    }

    @Test
    void summaryTableIsAlignedText() {
        String text = ReportTables.summary(results()).text();
        String[] lines = text.split("\n");
        assertEquals(5, lines.length);
        assertTrue(lines[0].startsWith("pattern"));
        assertEquals(lines[0].length(), lines[4].length());
        assertTrue(lines[4].startsWith("flatten"));
    }
}
