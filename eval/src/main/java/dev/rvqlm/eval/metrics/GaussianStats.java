package dev.rvqlm.eval.metrics;

/**
 * Mean and covariance of a set of feature frames (e.g. log-mel frames), the summary a Fréchet distance compares.
 * M is the feature dimension (mel bands).
 *
 * @param mean       [M]
 * @param covariance [M][M], the unbiased sample covariance (divided by count - 1)
 * @param count      number of frames summarised, at least 2
 */
public record GaussianStats(double[] mean, double[][] covariance, long count) {

    public GaussianStats {
        if (count < 2) {
            throw new IllegalArgumentException("Gaussian statistics need at least 2 frames, got " + count);
        }
        if (covariance.length != mean.length) {
            throw new IllegalStateException(
                    "covariance has " + covariance.length + " rows but the mean has " + mean.length + " dimensions");
        }
        for (double[] row : covariance) {
            if (row.length != mean.length) {
                throw new IllegalStateException(
                        "covariance must be " + mean.length + "x" + mean.length + ", found a row of " + row.length);
            }
        }
        mean = mean.clone();
        covariance = deepCopy(covariance);
    }

    /** Statistics of {@code frames} [F][M], F frames of M features each. */
    public static GaussianStats of(float[][] frames) {
        if (frames.length < 2) {
            throw new IllegalArgumentException("Gaussian statistics need at least 2 frames, got " + frames.length);
        }
        int m = frames[0].length;
        double[] mean = new double[m];
        for (float[] frame : frames) {
            if (frame.length != m) {
                throw new IllegalArgumentException(
                        "frames must all have " + m + " features, found one with " + frame.length);
            }
            for (int i = 0; i < m; i++) {
                mean[i] += frame[i];
            }
        }
        for (int i = 0; i < m; i++) {
            mean[i] /= frames.length;
        }
        double[][] covariance = new double[m][m];
        double[] centred = new double[m];
        for (float[] frame : frames) {
            for (int i = 0; i < m; i++) {
                centred[i] = frame[i] - mean[i];
            }
            for (int i = 0; i < m; i++) {
                for (int j = i; j < m; j++) {
                    covariance[i][j] += centred[i] * centred[j];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                covariance[i][j] /= frames.length - 1;
                covariance[j][i] = covariance[i][j];
            }
        }
        return new GaussianStats(mean, covariance, frames.length);
    }

    /** M, the feature dimension. */
    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] covariance() {
        return deepCopy(covariance);
    }

    private static double[][] deepCopy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
