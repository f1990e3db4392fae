package dev.rvqlm.tokenizer;

import dev.rvqlm.tokenizer.rvq.Codebooks;
import dev.rvqlm.tokenizer.rvq.ResidualQuantizer;
import java.util.LinkedHashMap;
import java.util.Map;

/** The classical codec's coder: greedy residual VQ directly on the feature vectors. */
public final class ClassicalCoder implements FeatureCoder {

    public static final String KIND = "classical";

    private final Codebooks codebooks;
    private final ResidualQuantizer quantizer;

    public ClassicalCoder(Codebooks codebooks) {
        this.codebooks = codebooks;
        this.quantizer = new ResidualQuantizer(codebooks);
    }

    @Override
    public int[][] encode(float[][] features) {
        return quantizer.encode(features);
    }

    @Override
    public float[][] decode(int[][] codes, int firstK) {
        return codebooks.decode(codes, firstK);
    }

    @Override
    public Codebooks codebooks() {
        return codebooks;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, float[]> tensors() {
        return codebookTensors(codebooks);
    }

    @Override
    public Map<String, long[]> tensorShapes() {
        return codebookShapes(codebooks);
    }

    /** "codebook.k" → stage k's [N·D] codewords. */
    public static Map<String, float[]> codebookTensors(Codebooks books) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int k = 0; k < books.count(); k++) {
            out.put("codebook." + k, books.stage(k));
        }
        return out;
    }

    public static Map<String, long[]> codebookShapes(Codebooks books) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (int k = 0; k < books.count(); k++) {
            out.put("codebook." + k, new long[] {books.size(), books.dimension()});
        }
        return out;
    }

    @Override
    public void close() {
        quantizer.close();
    }
}
