package dev.rvqlm.eval.run;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;

/**
 * What a child process training one run tells its parent, one JSON line each (an object with an {@code "event"}
 * field), so that the parent reads typed values rather than parsing text it printed:
 *
 * <pre>
 *   {"event":"step","step":12,"steps":400,"loss":5.8123,"codesPerSecond":20480.0,"etaSeconds":95.5}
 *   {"event":"note","text":"validation 0.2 of the files"}
 *   {"event":"done","summary":"stopped at step 300, test NLL ..."}
 * </pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ProgressEvent.Step.class, name = "step"),
    @JsonSubTypes.Type(value = ProgressEvent.Note.class, name = "note"),
    @JsonSubTypes.Type(value = ProgressEvent.Done.class, name = "done")
})
public sealed interface ProgressEvent {

    /** A training step ended: 1-based {@code step} of {@code steps}, with the run's figures. */
    record Step(int step, int steps, double loss, double codesPerSecond, double etaSeconds) implements ProgressEvent {}

    /** A phase of the run (validation, scoring, sampling, reuse). */
    record Note(String text) implements ProgressEvent {}

    /** The run is done. */
    record Done(String summary) implements ProgressEvent {}

    /** The one line this event is sent as. */
    default String line() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a progress event (a bug)", e);
        }
    }

    /** The event a line holds, or empty for any other line (a child's errors and summaries go to its log). */
    static Optional<ProgressEvent> parse(String line) {
        if (!line.startsWith("{\"event\":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(line, ProgressEvent.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The mapper of progress lines: non-finite doubles (an ETA not known yet) as strings, read back. */
    final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();

        private Json() {}
    }
}
