package dev.forge3d.cuda.internal;

import dev.forge3d.engine.cpu.CpuDescriptorMatcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The descriptor matching kernel against its CPU twin, {@link CpuDescriptorMatcher}, and against
 * {@link FmaReferenceMatcher}, on fresh random descriptors at sizes around and between the
 * kernel's 64-row tiles (1 to 5000 rows).
 *
 * <p>The reference has the kernel's rounding (fused multiply-add chains in index order), so the
 * match lists must be identical for any descriptors; this runs everywhere, the GPU bundle
 * included. The CPU twin's dot products come from OpenBLAS, whose summation order is its own:
 * for SIFT descriptors, integers 0..255 stored as floats (OpenCV rounds them so), every product
 * and partial sum of a 128-dimensional dot product is an integer below 2^24, exact in any order,
 * so the lists must be identical too; for arbitrary floats the distances round differently, and
 * a difference is allowed only on a row whose decision is a near tie, and only on a few rows.
 * The twin needs OpenBLAS, which the GPU bundle does not ship: there those tests are skipped.
 * (Sizes come from methods: the bundle's Java runtime lacks java.sql, which CSV sources need.)
 */
@Tag("gpu")
class GpuDescriptorMatcherTest {
    private static final int DIMENSION = 128;

    static Stream<Arguments> sizes() {
        return Stream.of(Arguments.of(1, 1, 0.8f), Arguments.of(1, 7, 0.8f), Arguments.of(7, 1, 1.0f),
                Arguments.of(63, 65, 0.8f), Arguments.of(64, 64, 0.8f), Arguments.of(65, 130, 0.7f),
                Arguments.of(1000, 777, 0.8f), Arguments.of(777, 1000, 1.0f), Arguments.of(5000, 4999, 0.8f));
    }

    static Stream<Arguments> floatSets() {
        return Stream.of(Arguments.of(300, 200, 128), Arguments.of(1000, 1500, 64), Arguments.of(2000, 2000, 100),
                Arguments.of(129, 3, 7));
    }

    @ParameterizedTest(name = "{0} x {1}, ratio {2}")
    @MethodSource("sizes")
    void siftDescriptorsMatchTheFmaReferenceExactly(int countA, int countB, float ratio) {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        long seed = System.nanoTime();
        float[][] sets = plantedSets(new SplittableRandom(seed), countA, countB, false);
        int[] expected = new FmaReferenceMatcher().match(sets[0], countA, sets[1], countB, DIMENSION, ratio);
        int[] actual = new CudaDescriptorMatcher(runtime, 0).match(sets[0], countA, sets[1], countB, DIMENSION,
                ratio);
        assertTrue(countA < 100 || countB < 100 || expected.length > 0, "planted matches are found");
        assertArrayEquals(expected, actual, () -> "seed " + seed + ": " + firstDifference(expected, actual));
    }

    @ParameterizedTest(name = "{0} x {1}, dimension {2}")
    @MethodSource("floatSets")
    void arbitraryFloatsMatchTheFmaReferenceExactly(int countA, int countB, int dimension) {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        long seed = System.nanoTime();
        float[][] sets = noisyFloatSets(new SplittableRandom(seed), countA, countB, dimension);
        int[] expected = new FmaReferenceMatcher().match(sets[0], countA, sets[1], countB, dimension, 0.8f);
        int[] actual = new CudaDescriptorMatcher(runtime, 0).match(sets[0], countA, sets[1], countB, dimension,
                0.8f);
        assertArrayEquals(expected, actual, () -> "seed " + seed + ": " + firstDifference(expected, actual));
    }

    @ParameterizedTest(name = "{0} x {1}, ratio {2}")
    @MethodSource("sizes")
    void integerSiftDescriptorsGiveTheCpuTwinsMatches(int countA, int countB, float ratio) {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        assumeTrue(openBlasLoads(), "the CPU twin needs OpenBLAS, which is not on this class path");
        long seed = System.nanoTime();
        float[][] sets = plantedSets(new SplittableRandom(seed), countA, countB, true);
        int[] expected = new CpuDescriptorMatcher(true).match(sets[0], countA, sets[1], countB, DIMENSION, ratio);
        int[] actual = new CudaDescriptorMatcher(runtime, 0).match(sets[0], countA, sets[1], countB, DIMENSION,
                ratio);
        assertTrue(countA < 100 || countB < 100 || expected.length > 0, "planted matches are found");
        assertArrayEquals(expected, actual, () -> "seed " + seed + ": " + firstDifference(expected, actual));
    }

    @ParameterizedTest(name = "{0} x {1}, dimension {2}")
    @MethodSource("floatSets")
    void arbitraryFloatsDifferFromTheCpuTwinOnlyOnNearTies(int countA, int countB, int dimension) {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        assumeTrue(openBlasLoads(), "the CPU twin needs OpenBLAS, which is not on this class path");
        long seed = System.nanoTime();
        float ratio = 0.8f;
        float[][] sets = noisyFloatSets(new SplittableRandom(seed), countA, countB, dimension);
        float[] a = sets[0];
        float[] b = sets[1];
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

    /** A random; half the rows of B near a row of A (noise 0.02 on values in [0, 1)), the rest random. */
    private static float[][] noisyFloatSets(SplittableRandom random, int countA, int countB, int dimension) {
        float[] a = new float[countA * dimension];
        float[] b = new float[countB * dimension];
        for (int k = 0; k < a.length; k++) {
            a[k] = (float) random.nextDouble();
        }
        for (int k = 0; k < b.length; k++) {
            int row = k / dimension;
            b[k] = row % 2 == 0 && row / 2 < countA ? a[(row / 2) * dimension + k % dimension]
                    + (float) (0.02 * random.nextGaussian()) : (float) random.nextDouble();
        }
        return new float[][] {a, b};
    }

    static boolean openBlasLoads() {
        try {
            // A 1 x 1 match calls sgemm once: it loads OpenBLAS's classes and native library.
            new CpuDescriptorMatcher(false).match(new float[] {1}, 1, new float[] {1}, 1, 1, 1f);
            return true;
        } catch (LinkageError e) {
            return false;
        }
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
    static float[][] plantedSets(SplittableRandom random, int countA, int countB, boolean integers) {
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
        Collections.shuffle(rows, new Random(random.nextLong()));
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
