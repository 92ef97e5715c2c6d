package dev.forge3d.engine.splat;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The grid's nearest-neighbour distances against a brute-force search over every pair. */
class SplatInitialisationTest {
    static final int K = 3;

    @Test
    void matchesBruteForceOnAClusterWithFarStrayPointsAndDuplicates() {
        Random random = new Random(11);
        int n = 3000;
        double[] xyz = new double[3 * n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                xyz[3 * i + a] = random.nextGaussian() * (a == 1 ? 0.2 : 1);
            }
        }
        // Stray points far out (as SfM leaves on the sky), two of them close to each other.
        double[][] strays = {{1000, 5, -3}, {1000.5, 5, -3}, {-700, 2000, 40}, {3, -4000, 1}};
        for (int s = 0; s < strays.length; s++) {
            System.arraycopy(strays[s], 0, xyz, 3 * s, 3);
        }
        // Duplicates: a point and two copies of it.
        System.arraycopy(xyz, 30, xyz, 33, 3);
        System.arraycopy(xyz, 30, xyz, 36, 3);
        assertArrayEquals(bruteForce(xyz, K), SplatInitialisation.meanSquaredNeighbourDistance(xyz, K));
    }

    @Test
    void matchesBruteForceOnAFlatSheetAndOnFewPoints() {
        Random random = new Random(5);
        for (int n : new int[] {2, 3, 4, 17, 800}) {
            double[] xyz = new double[3 * n];
            for (int i = 0; i < n; i++) {
                xyz[3 * i] = random.nextDouble() * 10;
                xyz[3 * i + 2] = random.nextDouble();
            }
            assertArrayEquals(bruteForce(xyz, K), SplatInitialisation.meanSquaredNeighbourDistance(xyz, K),
                    n + " points");
        }
    }

    /** The mean of each point's k smallest squared distances to the others, ascending, as the grid sums them. */
    private static double[] bruteForce(double[] xyz, int k) {
        int n = xyz.length / 3;
        double[] result = new double[n];
        for (int i = 0; i < n; i++) {
            double[] d = new double[n - 1];
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    double dx = xyz[3 * i] - xyz[3 * j];
                    double dy = xyz[3 * i + 1] - xyz[3 * j + 1];
                    double dz = xyz[3 * i + 2] - xyz[3 * j + 2];
                    d[m++] = dx * dx + dy * dy + dz * dz;
                }
            }
            Arrays.sort(d);
            int found = Math.min(k, d.length);
            double sum = 0;
            for (int q = 0; q < found; q++) {
                sum += d[q];
            }
            result[i] = sum / found;
        }
        return result;
    }
}
