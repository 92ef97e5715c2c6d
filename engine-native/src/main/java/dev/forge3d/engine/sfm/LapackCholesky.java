package dev.forge3d.engine.sfm;

import org.bytedeco.openblas.global.openblas;

import java.util.Objects;

/**
 * Solves the dense symmetric positive definite reduced camera system of bundle adjustment with
 * LAPACK's blocked Cholesky ({@code dposv}, OpenBLAS).
 *
 * <p>OpenBLAS runs single-threaded (a process-wide setting, the one the descriptor matcher makes
 * too): one thread gives the same rounding on every run, and the callers parallelise in Java.
 */
final class LapackCholesky {
    static {
        openblas.blas_set_num_threads(1);
    }

    private LapackCholesky() {
    }

    /**
     * Solves {@code a x = b} for the row-major {@code n x n} {@code a}, of which only the lower
     * triangle is read; {@code a} is overwritten by its factor and {@code b} by the solution.
     *
     * @return false when {@code a} is not positive definite (or not finite)
     */
    static boolean solveLowerInPlace(double[] a, int n, double[] b) {
        if (n <= 0) {
            throw new IllegalArgumentException("empty system: " + n);
        }
        Objects.checkFromIndexSize(0L, (long) n * n, a.length);
        Objects.checkFromIndexSize(0L, n, b.length);
        for (int d = 0; d < n; d++) {
            // LAPACK does not check for NaN; a NaN diagonal would pass as "positive definite".
            if (!Double.isFinite(a[d * n + d])) {
                return false;
            }
        }
        int info = openblas.LAPACKE_dposv(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, 1, a, n, b, 1);
        if (info != 0) {
            return false;
        }
        for (double x : b) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
