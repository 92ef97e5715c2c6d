package dev.forge3d.engine.sfm;

/** Solves a dense symmetric positive definite system in place by Cholesky factorisation. */
final class DenseCholesky {
    private DenseCholesky() {
    }

    /**
     * Solves {@code a x = b} for row-major {@code n x n} {@code a}; {@code a} is overwritten by its
     * factor and {@code b} by the solution.
     *
     * @return false when {@code a} is not positive definite
     */
    static boolean solveInPlace(double[] a, int n, double[] b) {
        for (int j = 0; j < n; j++) {
            int rowJ = j * n;
            double diagonal = a[rowJ + j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[rowJ + k] * a[rowJ + k];
            }
            if (!(diagonal > 0) || !Double.isFinite(diagonal)) {
                return false;
            }
            double ljj = Math.sqrt(diagonal);
            a[rowJ + j] = ljj;
            double inverse = 1 / ljj;
            for (int i = j + 1; i < n; i++) {
                int rowI = i * n;
                double sum = a[rowI + j];
                for (int k = 0; k < j; k++) {
                    sum -= a[rowI + k] * a[rowJ + k];
                }
                a[rowI + j] = sum * inverse;
            }
        }
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= a[i * n + k] * b[k];
            }
            b[i] = sum / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = b[i];
            for (int k = i + 1; k < n; k++) {
                sum -= a[k * n + i] * b[k];
            }
            b[i] = sum / a[i * n + i];
        }
        return true;
    }
}
