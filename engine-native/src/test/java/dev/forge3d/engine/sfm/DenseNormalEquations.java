package dev.forge3d.engine.sfm;

/**
 * The test reference for one bundle adjustment step: the full normal equations of every
 * variable camera, the intrinsics (when refined) and every point, built densely from the
 * per-observation Jacobians and Huber weights, damped on the diagonal as the solver damps, and
 * solved by Gaussian elimination with partial pivoting.
 */
final class DenseNormalEquations {
    private DenseNormalEquations() {
    }

    /** The problem after one damped Gauss-Newton step (a new problem; {@code problem} is unchanged). */
    static BundleProblem step(BundleProblem problem, double huberPx, double damping) {
        int cameras = problem.cameraCount();
        int[] slot = new int[cameras];
        int slots = 0;
        for (int c = 0; c < cameras; c++) {
            slot[c] = problem.cameraVariable()[c] ? slots++ : -1;
        }
        int intrinsicBase = 6 * slots;
        int pointBase = intrinsicBase + (problem.refineIntrinsics() ? 2 : 0);
        int size = pointBase + 3 * problem.pointCount();
        double[][] h = new double[size][size];
        double[] g = new double[size];
        double[] residual = new double[2];
        double[] pose = new double[12];
        double[] point = new double[6];
        double[] intrinsic = new double[4];
        for (int i = 0; i < problem.observationCount(); i++) {
            int c = problem.observationCamera()[i];
            int p = problem.observationPoint()[i];
            if (!ReprojectionError.evaluate(problem.rotations(), 9 * c, problem.translations(), 3 * c,
                    problem.points(), 3 * p, problem.intrinsics(), problem.observationUv()[2 * i],
                    problem.observationUv()[2 * i + 1], residual, pose, point, intrinsic)) {
                continue;
            }
            double e = Math.hypot(residual[0], residual[1]);
            double w = e <= huberPx ? 1 : huberPx / e;
            // The two Jacobian rows of this observation over all parameters (zero elsewhere).
            double[][] row = new double[2][size];
            for (int r = 0; r < 2; r++) {
                if (slot[c] >= 0) {
                    for (int a = 0; a < 6; a++) {
                        row[r][6 * slot[c] + a] = pose[6 * r + a];
                    }
                }
                if (problem.refineIntrinsics()) {
                    row[r][intrinsicBase] = intrinsic[2 * r];
                    row[r][intrinsicBase + 1] = intrinsic[2 * r + 1];
                }
                for (int a = 0; a < 3; a++) {
                    row[r][pointBase + 3 * p + a] = point[3 * r + a];
                }
            }
            for (int x = 0; x < size; x++) {
                g[x] += w * (row[0][x] * residual[0] + row[1][x] * residual[1]);
                for (int y = 0; y < size; y++) {
                    h[x][y] += w * (row[0][x] * row[0][y] + row[1][x] * row[1][y]);
                }
            }
        }
        for (int d = 0; d < size; d++) {
            h[d][d] += damping * h[d][d] + 1e-12;
            g[d] = -g[d];
        }
        double[] delta = solve(h, g);
        double[] rotations = problem.rotations().clone();
        double[] translations = problem.translations().clone();
        double[] points = problem.points().clone();
        double[] intrinsics = problem.intrinsics().clone();
        for (int c = 0; c < cameras; c++) {
            if (slot[c] >= 0) {
                int o = 6 * slot[c];
                So3.rotateLeft(delta[o], delta[o + 1], delta[o + 2], rotations, 9 * c);
                for (int a = 0; a < 3; a++) {
                    translations[3 * c + a] += delta[o + 3 + a];
                }
            }
        }
        if (problem.refineIntrinsics()) {
            intrinsics[0] += delta[intrinsicBase];
            intrinsics[1] += delta[intrinsicBase + 1];
        }
        for (int k = 0; k < points.length; k++) {
            points[k] += delta[pointBase + k];
        }
        return new BundleProblem(rotations, translations, problem.cameraVariable(), points,
                problem.observationCamera(), problem.observationPoint(), problem.observationUv(), intrinsics,
                problem.refineIntrinsics());
    }

    /** How many observations reproject further than {@code huberPx} (so the loss down-weights them). */
    static int downWeighted(BundleProblem problem, double huberPx) {
        int count = 0;
        double[] residual = new double[2];
        for (int i = 0; i < problem.observationCount(); i++) {
            int c = problem.observationCamera()[i];
            int p = problem.observationPoint()[i];
            if (ReprojectionError.evaluate(problem.rotations(), 9 * c, problem.translations(), 3 * c,
                    problem.points(), 3 * p, problem.intrinsics(), problem.observationUv()[2 * i],
                    problem.observationUv()[2 * i + 1], residual, null, null, null)
                    && Math.hypot(residual[0], residual[1]) > huberPx) {
                count++;
            }
        }
        return count;
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swapRow = a[col];
            a[col] = a[pivot];
            a[pivot] = swapRow;
            double swap = b[col];
            b[col] = b[pivot];
            b[pivot] = swap;
            for (int r = col + 1; r < n; r++) {
                double factor = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[r][k] -= factor * a[col][k];
                }
                b[r] -= factor * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = b[r];
            for (int k = r + 1; k < n; k++) {
                sum -= a[r][k] * x[k];
            }
            x[r] = sum / a[r][r];
        }
        return x;
    }
}
