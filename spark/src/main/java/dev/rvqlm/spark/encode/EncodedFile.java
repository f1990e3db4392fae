package dev.rvqlm.spark.encode;

import java.io.Serializable;

/**
 * What a task reports for one file: its manifest entry and the codec that encoded it, or the problem with the file
 * (bad input is reported, not thrown, so Spark does not retry what cannot succeed).
 */
record EncodedFile(int index, String name, int frames, String source, double seconds, String codec, String problem)
        implements Serializable {

    static EncodedFile failed(AudioFile file, String problem) {
        return new EncodedFile(file.index(), file.tokenName(), 0, file.source(), 0, null, problem);
    }

    boolean ok() {
        return problem == null;
    }
}
