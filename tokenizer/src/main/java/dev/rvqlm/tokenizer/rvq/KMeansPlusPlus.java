package dev.rvqlm.tokenizer.rvq;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * k-means++ seeding: the first centre is a uniform draw, each next one is drawn with probability proportional to
 * its squared distance from the nearest centre chosen so far (Arthur and Vassilvitskii 2007).
 */
public final class KMeansPlusPlus {

    private KMeansPlusPlus() {}

    /**
     * @param points [S·D] row-major, S >= 1
     * @return [N·D] centres; with fewer distinct points than N the rest are repeats of drawn points
     */
    public static float[] seed(float[] points, int count, int dim, int centres, SplittableRandom random) {
        float[] out = new float[centres * dim];
        double[] nearest = new double[count];
        int first = random.nextInt(count);
        System.arraycopy(points, first * dim, out, 0, dim);
        updateDistances(points, count, dim, out, 0, nearest, true);
        for (int c = 1; c < centres; c++) {
            double total = 0;
            for (double d : nearest) {
                total += d;
            }
            int pick;
            if (total <= 0) {
                pick = random.nextInt(count);
            } else {
                double u = random.nextDouble() * total;
                pick = count - 1;
                double acc = 0;
                for (int i = 0; i < count; i++) {
                    acc += nearest[i];
                    if (acc > u) {
                        pick = i;
                        break;
                    }
                }
            }
            System.arraycopy(points, pick * dim, out, c * dim, dim);
            updateDistances(points, count, dim, out, c, nearest, false);
        }
        return out;
    }

    /** Uniform draws without k-means++ weighting (with replacement when S < N). */
    public static float[] randomSamples(float[] points, int count, int dim, int centres, SplittableRandom random) {
        float[] out = new float[centres * dim];
        for (int c = 0; c < centres; c++) {
            System.arraycopy(points, random.nextInt(count) * dim, out, c * dim, dim);
        }
        return out;
    }

    private static void updateDistances(
            float[] points, int count, int dim, float[] centres, int c, double[] nearest, boolean first) {
        int base = c * dim;
        IntStream.range(0, (count + 1023) / 1024).parallel().forEach(chunk -> {
            int end = Math.min(count, (chunk + 1) * 1024);
            for (int i = chunk * 1024; i < end; i++) {
                int p = i * dim;
                float acc = 0;
                for (int d = 0; d < dim; d++) {
                    float diff = points[p + d] - centres[base + d];
                    acc += diff * diff;
                }
                if (first || acc < nearest[i]) {
                    nearest[i] = acc;
                }
            }
        });
    }
}
