package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelEntryTest {

    @Test
    void aPatternEntryRunsOverItsPatternWithHeads() {
        ModelEntry delay = ModelEntry.parse(" delay:delays=0,1,2,3 ");
        assertInstanceOf(ModelEntry.Interleaved.class, delay);
        assertEquals("delay:delays=0,1,2,3", delay.toString());
        assertEquals("delay:delays=0,1,2,3", delay.layout(4).toString());
        LmConfig config = delay.lmConfig(ModelShape.small(), 4, 1024, 300);
        assertEquals(LmFamily.INTERLEAVED, config.family());
        assertEquals(ModelShape.small(), config.shape());
        assertEquals(300, config.maxSequenceSteps());
    }

    @Test
    void aDepthEntryRunsOverItsTemporalLayoutWithTheDepthFamily() {
        ModelEntry plain = ModelEntry.parse("depth");
        ModelEntry moshi = ModelEntry.parse(" depth:layers=2:acoustic_delay=1");
        assertEquals("parallel", plain.layout(4).toString());
        assertEquals("delay:delays=0,1,1,1", moshi.layout(4).toString());
        assertEquals("depth:acoustic_delay=1:layers=2", moshi.toString(), "canonical order, as run caches key it");
        LmConfig config = moshi.lmConfig(ModelShape.small(), 4, 1024, 300);
        LmFamily.Depth depth = config.depth();
        assertEquals(2, depth.layers());
        assertEquals(LmFamily.Depth.defaultFor(ModelShape.small()).dim(), depth.dim());
        assertEquals(ModelShape.small(), config.shape(), "the temporal transformer keeps the shape");
    }

    @Test
    void onlyTheParallelPatternIsParallel() {
        assertTrue(ModelEntry.parse("parallel").isParallelPattern());
        assertTrue(ModelEntry.parse("parallel:empty_initial=0").isParallelPattern());
        assertFalse(ModelEntry.parse("depth").isParallelPattern(), "depth runs over parallel but models frames");
        assertFalse(ModelEntry.parse("delay").isParallelPattern());
    }

    @Test
    void roundTripsThroughJsonAsItsText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String text : List.of("flatten", "partial-flatten:flattening=0,1,1,1", "depth:acoustic_delay=1")) {
            ModelEntry entry = ModelEntry.parse(text);
            String written = json.writeValueAsString(entry);
            assertEquals('"' + text + '"', written);
            assertEquals(entry, json.readValue(written, ModelEntry.class));
        }
    }

    @Test
    void badTextNamesItself() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModelEntry.parse("depth:delay=1"));
        assertTrue(e.getMessage().contains("depth:delay=1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelEntry.parse("zigzag"));
    }

    @Test
    void sizesParseWithDerivedHeadsAndPrintAsTheyParse() {
        assertEquals(ModelShape.small(), ModelShape.parseSize("128x2"));
        assertEquals(ModelShape.standard(), ModelShape.parseSize("256X6"));
        assertEquals(2, ModelShape.parseSize("64x2").heads());
        assertEquals(1, ModelShape.parseSize("16x1").heads());
        assertEquals("128x2", ModelShape.small().label());
        ModelShape odd = ModelShape.parseSize("128x2x2");
        assertEquals(2, odd.heads());
        assertEquals("128x2x2", odd.label());
        assertEquals(odd, ModelShape.parseSize(odd.label()));
        assertEquals(3, ModelShape.derivedHeads(96));
        assertEquals(5, ModelShape.derivedHeads(160));
        assertEquals(1, ModelShape.derivedHeads(4));
    }

    @Test
    void badSizesNameTheText() {
        for (String bad : List.of("128", "128x", "x2", "128x2x3x4", "127x2", "128xtwo", "128x0")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ModelShape.parseSize(bad), bad);
            assertFalse(e.getMessage().isBlank());
        }
    }
}
