package dev.forge3d.engine.sfm;

import java.util.Arrays;

/**
 * Sparse Levenberg-Marquardt bundle adjustment with the Schur complement over the points.
 *
 * <p>The unknowns are the variable cameras' poses (6 each), optionally the shared focal length
 * and k1, and every point (3 each). Points only couple to the cameras that see them, so their
 * 3x3 blocks are eliminated point by point, leaving a dense reduced camera system
 * S = U - W V^-1 W^T that is solved by Cholesky; the point updates follow by back-substitution.
 * A Huber loss keeps the few remaining outliers from pulling the solution.
 */
public final class BundleAdjuster {
    /**
     * @param maxIterations accepted or rejected LM steps at most
     * @param huberPx       residual norm, in pixels, beyond which the loss grows linearly
     */
    public record Options(int maxIterations, double huberPx) {
        public static Options defaults() {
            return new Options(50, 2.0);
        }
    }

    /** Costs are half the sum of the robust squared residuals. */
    public record Report(int iterations, double initialCost, double finalCost, double initialRmsPx,
                         double finalRmsPx) {
    }

    private static final double INITIAL_DAMPING = 1e-4;
    /** Stop once a step lowers the cost by less than this fraction (Ceres' function tolerance). */
    private static final double RELATIVE_DECREASE_TO_STOP = 1e-6;

    private final BundleProblem problem;
    private final Options options;
    private final int[] cameraSlot;
    private final int variableCameras;
    private final int reducedSize;
    private final int intrinsicBase;
    private final int[] pointStart;
    private final int[] pointObservations;
    // Linearisation at the current estimate, per observation.
    private final double[] residuals;
    private final double[] weights;
    private final double[] poseJacobians;
    private final double[] pointJacobians;
    private final double[] intrinsicJacobians;
    private final boolean[] valid;

    private BundleAdjuster(BundleProblem problem, Options options) {
        this.problem = problem;
        this.options = options;
        int cameras = problem.cameraCount();
        cameraSlot = new int[cameras];
        int slots = 0;
        for (int c = 0; c < cameras; c++) {
            cameraSlot[c] = problem.cameraVariable()[c] ? slots++ : -1;
        }
        variableCameras = slots;
        intrinsicBase = ReprojectionError.POSE_PARAMETERS * slots;
        reducedSize = intrinsicBase + (problem.refineIntrinsics() ? ReprojectionError.INTRINSIC_PARAMETERS : 0);
        int points = problem.pointCount();
        int observations = problem.observationCount();
        pointStart = new int[points + 1];
        for (int i = 0; i < observations; i++) {
            pointStart[problem.observationPoint()[i] + 1]++;
        }
        for (int p = 0; p < points; p++) {
            pointStart[p + 1] += pointStart[p];
        }
        pointObservations = new int[observations];
        int[] fill = Arrays.copyOf(pointStart, points);
        for (int i = 0; i < observations; i++) {
            pointObservations[fill[problem.observationPoint()[i]]++] = i;
        }
        residuals = new double[2 * observations];
        weights = new double[observations];
        poseJacobians = new double[12 * observations];
        pointJacobians = new double[6 * observations];
        intrinsicJacobians = new double[4 * observations];
        valid = new boolean[observations];
    }

    /** Refines the problem's arrays in place. */
    public static Report solve(BundleProblem problem, Options options) {
        return new BundleAdjuster(problem, options).run();
    }

    private Report run() {
        double cost = cost(problem.rotations(), problem.translations(), problem.points(), problem.intrinsics());
        double initialCost = cost;
        double initialRms = rms(problem.rotations(), problem.translations(), problem.points(), problem.intrinsics());
        if (problem.observationCount() == 0) {
            return new Report(0, 0, 0, 0, 0);
        }
        double damping = INITIAL_DAMPING;
        int iteration = 0;
        boolean relinearise = true;
        while (iteration < options.maxIterations()) {
            iteration++;
            if (relinearise) {
                linearise();
            }
            double[] rotations = problem.rotations().clone();
            double[] translations = problem.translations().clone();
            double[] points = problem.points().clone();
            double[] intrinsics = problem.intrinsics().clone();
            if (!step(damping, rotations, translations, points, intrinsics)) {
                damping *= 10;
                relinearise = false;
                if (damping > 1e12) {
                    break;
                }
                continue;
            }
            double newCost = cost(rotations, translations, points, intrinsics);
            if (newCost < cost) {
                System.arraycopy(rotations, 0, problem.rotations(), 0, rotations.length);
                System.arraycopy(translations, 0, problem.translations(), 0, translations.length);
                System.arraycopy(points, 0, problem.points(), 0, points.length);
                System.arraycopy(intrinsics, 0, problem.intrinsics(), 0, intrinsics.length);
                boolean converged = cost - newCost < RELATIVE_DECREASE_TO_STOP * cost;
                cost = newCost;
                damping = Math.max(damping / 3, 1e-12);
                relinearise = true;
                if (converged) {
                    break;
                }
            } else {
                damping *= 4;
                relinearise = false;
                if (damping > 1e12) {
                    break;
                }
            }
        }
        return new Report(iteration, initialCost, cost, initialRms,
                rms(problem.rotations(), problem.translations(), problem.points(), problem.intrinsics()));
    }

