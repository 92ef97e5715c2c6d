package dev.forge3d.engine.cpu;

import dev.forge3d.api.spi.DescriptorMatcher;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The straightforward matcher that {@link CpuDescriptorMatcher} replaced, kept as the test
 * reference: dot products as plain Java 4 x 4 register tiles, squared L2 distances from them, rows
 * of A split into blocks that run in parallel. Each block keeps the nearest and second nearest
 * row of B for its rows of A, and its own nearest two rows of A for every row of B; the blocks'
 * B-side results are merged in block order, so the result does not depend on the thread count.
 * Ties go to the lower index.
 */
public final class ReferenceDescriptorMatcher implements DescriptorMatcher {
    private static final int BLOCK_ROWS = 64;
    private static final int TILE = 4;
    private final boolean parallel;

    /** @param parallel whether blocks run on the common fork-join pool, or one after another */
    public ReferenceDescriptorMatcher(boolean parallel) {
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
        Nearest aSide = new Nearest(to - from);
        float[] tile = new float[TILE * TILE];
        for (int i0 = from; i0 < to; i0 += TILE) {
            int rowsA = Math.min(TILE, to - i0);
            for (int j0 = 0; j0 < countB; j0 += TILE) {
                int rowsB = Math.min(TILE, countB - j0);
                if (rowsA == TILE && rowsB == TILE) {
                    dotTile(a, i0 * dimension, b, j0 * dimension, dimension, tile);
                } else {
                    for (int x = 0; x < rowsA; x++) {
                        for (int y = 0; y < rowsB; y++) {
                            tile[TILE * x + y] = dot(a, (i0 + x) * dimension, b, (j0 + y) * dimension, dimension);
                        }
                    }
                }
                // In increasing j within each row of A and increasing i within each row of B, so ties go low.
                for (int x = 0; x < rowsA; x++) {
                    for (int y = 0; y < rowsB; y++) {
                        float distance = normA[i0 + x] + normB[j0 + y] - 2 * tile[TILE * x + y];
                        aSide.offer(i0 + x - from, j0 + y, distance);
                        bSide.offer(j0 + y, i0 + x, distance);
                    }
                }
            }
        }
        for (int i = from; i < to; i++) {
            bestOfA[i] = aSide.index[i - from];
            best1A[i] = aSide.best1[i - from];
            best2A[i] = aSide.best2[i - from];
        }
        return bSide;
    }

    /**
     * The 4 x 4 dot products of rows {@code a[offsetA..+4]} and {@code b[offsetB..+4]}: each loaded
     * value feeds four multiply-adds, which is what makes brute force fast on a CPU.
     */
    static void dotTile(float[] a, int offsetA, float[] b, int offsetB, int dimension, float[] out) {
        float s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        float s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        float s20 = 0, s21 = 0, s22 = 0, s23 = 0;
        float s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        int a1 = offsetA + dimension;
        int a2 = a1 + dimension;
        int a3 = a2 + dimension;
        int b1 = offsetB + dimension;
        int b2 = b1 + dimension;
        int b3 = b2 + dimension;
        for (int k = 0; k < dimension; k++) {
            float x0 = a[offsetA + k];
            float x1 = a[a1 + k];
            float x2 = a[a2 + k];
            float x3 = a[a3 + k];
            float y0 = b[offsetB + k];
            float y1 = b[b1 + k];
            float y2 = b[b2 + k];
            float y3 = b[b3 + k];
            s00 = Math.fma(x0, y0, s00);
            s01 = Math.fma(x0, y1, s01);
            s02 = Math.fma(x0, y2, s02);
            s03 = Math.fma(x0, y3, s03);
            s10 = Math.fma(x1, y0, s10);
            s11 = Math.fma(x1, y1, s11);
            s12 = Math.fma(x1, y2, s12);
            s13 = Math.fma(x1, y3, s13);
            s20 = Math.fma(x2, y0, s20);
            s21 = Math.fma(x2, y1, s21);
            s22 = Math.fma(x2, y2, s22);
            s23 = Math.fma(x2, y3, s23);
            s30 = Math.fma(x3, y0, s30);
            s31 = Math.fma(x3, y1, s31);
            s32 = Math.fma(x3, y2, s32);
            s33 = Math.fma(x3, y3, s33);
        }
        out[0] = s00;
        out[1] = s01;
        out[2] = s02;
        out[3] = s03;
        out[4] = s10;
        out[5] = s11;
        out[6] = s12;
        out[7] = s13;
        out[8] = s20;
        out[9] = s21;
        out[10] = s22;
        out[11] = s23;
        out[12] = s30;
        out[13] = s31;
        out[14] = s32;
        out[15] = s33;
    }

    /** One dot product, summed in the same order as {@link #dotTile} so edge tiles round alike. */
    static float dot(float[] x, int offsetX, float[] y, int offsetY, int length) {
        float sum = 0;
        for (int k = 0; k < length; k++) {
            sum = Math.fma(x[offsetX + k], y[offsetY + k], sum);
        }
        return sum;
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
