package dev.forge3d.engine.cpu;

import dev.forge3d.api.spi.DescriptorMatcher;
import org.bytedeco.javacpp.FloatPointer;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The CPU twin of descriptor matching, structured as the GPU kernel will be: squared L2 distances
 * {@code d²(i,j) = |a_i|² + |b_j|² - 2 a_i·b_j}, the dot products as a tiled GEMM (OpenBLAS
 * {@code sgemm} on blocks of {@value #BLOCK_ROWS} rows of A by {@value #BLOCK_COLS} rows of B, a
 * block that stays in cache), then one pass over each block that keeps the nearest and second
 * nearest row of B for every row of A, and of A for every row of B (for the cross-check).
 *
 * <p>The general formula is kept (descriptors need not be unit length). Row blocks of A run in
 * parallel; each keeps its own B-side nearest two, merged in block order, and the blocks and GEMM
 * calls are the same whatever the thread count, so the result is too. Ties go to the lower index.
 */
public final class CpuDescriptorMatcher implements DescriptorMatcher {
    static final int BLOCK_ROWS = 256;
    static final int BLOCK_COLS = 1024;
    private final boolean parallel;

    /** @param parallel whether row blocks run on the common fork-join pool, or one after another */
    public CpuDescriptorMatcher(boolean parallel) {
        this.parallel = parallel;
    }

    @Override
    public int[] match(float[] a, int countA, float[] b, int countB, int dimension, float ratio) {
        DescriptorMatcher.checkArguments(a, countA, b, countB, dimension, ratio);
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
        try (FloatPointer nativeA = new FloatPointer(a); FloatPointer nativeB = new FloatPointer(b)) {
            IntStream range = IntStream.range(0, blocks);
            (parallel ? range.parallel() : range).forEach(block -> bSide[block] = matchRowBlock(nativeA, normA,
                    nativeB, normB, dimension, block * BLOCK_ROWS, Math.min(countA, (block + 1) * BLOCK_ROWS),
                    countB, bestOfA, best1A, best2A));
        }
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

    /**
     * Rows {@code from..to} of A against all of B, one column block of B at a time: the GEMM fills
     * the block's dot products, then {@link #scanBlock} folds them into both sides' nearest two.
     * Writes the A-side results of these rows; returns this block's B-side nearest two.
     */
    private static Nearest matchRowBlock(FloatPointer a, float[] normA, FloatPointer b, float[] normB,
                                         int dimension, int from, int to, int countB, int[] bestOfA,
                                         float[] best1A, float[] best2A) {
        int rows = to - from;
        Nearest aSide = new Nearest(rows);
        Nearest bSide = new Nearest(countB);
        float[] dots = new float[rows * Math.min(BLOCK_COLS, countB)];
        try (FloatPointer nativeDots = new FloatPointer(dots.length)) {
            for (int col0 = 0; col0 < countB; col0 += BLOCK_COLS) {
                int cols = Math.min(BLOCK_COLS, countB - col0);
                OpenBlasDotProducts.multiplyByTranspose(a, from, rows, b, col0, cols, dimension, nativeDots);
                nativeDots.get(dots, 0, rows * cols);
                scanBlock(dots, normA, from, rows, normB, col0, cols, aSide, bSide);
            }
        }
        System.arraycopy(aSide.index, 0, bestOfA, from, rows);
        System.arraycopy(aSide.best1, 0, best1A, from, rows);
        System.arraycopy(aSide.best2, 0, best2A, from, rows);
        return bSide;
    }

    /**
     * One pass over a block of dot products ({@code dots[x * cols + y]} for row {@code row0 + x}
     * of A and {@code col0 + y} of B; overwritten): squared distances, folded into the nearest two
     * of each row of A ({@code aSide}, indexed from the block's first row) and each row of B
     * ({@code bSide}).
     * Rows of A in increasing order and columns in increasing order within a row, so ties go low
     * on both sides.
     */
    private static void scanBlock(float[] dots, float[] normA, int row0, int rows, float[] normB, int col0, int cols,
                          Nearest aSide, Nearest bSide) {
        int[] colIndex = bSide.index;
        float[] colBest1 = bSide.best1;
        float[] colBest2 = bSide.best2;
        for (int x = 0; x < rows; x++) {
            float rowNorm = normA[row0 + x];
            int rowIndex = aSide.index[x];
            float rowBest1 = aSide.best1[x];
            float rowBest2 = aSide.best2[x];
            int offset = x * cols;
            // Dot products to squared distances first, in place: a loop the JIT vectorises.
            for (int y = 0; y < cols; y++) {
                dots[offset + y] = rowNorm + normB[col0 + y] - 2 * dots[offset + y];
            }
            for (int y = 0; y < cols; y++) {
                int j = col0 + y;
                float distance = dots[offset + y];
                // Few candidates enter either side's nearest two: one test (both compares, no
                // short circuit) keeps the common case to a single, well-predicted branch.
                if (distance < rowBest2 | distance < colBest2[j]) {
                    if (distance < rowBest2) {
                        if (distance < rowBest1) {
                            rowBest2 = rowBest1;
                            rowBest1 = distance;
                            rowIndex = j;
                        } else {
                            rowBest2 = distance;
                        }
                    }
                    if (distance < colBest2[j]) {
                        if (distance < colBest1[j]) {
                            colBest2[j] = colBest1[j];
                            colBest1[j] = distance;
                            colIndex[j] = row0 + x;
                        } else {
                            colBest2[j] = distance;
                        }
                    }
                }
            }
            aSide.index[x] = rowIndex;
            aSide.best1[x] = rowBest1;
            aSide.best2[x] = rowBest2;
        }
    }

    /** Squared L2 norms, summed in index order with fused multiply-adds. */
    private static float[] squaredNorms(float[] rows, int count, int dimension) {
        float[] norms = new float[count];
        for (int i = 0; i < count; i++) {
            float sum = 0;
            for (int k = i * dimension, end = k + dimension; k < end; k++) {
                sum = Math.fma(rows[k], rows[k], sum);
            }
            norms[i] = sum;
        }
        return norms;
    }

    /** Nearest and second-nearest squared distance, and the nearest index, for every row of one set. */
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

        /** Merges the results of a block whose candidates all have higher indices than this one's. */
        void mergeLater(Nearest later) {
            for (int row = 0; row < index.length; row++) {
                float distance = later.best1[row];
                if (distance < best1[row]) {
                    best2[row] = best1[row];
                    best1[row] = distance;
                    index[row] = later.index[row];
                } else if (distance < best2[row]) {
                    best2[row] = distance;
                }
                if (later.best2[row] < best2[row]) {
                    best2[row] = later.best2[row];
                }
            }
        }
    }
}