    /** Residuals, robust weights and Jacobians of every observation at the current estimate. */
    void linearise() {
        double[] residual = new double[2];
        double[] pose = new double[12];
        double[] point = new double[6];
        double[] intrinsic = new double[4];
        for (int i = 0; i < problem.observationCount(); i++) {
            int c = problem.observationCamera()[i];
            int p = problem.observationPoint()[i];
            valid[i] = ReprojectionError.evaluate(problem.rotations(), 9 * c, problem.translations(), 3 * c,
                    problem.points(), 3 * p, problem.intrinsics(), problem.observationUv()[2 * i],
                    problem.observationUv()[2 * i + 1], residual, pose, point, intrinsic);
            if (!valid[i]) {
                continue;
            }
            residuals[2 * i] = residual[0];
            residuals[2 * i + 1] = residual[1];
            weights[i] = huberWeight(Math.hypot(residual[0], residual[1]));
            System.arraycopy(pose, 0, poseJacobians, 12 * i, 12);
            System.arraycopy(point, 0, pointJacobians, 6 * i, 6);
            System.arraycopy(intrinsic, 0, intrinsicJacobians, 4 * i, 4);
        }
    }

    /**
     * One damped Gauss-Newton step from the current linearisation, written into the given copies.
     *
     * @return false when the reduced system is not positive definite
     */
    boolean step(double damping, double[] rotations, double[] translations, double[] points, double[] intrinsics) {
        int n = reducedSize;
        double[] s = new double[n * n];
        double[] b = new double[n];
        // U and the camera gradient.
        for (int i = 0; i < problem.observationCount(); i++) {
            if (!valid[i]) {
                continue;
            }
            int slot = cameraSlot[problem.observationCamera()[i]];
            double w = weights[i];
            int[] index = new int[8];
            double[] j0 = new double[8];
            double[] j1 = new double[8];
            int k = 0;
            if (slot >= 0) {
                for (int a = 0; a < 6; a++) {
                    index[k] = 6 * slot + a;
                    j0[k] = poseJacobians[12 * i + a];
                    j1[k++] = poseJacobians[12 * i + 6 + a];
                }
            }
            if (problem.refineIntrinsics()) {
                for (int a = 0; a < 2; a++) {
                    index[k] = intrinsicBase + a;
                    j0[k] = intrinsicJacobians[4 * i + a];
                    j1[k++] = intrinsicJacobians[4 * i + 2 + a];
                }
            }
            double r0 = residuals[2 * i];
            double r1 = residuals[2 * i + 1];
            for (int a = 0; a < k; a++) {
                b[index[a]] += w * (j0[a] * r0 + j1[a] * r1);
                for (int c = 0; c < k; c++) {
                    s[index[a] * n + index[c]] += w * (j0[a] * j0[c] + j1[a] * j1[c]);
                }
            }
        }
        for (int d = 0; d < n; d++) {
            s[d * n + d] += damping * s[d * n + d] + 1e-12;
        }
        // Eliminate the points: S -= W V^-1 W^T, b -= W V^-1 g.
        int points3 = problem.pointCount();
        double[][] inverseV = new double[points3][];
        double[][] pointGradient = new double[points3][];
        for (int p = 0; p < points3; p++) {
            double[] v = new double[9];
            double[] g = new double[3];
            int groups = 0;
            int from = pointStart[p];
            int to = pointStart[p + 1];
            int[] groupBase = new int[to - from + 1];
            int[] groupSize = new int[to - from + 1];
            double[][] groupW = new double[to - from + 1][];
            double[] intrinsicW = problem.refineIntrinsics() ? new double[6] : null;
            for (int q = from; q < to; q++) {
                int i = pointObservations[q];
                if (!valid[i]) {
                    continue;
                }
                double w = weights[i];
                double r0 = residuals[2 * i];
                double r1 = residuals[2 * i + 1];
                int jp = 6 * i;
                for (int a = 0; a < 3; a++) {
                    g[a] += w * (pointJacobians[jp + a] * r0 + pointJacobians[jp + 3 + a] * r1);
                    for (int c = 0; c < 3; c++) {
                        v[3 * a + c] += w * (pointJacobians[jp + a] * pointJacobians[jp + c]
                                + pointJacobians[jp + 3 + a] * pointJacobians[jp + 3 + c]);
                    }
                }
                int slot = cameraSlot[problem.observationCamera()[i]];
                if (slot >= 0) {
                    double[] wBlock = new double[18];
                    for (int a = 0; a < 6; a++) {
                        for (int c = 0; c < 3; c++) {
                            wBlock[3 * a + c] = w * (poseJacobians[12 * i + a] * pointJacobians[jp + c]
                                    + poseJacobians[12 * i + 6 + a] * pointJacobians[jp + 3 + c]);
                        }
                    }
                    groupBase[groups] = 6 * slot;
                    groupSize[groups] = 6;
                    groupW[groups++] = wBlock;
                }
                if (intrinsicW != null) {
                    for (int a = 0; a < 2; a++) {
                        for (int c = 0; c < 3; c++) {
                            intrinsicW[3 * a + c] += w * (intrinsicJacobians[4 * i + a] * pointJacobians[jp + c]
                                    + intrinsicJacobians[4 * i + 2 + a] * pointJacobians[jp + 3 + c]);
                        }
                    }
                }
            }
            if (intrinsicW != null) {
                groupBase[groups] = intrinsicBase;
                groupSize[groups] = 2;
                groupW[groups++] = intrinsicW;
            }
            for (int d = 0; d < 3; d++) {
                v[4 * d] += damping * v[4 * d] + 1e-12;
            }
            double[] vi = invert3(v);
            inverseV[p] = vi;
            pointGradient[p] = g;
            if (vi == null) {
                continue;
            }
            for (int x = 0; x < groups; x++) {
                // Y = W_x V^-1 (rows of group x, 3 columns)
                double[] wx = groupW[x];
                int sizeX = groupSize[x];
                double[] y = new double[3 * sizeX];
                for (int a = 0; a < sizeX; a++) {
                    for (int c = 0; c < 3; c++) {
                        y[3 * a + c] = wx[3 * a] * vi[c] + wx[3 * a + 1] * vi[3 + c] + wx[3 * a + 2] * vi[6 + c];
                    }
                    b[groupBase[x] + a] -= y[3 * a] * g[0] + y[3 * a + 1] * g[1] + y[3 * a + 2] * g[2];
                }
                for (int z = 0; z < groups; z++) {
                    double[] wz = groupW[z];
                    for (int a = 0; a < sizeX; a++) {
                        int row = (groupBase[x] + a) * n;
                        for (int c = 0; c < groupSize[z]; c++) {
                            s[row + groupBase[z] + c] -= y[3 * a] * wz[3 * c] + y[3 * a + 1] * wz[3 * c + 1]
                                    + y[3 * a + 2] * wz[3 * c + 2];
                        }
                    }
                }
            }
        }
        double[] delta = new double[n];
        for (int d = 0; d < n; d++) {
            delta[d] = -b[d];
        }
        if (n > 0 && !DenseCholesky.solveInPlace(s, n, delta)) {
            return false;
        }
        // Back-substitution: dp = V^-1 (-g - W^T dc).
        for (int p = 0; p < points3; p++) {
            double[] vi = inverseV[p];
            if (vi == null) {
                continue;
            }
            double[] rhs = {-pointGradient[p][0], -pointGradient[p][1], -pointGradient[p][2]};
            for (int q = pointStart[p]; q < pointStart[p + 1]; q++) {
                int i = pointObservations[q];
                if (!valid[i]) {
                    continue;
                }
                double w = weights[i];
                int jp = 6 * i;
                // (J_c dc) and (J_i di) as residual-space vectors, then J_p^T times them.
                double e0 = 0;
                double e1 = 0;
                int slot = cameraSlot[problem.observationCamera()[i]];
                if (slot >= 0) {
                    for (int a = 0; a < 6; a++) {
                        e0 += poseJacobians[12 * i + a] * delta[6 * slot + a];
                        e1 += poseJacobians[12 * i + 6 + a] * delta[6 * slot + a];
                    }
                }
                if (problem.refineIntrinsics()) {
                    for (int a = 0; a < 2; a++) {
                        e0 += intrinsicJacobians[4 * i + a] * delta[intrinsicBase + a];
                        e1 += intrinsicJacobians[4 * i + 2 + a] * delta[intrinsicBase + a];
                    }
                }
                for (int c = 0; c < 3; c++) {
                    rhs[c] -= w * (pointJacobians[jp + c] * e0 + pointJacobians[jp + 3 + c] * e1);
                }
            }
            for (int c = 0; c < 3; c++) {
                points[3 * p + c] += vi[3 * c] * rhs[0] + vi[3 * c + 1] * rhs[1] + vi[3 * c + 2] * rhs[2];
            }
        }
        for (int c = 0; c < problem.cameraCount(); c++) {
            int slot = cameraSlot[c];
            if (slot < 0) {
                continue;
            }
            So3.rotateLeft(delta[6 * slot], delta[6 * slot + 1], delta[6 * slot + 2], rotations, 9 * c);
            for (int a = 0; a < 3; a++) {
                translations[3 * c + a] += delta[6 * slot + 3 + a];
            }
        }
        if (problem.refineIntrinsics()) {
            intrinsics[0] += delta[intrinsicBase];
            intrinsics[1] += delta[intrinsicBase + 1];
        }
        return Double.isFinite(intrinsics[0]) && intrinsics[0] > 0;
    }

