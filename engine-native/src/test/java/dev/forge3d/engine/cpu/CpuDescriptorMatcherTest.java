package dev.forge3d.engine.cpu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuDescriptorMatcherTest {
    private static final int DIMENSION = 128;

    /** B holds noisy copies of some rows of A in shuffled order, plus random distractors. */
    private record Planted(float[] a, int countA, float[] b, int countB, int[] truthBofA) {
    }

    private static Planted planted(long seed, int countA, int copies, int distractors, int duplicateOf) {
        Random random = new Random(seed);
        float[] a = new float[countA * DIMENSION];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < copies + distractors; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int countB = copies + distractors;
        float[] b = new float[countB * DIMENSION];
        int[] truth = new int[countA];
        Arrays.fill(truth, -1);
        for (int k = 0; k < countB; k++) {
            int row = order.get(k);
            for (int d = 0; d < DIMENSION; d++) {
                b[row * DIMENSION + d] = k < copies ? a[k * DIMENSION + d] + 0.01f * (float) random.nextGaussian()
                        : random.nextFloat();
            }
            if (k < copies) {
                truth[k] = row;
            }
        }
        if (duplicateOf >= 0) {
            // A second copy of A's row duplicateOf: the ratio test must reject that row.
            int target = order.get(copies); // overwrite one distractor
            int original = order.get(duplicateOf);
            for (int d = 0; d < DIMENSION; d++) {
                b[target * DIMENSION + d] = b[original * DIMENSION + d] + 1e-4f * (float) random.nextGaussian();
            }
            truth[duplicateOf] = -1;
        }
        return new Planted(a, countA, b, countB, truth);
    }

    @Test
    void findsExactlyThePlantedMatchesAndDropsAmbiguousOnes() {
        Planted p = planted(5, 300, 200, 150, 7);
        int[] matches = new CpuDescriptorMatcher(true).match(p.a(), p.countA(), p.b(), p.countB(), DIMENSION, 0.8f);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < p.countA(); i++) {
            if (p.truthBofA()[i] >= 0) {
                expected.add(i);
                expected.add(p.truthBofA()[i]);
            }
        }
        assertEquals(2 * 199, expected.size());
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), matches,
                () -> Arrays.toString(Arrays.copyOf(matches, 20)));
    }

    @Test
    void theParallelRunEqualsTheSingleThreadedRun() {
        Random random = new Random(9);
        // Unstructured descriptors give many near ties: the hardest case for a deterministic merge.
        // {517, 389} and {600, 1500} span several row blocks and column blocks.
        for (int[] sizes : new int[][] {{517, 389}, {64, 1000}, {1, 3}, {130, 129}, {600, 1500}}) {
            float[] a = new float[sizes[0] * DIMENSION];
            float[] b = new float[sizes[1] * DIMENSION];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextInt(4);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4);
            }
            for (float ratio : new float[] {0.8f, 1f}) {
                int[] parallel = new CpuDescriptorMatcher(true).match(a, sizes[0], b, sizes[1], DIMENSION, ratio);
                int[] single = new CpuDescriptorMatcher(false).match(a, sizes[0], b, sizes[1], DIMENSION, ratio);
                assertArrayEquals(single, parallel);
            }
        }
    }

    @Test
    void theGemmMatcherGivesTheReferenceMatchesOnRandomDescriptors() {
        Random random = new Random(33);
        int blockRows = CpuDescriptorMatcher.BLOCK_ROWS;
        int blockCols = CpuDescriptorMatcher.BLOCK_COLS;
        for (int[] sizes : new int[][] {{0, 7}, {7, 0}, {1, 1}, {1, 5}, {blockRows + 1, blockCols + 3},
                {2 * blockRows - 5, blockCols - 1}, {300, 2 * blockCols + 50}}) {
            float[] a = new float[sizes[0] * DIMENSION];
            float[] b = new float[sizes[1] * DIMENSION];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextFloat();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextFloat();
            }
            // Uniform random rows rarely pass a ratio test, so 1 (mutual nearest neighbours) is the real check here.
            for (float ratio : new float[] {0.8f, 1f}) {
                assertSameAsReference(a, sizes[0], b, sizes[1], ratio);
            }
        }
    }

    @Test
    void theGemmMatcherGivesTheReferenceMatchesOnRootSiftLikeDescriptors() {
        Random random = new Random(44);
        int countA = 700;
        int countB = 1300;
        float[] a = rootSiftLike(random, countA);
        float[] b = rootSiftLike(random, countB);
        // A third of B are noisy, re-normalised copies of rows of A: matches that pass the ratio test.
        for (int j = 0; j < countB / 3; j++) {
            int i = (j * 11) % countA; // 11 is coprime to 700: every copy has its own row of A
            double norm = 0;
            for (int k = 0; k < DIMENSION; k++) {
                float v = Math.max(0, a[i * DIMENSION + k] + 0.003f * (float) random.nextGaussian());
                b[j * DIMENSION + k] = v;
                norm += v * v;
            }
            for (int k = 0; k < DIMENSION; k++) {
                b[j * DIMENSION + k] /= (float) Math.sqrt(norm);
            }
        }
        int[] matches = assertSameAsReference(a, countA, b, countB, 0.8f);
        assertTrue(matches.length / 2 > countB / 3 / 2, () -> "too few matches to be a test: " + matches.length / 2);
    }

    private static int[] assertSameAsReference(float[] a, int countA, float[] b, int countB, float ratio) {
        int[] expected = new ReferenceDescriptorMatcher(false).match(a, countA, b, countB, DIMENSION, ratio);
        int[] actual = new CpuDescriptorMatcher(true).match(a, countA, b, countB, DIMENSION, ratio);
        assertArrayEquals(expected, actual, () -> countA + " x " + countB + " at ratio " + ratio);
        return actual;
    }

    /** Non-negative and unit length, as RootSIFT descriptors are. */
    private static float[] rootSiftLike(Random random, int count) {
        float[] values = new float[count * DIMENSION];
        for (int i = 0; i < count; i++) {
            double norm = 0;
            for (int k = 0; k < DIMENSION; k++) {
                float v = (float) Math.sqrt(random.nextFloat());
                values[i * DIMENSION + k] = v;
                norm += v * v;
            }
            for (int k = 0; k < DIMENSION; k++) {
                values[i * DIMENSION + k] /= (float) Math.sqrt(norm);
            }
        }
        return values;
    }

    @Test
    void mutualNearestNeighboursWithoutRatioTestMatchABruteForceReference() {
        Random random = new Random(21);
        int countA = 150;
        int countB = 170;
        float[] a = new float[countA * DIMENSION];
        float[] b = new float[countB * DIMENSION];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat();
        }
        int[] nearestB = nearest(a, countA, b, countB);
        int[] nearestA = nearest(b, countB, a, countA);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < countA; i++) {
            if (nearestA[nearestB[i]] == i) {
                expected.add(i);
                expected.add(nearestB[i]);
            }
        }
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(),
                new CpuDescriptorMatcher(true).match(a, countA, b, countB, DIMENSION, 1f));
    }

    @Test
    void refusesArraysThatDoNotFitTheCounts() {
        CpuDescriptorMatcher matcher = new CpuDescriptorMatcher(true);
        assertThrows(IllegalArgumentException.class,
                () -> matcher.match(new float[DIMENSION], 2, new float[DIMENSION], 1, DIMENSION, 0.8f));
        assertThrows(IllegalArgumentException.class,
                () -> matcher.match(new float[DIMENSION], 1, new float[DIMENSION + 1], 1, DIMENSION, 0.8f));
        assertThrows(IllegalArgumentException.class,
                () -> matcher.match(new float[0], -1, new float[DIMENSION], 1, DIMENSION, 0.8f));
        assertThrows(IllegalArgumentException.class,
                () -> matcher.match(new float[DIMENSION], 1, new float[DIMENSION], 1, 0, 0.8f));
        assertThrows(IllegalArgumentException.class,
                () -> matcher.match(new float[DIMENSION], 1, new float[DIMENSION], 1, DIMENSION, 0f));
    }

    @Test
    void refusesDescriptorsWhoseDistancesCouldOverflowAndMatchesLargeOnesThatCannot() {
        Planted p = planted(6, 40, 30, 10, -1);
        CpuDescriptorMatcher matcher = new CpuDescriptorMatcher(true);
        int[] unscaled = matcher.match(p.a(), p.countA(), p.b(), p.countB(), DIMENSION, 0.8f);
        assertEquals(2 * 30, unscaled.length);
        // Scaling by a power of two is exact and scales every squared distance by 2^112: the same
        // matches, with squared lengths up to 2^119, under DescriptorMatcher.MAX_SQUARED_NORM.
        float scale = 0x1p56f;
        assertArrayEquals(unscaled, matcher.match(scaled(p.a(), scale), p.countA(), scaled(p.b(), scale),
                p.countB(), DIMENSION, 0.8f));
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, 0x1p63f}) {
            float[] b = p.b().clone();
            b[5 * DIMENSION + 17] = bad;
            assertThrows(IllegalArgumentException.class,
                    () -> matcher.match(p.a(), p.countA(), b, p.countB(), DIMENSION, 0.8f), "entry " + bad);
        }
    }

    private static float[] scaled(float[] rows, float scale) {
        float[] out = rows.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    /** Double-precision squared distances, straightforwardly. */
    private static int[] nearest(float[] from, int countFrom, float[] to, int countTo) {
        int[] out = new int[countFrom];
        for (int i = 0; i < countFrom; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < countTo; j++) {
                double sum = 0;
                for (int d = 0; d < DIMENSION; d++) {
                    double diff = from[i * DIMENSION + d] - to[j * DIMENSION + d];
                    sum += diff * diff;
                }
                if (sum < best) {
                    best = sum;
                    out[i] = j;
                }
            }
        }
        return out;
    }
}
