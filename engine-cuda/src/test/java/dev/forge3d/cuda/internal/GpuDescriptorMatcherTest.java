package dev.forge3d.cuda.internal;

import dev.forge3d.engine.cpu.CpuDescriptorMatcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The descriptor matching kernel against its CPU twin, {@link CpuDescriptorMatcher}, on fresh
 * random SIFT-like descriptors at sizes around and between the kernel's 64-row tiles.
 *
 * <p>SIFT descriptors are integers 0..255 stored as floats (OpenCV rounds them so). Then every
 * product and partial sum of a 128-dimensional dot product is an integer below 2^24, exact in
 * float whatever the summation order, so the GPU's and OpenBLAS's distances are identical and the
 * match lists must be too. With arbitrary floats the sums round differently; the second test
 * allows a difference only on a row whose decision is a near tie, and only a few of them.
 */
@Tag("gpu")
class GpuDescriptorMatcherTest {
    private static final int DIMENSION = 128;

    @ParameterizedTest(name = "{0} x {1}, ratio {2}")
    @CsvSource({"1, 1, 0.8", "1, 7, 0.8", "7, 1, 1.0", "63, 65, 0.8", "64, 64, 0.8", "65, 130, 0.7",
            "1000, 777, 0.8", "777, 1000, 1.0", "5000, 4999, 0.8"})
    void integerSiftDescriptorsGiveIdenticalMatches(int countA, int countB, float ratio) {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        float[][] sets = plantedSets(random, countA, countB, true);
        int[] expected = new CpuDescriptorMatcher(true).match(sets[0], countA, sets[1], countB, DIMENSION, ratio);
        int[] actual = new CudaDescriptorMatcher(runtime, 0).match(sets[0], countA, sets[1], countB, DIMENSION,
                ratio);
        assertTrue(countA < 100 || countB < 100 || expected.length > 0, "planted matches are found");
        assertArrayEquals(expected, actual, () -> "seed " + seed + ": " + firstDifference(expected, actual));
    }

    @ParameterizedTest(name = "{0} x {1}, dimension {2}")
    @CsvSource({"300, 200, 128", "1000, 1500, 64", "2000, 2000, 100", "129, 3, 7"})
    void arbitraryFloatsDifferOnlyOnNearTies(int countA, int countB, int dimension) {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        float ratio = 0.8f;
        float[] a = new float[countA * dimension];
        float[] b = new float[countB * dimension];
        for (int k = 0; k < a.length; k++) {
            a[k] = (float) random.nextDouble();
        }
        for (int k = 0; k < b.length; k++) {
            // Half the rows of B near a row of A, so there are matches to agree on.
            int row = k / dimension;
            b[k] = row % 2 == 0 && row / 2 < countA ? a[(row / 2) * dimension + k % dimension]
                    + (float) (0.02 * random.nextGaussian()) : (float) random.nextDouble();
        }
        int[] expected = new CpuDescriptorMatcher(true).match(a, countA, b, countB, dimension, ratio);
        int[] actual = new CudaDescriptorMatcher(runtime, 0).match(a, countA, b, countB, dimension, ratio);
        int[] matchOfA = matchOfA(expected, countA);
        int[] gpuMatchOfA = matchOfA(actual, countA);
        int differing = 0;
        for (int i = 0; i < countA; i++) {
            if (matchOfA[i] != gpuMatchOfA[i]) {
                differing++;
                int row = i;
                assertTrue(nearTie(a, row, b, countB, dimension, ratio)
                                || matchOfA[i] >= 0 && nearTie(b, matchOfA[i], a, countA, dimension, ratio)
                                || gpuMatchOfA[i] >= 0 && nearTie(b, gpuMatchOfA[i], a, countA, dimension, ratio),
                        () -> "seed " + seed + ": row " + row + " matched " + matchOfA[row] + " on the CPU and "
                                + gpuMatchOfA[row] + " on the GPU without a near tie");
            }
        }
        int allowed = Math.max(1, expected.length / 2 / 100);
        assertTrue(differing <= allowed, "seed " + seed + ": " + differing + " rows differ, at most " + allowed);
    }

