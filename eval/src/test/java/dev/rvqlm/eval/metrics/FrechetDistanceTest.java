package dev.rvqlm.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    private static GaussianStats stats(double[] mean, double[][] covariance) {
        return new GaussianStats(mean, covariance, 100);
    }

    @Test
    void identicalStatisticsAreAtDistanceZero() {
        float[][] frames = randomFrames(500, 6, 1.0, 0.0, new SplittableRandom(1));
        GaussianStats s = GaussianStats.of(frames);
        assertEquals(0.0, FrechetDistance.squared(s, s), 1e-9);
    }

    @Test
    void shiftedMeansWithEqualCovarianceGiveTheSquaredShift() {
        double[][] cov = {{2, 0.5}, {0.5, 1}};
        double d = FrechetDistance.squared(stats(new double[] {0, 0}, cov), stats(new double[] {3, 4}, cov));
        assertEquals(25.0, d, 1e-9);
    }

    @Test
    void diagonalCovariancesGiveTheSumOfSquaredRootDifferences() {
        // d² = Σ (√a − √b)² for diagonal covariances: (1 − 2)² + (3 − 1)² = 1 + 4 = 5.
        double d =
                FrechetDistance.squared(
                        stats(new double[] {0, 0}, new double[][] {{1, 0}, {0, 9}}),
                        stats(new double[] {0, 0}, new double[][] {{4, 0}, {0, 1}}));
        assertEquals(5.0, d, 1e-9);
    }

    @Test
    void oneDimensionalGaussiansMatchTheClosedForm() {
        // d² = (μ1 − μ2)² + (σ1 − σ2)²
        double d = FrechetDistance.squared(
                stats(new double[] {1}, new double[][] {{0.25}}), stats(new double[] {-1}, new double[][] {{4}}));
        assertEquals(4 + 1.5 * 1.5, d, 1e-9);
    }

    @Test
    void isSymmetricForNonCommutingCovariances() {
        double[][] a = {{2, 1, 0}, {1, 2, 0.5}, {0, 0.5, 1}};
        double[][] b = {{1, -0.3, 0.2}, {-0.3, 3, 0}, {0.2, 0, 0.5}};
        double ab = FrechetDistance.squared(stats(new double[3], a), stats(new double[3], b));
        double ba = FrechetDistance.squared(stats(new double[3], b), stats(new double[3], a));
        assertEquals(ab, ba, 1e-9);
    }

    @Test
    void singularCovariancesStayFiniteAndZeroAgainstThemselves() {
        double[][] rankOne = {{1, 1}, {1, 1}};
        assertEquals(0.0, FrechetDistance.squared(stats(new double[2], rankOne), stats(new double[2], rankOne)), 1e-7);
    }

    @Test
    void symmetricSquareRootSquaresBack() {
        RealMatrix m = new Array2DRowRealMatrix(new double[][] {{4, 1}, {1, 3}});
        RealMatrix root = FrechetDistance.symmetricSqrt(m);
        RealMatrix back = root.multiply(root);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(m.getRow(i), back.getRow(i), 1e-12);
        }
    }

    @Test
    void statisticsOfKnownFramesHaveTheUnbiasedCovariance() {
        GaussianStats s = GaussianStats.of(new float[][] {{1, 2}, {3, 2}, {5, 2}});
        assertArrayEquals(new double[] {3, 2}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {4, 0}, s.covariance()[0], 1e-12);
        assertArrayEquals(new double[] {0, 0}, s.covariance()[1], 1e-12);
    }

    @Test
    void mismatchedDimensionsAreRejected() {
        GaussianStats two = stats(new double[2], new double[][] {{1, 0}, {0, 1}});
        GaussianStats one = stats(new double[1], new double[][] {{1}});
        var e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.squared(two, one));
        assertEquals("cannot compare statistics of 2 and 1 features", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GaussianStats.of(new float[][] {{1, 2}}));
    }

    private static float[][] randomFrames(int count, int dims, double scale, double offset, SplittableRandom random) {
        float[][] frames = new float[count][dims];
        for (float[] frame : frames) {
            for (int i = 0; i < dims; i++) {
                frame[i] = (float) (offset + scale * random.nextDouble(-1, 1));
            }
        }
        return frames;
    }
}
