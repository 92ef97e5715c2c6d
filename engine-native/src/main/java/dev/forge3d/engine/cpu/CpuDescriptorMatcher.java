package dev.forge3d.engine.cpu;

import dev.forge3d.api.spi.DescriptorMatcher;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The CPU twin of descriptor matching: brute-force squared L2 distances from dot products, rows
 * of A split into blocks that run in parallel. Each block keeps the nearest and second nearest
 * row of B for its rows of A, and its own nearest two rows of A for every row of B; the blocks'
 * B-side results are merged in block order, so the result does not depend on the thread count.
 * Ties go to the lower index.
 */
public final class CpuDescriptorMatcher implements DescriptorMatcher {
    private static final int BLOCK_ROWS = 64;
    private final boolean parallel;

    /** @param parallel whether blocks run on the common fork-join pool, or one after another */
    public CpuDescriptorMatcher(boolean parallel) {
        this.parallel = parallel;
    }

    @Override
    public int[] match(float[] a, int countA, float[] b, int countB, int dimension, float ratio) {
        if (dimension <= 0 || countA < 0 || countB < 0 || (long) countA * dimension != a.length
                || (long) countB * dimension != b.length) {
            throw new IllegalArgumentException("descriptor arrays do not fit " + countA + " and " + countB
                    + " rows of " + dimension + ": " + a.length + ", " + b.length);
        }
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio must be in (0, 1]: " + ratio);
        }
        if (countA == 0 || countB == 0) {
            return new int[0];
        }
        float[] normA = squaredNorms(a, countA, dimension);
        float[] normB = squaredNorms(b, countB, dimension);
        int blocks = (countA + BLOCK_ROWS - 1) / BLOCK_ROWS;
        int[] bestOfA = new int[countA];
        float[] best1A = new float[countA];
        float[] best2A = new float[countA];
        Nearest[] bSide = new Nearest[blocks];
        IntStream range = IntStream.range(0, blocks);
        (parallel ? range.parallel() : range).forEach(block -> bSide[block] = matchBlock(a, normA, b, normB,
                dimension, block * BLOCK_ROWS, Math.min(countA, (block + 1) * BLOCK_ROWS), countB, bestOfA, best1A,
                best2A));
        Nearest merged = bSide[0];
        for (int block = 1; block < blocks; block++) {
            merged.mergeLater(bSide[block]);
        }
        float ratio2 = ratio * ratio;
        int[] out = new int[2 * Math.min(countA, countB)];
        int n = 0;
        for (int i = 0; i < countA; i++) {
            int j = bestOfA[i];
            if (merged.index[j] != i || !passes(best1A[i], best2A[i], ratio2, ratio)
                    || !passes(merged.best1[j], merged.best2[j], ratio2, ratio)) {
                continue;
            }
            out[n++] = i;
            out[n++] = j;
        }
        return Arrays.copyOf(out, n);
    }

    /** d1 < ratio * d2 on distances, from squared distances; ratio 1 keeps everything. */
    private static boolean passes(float best1, float best2, float ratio2, float ratio) {
        return ratio >= 1 || Math.max(best1, 0) < ratio2 * Math.max(best2, 0);
    }

    private static Nearest matchBlock(float[] a, float[] normA, float[] b, float[] normB, int dimension, int from,
                                      int to, int countB, int[] bestOfA, float[] best1A, float[] best2A) {
        Nearest bSide = new Nearest(countB);
        for (int i = from; i < to; i++) {
            int offsetA = i * dimension;
            int bestIndex = 0;
            float best1 = Float.POSITIVE_INFINITY;
            float best2 = Float.POSITIVE_INFINITY;
            for (int j = 0; j < countB; j++) {
                float distance = normA[i] + normB[j] - 2 * dot(a, offsetA, b, j * dimension, dimension);
                if (distance < best1) {
                    best2 = best1;
                    best1 = distance;
                    bestIndex = j;
                } else if (distance < best2) {
                    best2 = distance;
                }
                bSide.offer(j, i, distance);
            }
            bestOfA[i] = bestIndex;
            best1A[i] = best1;
            best2A[i] = best2;
        }
        return bSide;
    }

    /** Four partial sums, so the JIT can keep several multiply-adds in flight. */
    static float dot(float[] x, int offsetX, float[] y, int offsetY, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = 0;
        for (; k + 3 < length; k += 4) {
            s0 += x[offsetX + k] * y[offsetY + k];
            s1 += x[offsetX + k + 1] * y[offsetY + k + 1];
            s2 += x[offsetX + k + 2] * y[offsetY + k + 2];
            s3 += x[offsetX + k + 3] * y[offsetY + k + 3];
        }
        for (; k < length; k++) {
            s0 += x[offsetX + k] * y[offsetY + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static float[] squaredNorms(float[] rows, int count, int dimension) {
        float[] norms = new float[count];
        for (int i = 0; i < count; i++) {
            norms[i] = dot(rows, i * dimension, rows, i * dimension, dimension);
        }
        return norms;
    }

    /** Nearest and second-nearest distance, and the nearest index, for every row of one set. */
    private static final class Nearest {
        final int[] index;
        final float[] best1;
        final float[] best2;

        Nearest(int count) {
            index = new int[count];
            best1 = new float[count];
            best2 = new float[count];
            Arrays.fill(best1, Float.POSITIVE_INFINITY);
            Arrays.fill(best2, Float.POSITIVE_INFINITY);
        }

        void offer(int row, int candidate, float distance) {
            if (distance < best1[row]) {
                best2[row] = best1[row];
                best1[row] = distance;
                index[row] = candidate;
            } else if (distance < best2[row]) {
                best2[row] = distance;
            }
        }

        /** Merges the results of a block whose candidates all have higher indices than this one's. */
        void mergeLater(Nearest later) {
            for (int row = 0; row < index.length; row++) {
                offer(row, later.index[row], later.best1[row]);
                if (later.best2[row] < best2[row]) {
                    best2[row] = later.best2[row];
                }
            }
        }
    }
}