    /**
     * Whether row {@code i} of {@code from}'s decision against {@code to} is within a relative 1e-4
     * of flipping, in double: its two nearest distances nearly equal, or their ratio nearly the ratio.
     */
    private static boolean nearTie(float[] from, int i, float[] to, int countTo, int dimension, float ratio) {
        double best1 = Double.POSITIVE_INFINITY;
        double best2 = Double.POSITIVE_INFINITY;
        for (int j = 0; j < countTo; j++) {
            double sum = 0;
            for (int k = 0; k < dimension; k++) {
                double delta = (double) from[i * dimension + k] - to[j * dimension + k];
                sum += delta * delta;
            }
            if (sum < best1) {
                best2 = best1;
                best1 = sum;
            } else if (sum < best2) {
                best2 = sum;
            }
        }
        if (!Double.isFinite(best2)) {
            return false;
        }
        double distanceRatio = Math.sqrt(best1 / best2);
        return (best2 - best1) <= 1e-4 * best2 || Math.abs(distanceRatio - ratio) <= 1e-4;
    }

    private static int[] matchOfA(int[] matches, int countA) {
        int[] of = new int[countA];
        Arrays.fill(of, -1);
        for (int k = 0; k < matches.length; k += 2) {
            of[matches[k]] = matches[k + 1];
        }
        return of;
    }

    /**
     * SIFT-like sets: A random descriptors; B noisy copies of a third of A's rows in shuffled order,
     * the rest random. A descriptor is non-negative, normalised to 512, clipped at 0.2 of that and
     * renormalised (Lowe's recipe), and, with {@code integers}, rounded as OpenCV stores them.
     */
    private static float[][] plantedSets(SplittableRandom random, int countA, int countB, boolean integers) {
        float[] a = new float[countA * DIMENSION];
        for (int i = 0; i < countA; i++) {
            double[] raw = new double[DIMENSION];
            for (int k = 0; k < DIMENSION; k++) {
                raw[k] = Math.pow(random.nextDouble(), 3);
            }
            store(siftNormalised(raw), a, i, integers);
        }
        List<Integer> rows = new ArrayList<>();
        for (int j = 0; j < countB; j++) {
            rows.add(j);
        }
        java.util.Collections.shuffle(rows, new java.util.Random(random.nextLong()));
        float[] b = new float[countB * DIMENSION];
        int copies = Math.min(countA, countB) / 3 + 1;
        for (int c = 0; c < countB; c++) {
            double[] raw = new double[DIMENSION];
            for (int k = 0; k < DIMENSION; k++) {
                raw[k] = c < copies && c < countA ? Math.max(0, a[c * DIMENSION + k] + 6 * random.nextGaussian())
                        : Math.pow(random.nextDouble(), 3);
            }
            store(siftNormalised(raw), b, rows.get(c), integers);
        }
        return new float[][] {a, b};
    }

    private static double[] siftNormalised(double[] raw) {
        double norm = Math.sqrt(Arrays.stream(raw).map(x -> x * x).sum());
        double[] v = new double[raw.length];
        for (int k = 0; k < raw.length; k++) {
            v[k] = Math.min(0.2, raw[k] / Math.max(norm, 1e-12));
        }
        double clipped = Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
        for (int k = 0; k < raw.length; k++) {
            v[k] = Math.min(255, 512 * v[k] / Math.max(clipped, 1e-12));
        }
        return v;
    }

    private static void store(double[] descriptor, float[] into, int row, boolean integers) {
        for (int k = 0; k < DIMENSION; k++) {
            into[row * DIMENSION + k] = (float) (integers ? Math.rint(descriptor[k]) : descriptor[k]);
        }
    }

    private static String firstDifference(int[] expected, int[] actual) {
        int k = 0;
        while (k < Math.min(expected.length, actual.length) && expected[k] == actual[k]) {
            k++;
        }
        return expected.length / 2 + " matches on the CPU, " + actual.length / 2 + " on the GPU; first difference at "
                + "pair " + k / 2 + ": " + Arrays.toString(Arrays.copyOfRange(expected, k & ~1, Math.min(expected.length,
                (k & ~1) + 6))) + " vs " + Arrays.toString(Arrays.copyOfRange(actual, k & ~1, Math.min(actual.length,
                (k & ~1) + 6)));
    }
}
