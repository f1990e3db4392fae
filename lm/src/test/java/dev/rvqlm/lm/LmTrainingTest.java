package dev.rvqlm.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LmTrainingTest {

    @Test
    void eachSetterChangesOnlyItsOwnField() {
        LmTraining d = LmTraining.defaults();
        LmTraining faster = d.toBuilder().learningRate(1e-3).build();
        assertEquals(1e-3, faster.schedule().learningRate());
        assertEquals(d.schedule().minLearningRate(), faster.schedule().minLearningRate(), "the minimum stays put");
        assertEquals(d.data(), faster.data());
        assertEquals(d.optimizer(), faster.optimizer());
        assertEquals(d.run(), faster.run());
        assertEquals(d, d.toBuilder().build(), "a builder round trip changes nothing");
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> LmTraining.defaults().toBuilder()
                        .learningRate(1e-3)
                        .minLearningRate(1e-2)
                        .build());
        assertTrue(e.getMessage().contains("minLearningRate"), e.getMessage());
        IllegalArgumentException t = assertThrows(
                IllegalArgumentException.class,
                () -> LmTraining.defaults().toBuilder().timesteps(0).build());
        assertTrue(t.getMessage().contains("timesteps"), t.getMessage());
    }

    @Test
    void theSettingsSurviveAJsonRoundTrip() throws Exception {
        LmTraining t = Tiny.trainBuilder(8, 7).decay(LmTraining.DecayPolicy.ALL).build();
        String json = LmJson.line(t);
        assertTrue(json.contains("\"schedule\":{\"steps\":7"), json);
        assertEquals(t, LmJson.MAPPER.readValue(json, LmTraining.class));
    }
}
