package dev.rvqlm.eval.metrics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fréchet (2-Wasserstein) distance between two Gaussians, as in FID and FAD, here on log-mel frame statistics:
 * <pre>
 * d² = |μ₁ − μ₂|² + Tr(Σ₁ + Σ₂ − 2 (Σ₁ Σ₂)^½)
 * </pre>
 * The trace of the matrix square root is computed in its symmetric form, Tr((√Σ₁ Σ₂ √Σ₁)^½), from two symmetric
 * eigendecompositions (Apache Commons Math), which stays real and stable for singular covariances. Eigenvalues below
 * zero from rounding are clamped to zero.
 */
public final class FrechetDistance {

    private FrechetDistance() {}

    /** d², the squared Fréchet distance (what FID/FAD report), ≥ 0 up to rounding. */
    public static double squared(GaussianStats a, GaussianStats b) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException(
                    "cannot compare statistics of " + a.dimension() + " and " + b.dimension() + " features");
        }
        double[] muA = a.mean();
        double[] muB = b.mean();
        double meanTerm = 0;
        for (int i = 0; i < muA.length; i++) {
            double d = muA[i] - muB[i];
            meanTerm += d * d;
        }
        RealMatrix sigmaA = new Array2DRowRealMatrix(a.covariance(), false);
        RealMatrix sigmaB = new Array2DRowRealMatrix(b.covariance(), false);
        RealMatrix rootA = symmetricSqrt(sigmaA);
        RealMatrix inner = rootA.multiply(sigmaB).multiply(rootA);
        double traceRoot = 0;
        for (double eigenvalue : new EigenDecomposition(symmetrize(inner)).getRealEigenvalues()) {
            traceRoot += Math.sqrt(Math.max(0, eigenvalue));
        }
        double value = meanTerm + sigmaA.getTrace() + sigmaB.getTrace() - 2 * traceRoot;
        return Math.max(0, value);
    }

    /** The square root of a symmetric positive semi-definite matrix, by eigendecomposition. */
    static RealMatrix symmetricSqrt(RealMatrix matrix) {
        EigenDecomposition eigen = new EigenDecomposition(symmetrize(matrix));
        RealMatrix v = eigen.getV();
        double[] values = eigen.getRealEigenvalues();
        RealMatrix scaled = v.copy();
        for (int j = 0; j < values.length; j++) {
            double root = Math.sqrt(Math.max(0, values[j]));
            for (int i = 0; i < values.length; i++) {
                scaled.setEntry(i, j, scaled.getEntry(i, j) * root);
            }
        }
        return scaled.multiply(v.transpose());
    }

    private static RealMatrix symmetrize(RealMatrix matrix) {
        return matrix.add(matrix.transpose()).scalarMultiply(0.5);
    }
}
