package dev.forge3d.engine.cpu;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

import java.util.Objects;

/**
 * Dot products between blocks of rows of two row-major float matrices, as one OpenBLAS
 * {@code cblas_sgemm} call: {@code C = A_block * B_block^T}. This is the GEMM at the heart of
 * brute-force descriptor matching; the CUDA twin is a tiled GEMM kernel.
 *
 * <p>OpenBLAS runs single-threaded (a process-wide setting, made once here): callers parallelise
 * over blocks in Java, which keeps every call, and so every rounding, the same whatever the
 * thread count, and does not oversubscribe the cores when several pairs are matched at once.
 */
final class OpenBlasDotProducts {
    static {
        openblas.blas_set_num_threads(1);
    }

    private OpenBlasDotProducts() {
    }

    /**
     * Writes {@code c[x * colsB + y] = dot(A row rowA0 + x, B row rowB0 + y)} for
     * {@code x < rowsA}, {@code y < colsB}; every range is checked before the native call.
     *
     * @param a         matrix A, row-major, {@code dimension} floats per row
     * @param b         matrix B, row-major, {@code dimension} floats per row
     * @param c         the output block, at least {@code rowsA * colsB} floats
     */
    static void multiplyByTranspose(FloatPointer a, int rowA0, int rowsA, FloatPointer b, int rowB0, int colsB,
                                    int dimension, FloatPointer c) {
        if (dimension <= 0 || rowsA <= 0 || colsB <= 0) {
            throw new IllegalArgumentException("empty block: " + rowsA + " x " + colsB + " x " + dimension);
        }
        Objects.checkFromIndexSize((long) rowA0 * dimension, (long) rowsA * dimension, a.limit());
        Objects.checkFromIndexSize((long) rowB0 * dimension, (long) colsB * dimension, b.limit());
        Objects.checkFromIndexSize(0L, (long) rowsA * colsB, c.limit());
        // getPointer gives fresh views: the shared pointers' positions are never moved, so blocks can run concurrently.
        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, rowsA, colsB,
                dimension, 1f, a.getPointer((long) rowA0 * dimension), dimension,
                b.getPointer((long) rowB0 * dimension), dimension, 0f, c, colsB);
    }
}