    /** Half the sum of the Huber-robustified squared residual norms; points behind a camera cost a large constant. */
    double cost(double[] rotations, double[] translations, double[] points, double[] intrinsics) {
        double sum = 0;
        double[] residual = new double[2];
        double delta = options.huberPx();
        for (int i = 0; i < problem.observationCount(); i++) {
            int c = problem.observationCamera()[i];
            int p = problem.observationPoint()[i];
            if (!ReprojectionError.evaluate(rotations, 9 * c, translations, 3 * c, points, 3 * p, intrinsics,
                    problem.observationUv()[2 * i], problem.observationUv()[2 * i + 1], residual, null, null, null)) {
                sum += 1e6;
                continue;
            }
            double e = Math.hypot(residual[0], residual[1]);
            sum += e <= delta ? e * e : 2 * delta * e - delta * delta;
        }
        return 0.5 * sum;
    }

    private double rms(double[] rotations, double[] translations, double[] points, double[] intrinsics) {
        double sum = 0;
        int count = 0;
        double[] residual = new double[2];
        for (int i = 0; i < problem.observationCount(); i++) {
            int c = problem.observationCamera()[i];
            int p = problem.observationPoint()[i];
            if (ReprojectionError.evaluate(rotations, 9 * c, translations, 3 * c, points, 3 * p, intrinsics,
                    problem.observationUv()[2 * i], problem.observationUv()[2 * i + 1], residual, null, null, null)) {
                sum += residual[0] * residual[0] + residual[1] * residual[1];
                count++;
            }
        }
        return count == 0 ? 0 : Math.sqrt(sum / count);
    }

    private double huberWeight(double e) {
        return e <= options.huberPx() ? 1 : options.huberPx() / e;
    }

    private static double[] invert3(double[] m) {
        double c00 = m[4] * m[8] - m[5] * m[7];
        double c01 = m[5] * m[6] - m[3] * m[8];
        double c02 = m[3] * m[7] - m[4] * m[6];
        double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
        if (!(Math.abs(det) > 1e-300) || !Double.isFinite(det)) {
            return null;
        }
        double inv = 1 / det;
        return new double[] {
                c00 * inv, (m[2] * m[7] - m[1] * m[8]) * inv, (m[1] * m[5] - m[2] * m[4]) * inv,
                c01 * inv, (m[0] * m[8] - m[2] * m[6]) * inv, (m[2] * m[3] - m[0] * m[5]) * inv,
                c02 * inv, (m[1] * m[6] - m[0] * m[7]) * inv, (m[0] * m[4] - m[1] * m[3]) * inv};
    }
}
