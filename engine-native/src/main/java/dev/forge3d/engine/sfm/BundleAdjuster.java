package dev.forge3d.engine.sfm;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Sparse Levenberg-Marquardt bundle adjustment with the Schur complement over the points.
 *
 * <p>The unknowns are the variable cameras' poses (6 each), optionally the shared focal length
 * and k1, and every point (3 each). Points only couple to the cameras that see them, so their
 * 3x3 blocks are eliminated point by point, leaving a dense reduced camera system
 * S = U - W V^-1 W^T that is solved by Cholesky; the point updates follow by back-substitution.
 * A Huber loss keeps the few remaining outliers from pulling the solution.
 *
 * <p>Everything that does not depend on the damping (residuals, Jacobians, U, V, W and the
 * gradients) is built once per linearisation; a rejected step only redoes the elimination. Work
 * runs in parallel over observations, points or rows of S, and every sum is taken in an order
 * that does not depend on the threads (each row of S accumulates its camera's points in order;
 * the cost adds fixed chunks in order), so the result is the same whatever the core count.
 */
public final class BundleAdjuster {
    /**
     * @param maxIterations          accepted or rejected LM steps at most
     * @param huberPx                residual norm, in pixels, beyond which the loss grows linearly
     * @param relativeDecreaseToStop stop once a step lowers the cost by less than this fraction
     *                               of it (Ceres' function tolerance)
     */
    public record Options(int maxIterations, double huberPx, double relativeDecreaseToStop) {
        /** With the tight default stopping rule, a relative decrease below 1e-6. */
        public Options(int maxIterations, double huberPx) {
            this(maxIterations, huberPx, RELATIVE_DECREASE_TO_STOP);
        }

        public static Options defaults() {
            return new Options(50, 2.0);
        }
    }

    /** Costs are half the sum of the robust squared residuals. */
    public record Report(int iterations, double initialCost, double finalCost, double initialRmsPx,
                         double finalRmsPx) {
    }

    private static final double INITIAL_DAMPING = 1e-4;
    private static final double RELATIVE_DECREASE_TO_STOP = 1e-6;
    /** Observations per chunk of a parallel sum; fixed, so the rounding does not depend on the threads. */
    private static final int SUM_CHUNK = 4096;

    private final BundleProblem problem;
    private final Options options;
    /** Per camera: its place among the variable cameras, or -1 when it is held fixed. */
    private final int[] cameraSlot;
    private final int[] observationSlot;
    private final int slots;
    /** Size of the reduced camera system: 6 per variable camera, then f and k1 when refined. */
    private final int n;
    private final int intrinsicBase;
    private final boolean refineIntrinsics;
    /** Observations grouped by point and by variable camera slot, in observation order. */
    private final int[] pointStart;
    private final int[] pointObservations;
    private final int[] slotStart;
    private final int[] slotObservations;
    // Linearisation at the current estimate, per observation.
    private final double[] residuals;
    private final double[] weights;
    private final double[] poseJacobians;
    private final double[] pointJacobians;
    private final double[] intrinsicJacobians;
    private final boolean[] valid;
    // The undamped normal equations at that linearisation.
    /** U (lower triangle, row-major n x n) and the camera-side gradient. */
    private final double[] reducedHessian;
    private final double[] reducedGradient;
    /** Per point: V (3x3), the point gradient (3) and the intrinsic-point coupling (2x3). */
    private final double[] pointHessians;
    private final double[] pointGradients;
    private final double[] intrinsicPointBlocks;
    /**
     * Per observation of a variable camera: W^T = J_point^T w J_pose (3x6, so that the rows of
     * S the elimination updates read it contiguously).
     */
    private final double[] poseBlocks;
    // Scratch of one step.
    private final double[] system;
    private final double[] inversePointHessians;
    private final boolean[] invertible;
    private final double[] poseBlocksTimesInverse;
    private final double[] intrinsicBlocksTimesInverse;

    private BundleAdjuster(BundleProblem problem, Options options) {
        this.problem = problem;
        this.options = options;
        int cameras = problem.cameraCount();
        cameraSlot = new int[cameras];
        int slotCount = 0;
        for (int c = 0; c < cameras; c++) {
            cameraSlot[c] = problem.cameraVariable()[c] ? slotCount++ : -1;
        }
        slots = slotCount;
        refineIntrinsics = problem.refineIntrinsics();
        intrinsicBase = ReprojectionError.POSE_PARAMETERS * slots;
        n = intrinsicBase + (refineIntrinsics ? ReprojectionError.INTRINSIC_PARAMETERS : 0);
        int points = problem.pointCount();
        int observations = problem.observationCount();
        observationSlot = new int[observations];
        for (int i = 0; i < observations; i++) {
            observationSlot[i] = cameraSlot[problem.observationCamera()[i]];
        }
        pointStart = new int[points + 1];
        pointObservations = groupBy(problem.observationPoint(), points, pointStart);
        slotStart = new int[slots + 1];
        slotObservations = groupBy(observationSlot, slots, slotStart);
        residuals = new double[2 * observations];
        weights = new double[observations];
        poseJacobians = new double[12 * observations];
        pointJacobians = new double[6 * observations];
        intrinsicJacobians = new double[4 * observations];
        valid = new boolean[observations];
        reducedHessian = new double[n * n];
        reducedGradient = new double[n];
        pointHessians = new double[9 * points];
        pointGradients = new double[3 * points];
        intrinsicPointBlocks = new double[refineIntrinsics ? 6 * points : 0];
        poseBlocks = new double[18 * observations];
        system = new double[n * n];
        inversePointHessians = new double[9 * points];
        invertible = new boolean[points];
        poseBlocksTimesInverse = new double[18 * observations];
        intrinsicBlocksTimesInverse = new double[refineIntrinsics ? 6 * points : 0];
    }

    /**
     * The indices {@code i} grouped by {@code key[i]} (keys below 0 left out), each group in
     * increasing order; {@code start} receives the group offsets.
     */
    private static int[] groupBy(int[] key, int groups, int[] start) {
        for (int k : key) {
            if (k >= 0) {
                start[k + 1]++;
            }
        }
        for (int g = 0; g < groups; g++) {
            start[g + 1] += start[g];
        }
        int[] out = new int[start[groups]];
        int[] fill = Arrays.copyOf(start, groups);
        for (int i = 0; i < key.length; i++) {
            if (key[i] >= 0) {
                out[fill[key[i]]++] = i;
            }
        }
        return out;
    }

    /** Refines the problem's arrays in place. */
    public static Report solve(BundleProblem problem, Options options) {
        return new BundleAdjuster(problem, options).run();
    }

    /**
     * One damped step from the problem's current values, without deciding whether to keep it:
     * the updated values come back in a new problem and {@code problem} is left as it was.
     * For tests, which check the Schur complement step against a dense solve.
     *
     * @return null when the reduced system is not positive definite
     */
    static BundleProblem singleStep(BundleProblem problem, Options options, double damping) {
        BundleAdjuster adjuster = new BundleAdjuster(problem, options);
        adjuster.linearise();
        double[] rotations = problem.rotations().clone();
        double[] translations = problem.translations().clone();
        double[] points = problem.points().clone();
        double[] intrinsics = problem.intrinsics().clone();
        if (!adjuster.step(damping, rotations, translations, points, intrinsics)) {
            return null;
        }
        return new BundleProblem(rotations, translations, problem.cameraVariable(), points,
                problem.observationCamera(), problem.observationPoint(), problem.observationUv(), intrinsics,
                problem.refineIntrinsics());
    }

    private Report run() {
        ResidualSums initial = residualSums(problem.rotations(), problem.translations(), problem.points(),
                problem.intrinsics());
        double cost = initial.cost();
        double initialCost = cost;
        double initialRms = initial.rmsPx();
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
            double newCost = residualSums(rotations, translations, points, intrinsics).cost();
            if (newCost < cost) {
                System.arraycopy(rotations, 0, problem.rotations(), 0, rotations.length);
                System.arraycopy(translations, 0, problem.translations(), 0, translations.length);
                System.arraycopy(points, 0, problem.points(), 0, points.length);
                System.arraycopy(intrinsics, 0, problem.intrinsics(), 0, intrinsics.length);
                boolean converged = cost - newCost < options.relativeDecreaseToStop() * cost;
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
                residualSums(problem.rotations(), problem.translations(), problem.points(), problem.intrinsics())
                        .rmsPx());
    }

    /** Residuals, robust weights, Jacobians and the undamped normal equations at the current estimate. */
    void linearise() {
        IntStream.range(0, problem.observationCount()).parallel().forEach(this::lineariseObservation);
        IntStream.range(0, problem.pointCount()).parallel().forEach(this::accumulatePoint);
        Arrays.fill(reducedHessian, 0);
        Arrays.fill(reducedGradient, 0);
        IntStream.range(0, slots).parallel().forEach(this::accumulateCamera);
        if (refineIntrinsics) {
            accumulateIntrinsics();
        }
    }

    private void lineariseObservation(int i) {
        int c = problem.observationCamera()[i];
        int p = problem.observationPoint()[i];
        double[] residual = new double[2];
        double[] pose = new double[12];
        double[] point = new double[6];
        double[] intrinsic = new double[4];
        valid[i] = ReprojectionError.evaluate(problem.rotations(), 9 * c, problem.translations(), 3 * c,
                problem.points(), 3 * p, problem.intrinsics(), problem.observationUv()[2 * i],
                problem.observationUv()[2 * i + 1], residual, pose, point, intrinsic);
        if (!valid[i]) {
            return;
        }
        residuals[2 * i] = residual[0];
        residuals[2 * i + 1] = residual[1];
        double w = huberWeight(Math.sqrt(residual[0] * residual[0] + residual[1] * residual[1]));
        weights[i] = w;
        System.arraycopy(pose, 0, poseJacobians, 12 * i, 12);
        System.arraycopy(point, 0, pointJacobians, 6 * i, 6);
        System.arraycopy(intrinsic, 0, intrinsicJacobians, 4 * i, 4);
        if (observationSlot[i] >= 0) {
            for (int k = 0; k < 3; k++) {
                for (int a = 0; a < 6; a++) {
                    poseBlocks[18 * i + 6 * k + a] = w * (pose[a] * point[k] + pose[6 + a] * point[3 + k]);
                }
            }
        }
    }

    /** V, the gradient and the intrinsic coupling of point {@code p}, over its observations in order. */
    private void accumulatePoint(int p) {
        double[] v = new double[9];
        double[] g = new double[3];
        double[] wi = new double[6];
        for (int q = pointStart[p]; q < pointStart[p + 1]; q++) {
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
            if (refineIntrinsics) {
                for (int a = 0; a < 2; a++) {
                    for (int c = 0; c < 3; c++) {
                        wi[3 * a + c] += w * (intrinsicJacobians[4 * i + a] * pointJacobians[jp + c]
                                + intrinsicJacobians[4 * i + 2 + a] * pointJacobians[jp + 3 + c]);
                    }
                }
            }
        }
        System.arraycopy(v, 0, pointHessians, 9 * p, 9);
        System.arraycopy(g, 0, pointGradients, 3 * p, 3);
        if (refineIntrinsics) {
            System.arraycopy(wi, 0, intrinsicPointBlocks, 6 * p, 6);
        }
    }

    /** Camera slot {@code r}'s diagonal block of U, its gradient and its coupling to the intrinsics. */
    private void accumulateCamera(int r) {
        int base = 6 * r;
        for (int q = slotStart[r]; q < slotStart[r + 1]; q++) {
            int i = slotObservations[q];
            if (!valid[i]) {
                continue;
            }
            double w = weights[i];
            double r0 = residuals[2 * i];
            double r1 = residuals[2 * i + 1];
            int j = 12 * i;
            for (int a = 0; a < 6; a++) {
                double j0 = w * poseJacobians[j + a];
                double j1 = w * poseJacobians[j + 6 + a];
                reducedGradient[base + a] += j0 * r0 + j1 * r1;
                int row = (base + a) * n + base;
                for (int c = 0; c <= a; c++) {
                    reducedHessian[row + c] += j0 * poseJacobians[j + c] + j1 * poseJacobians[j + 6 + c];
                }
            }
            if (refineIntrinsics) {
                for (int a = 0; a < 2; a++) {
                    double j0 = w * intrinsicJacobians[4 * i + a];
                    double j1 = w * intrinsicJacobians[4 * i + 2 + a];
                    int row = (intrinsicBase + a) * n + base;
                    for (int c = 0; c < 6; c++) {
                        reducedHessian[row + c] += j0 * poseJacobians[j + c] + j1 * poseJacobians[j + 6 + c];
                    }
                }
            }
        }
    }

    /** The intrinsics' own 2x2 block and gradient, over every observation (fixed cameras too), in order. */
    private void accumulateIntrinsics() {
        for (int i = 0; i < problem.observationCount(); i++) {
            if (!valid[i]) {
                continue;
            }
            double w = weights[i];
            for (int a = 0; a < 2; a++) {
                double j0 = w * intrinsicJacobians[4 * i + a];
                double j1 = w * intrinsicJacobians[4 * i + 2 + a];
                reducedGradient[intrinsicBase + a] += j0 * residuals[2 * i] + j1 * residuals[2 * i + 1];
                for (int c = 0; c <= a; c++) {
                    reducedHessian[(intrinsicBase + a) * n + intrinsicBase + c] +=
                            j0 * intrinsicJacobians[4 * i + c] + j1 * intrinsicJacobians[4 * i + 2 + c];
                }
            }
        }
    }

    /**
     * One damped Gauss-Newton step from the current linearisation, written into the given copies.
     *
     * @return false when the reduced system is not positive definite
     */
    boolean step(double damping, double[] rotations, double[] translations, double[] points, double[] intrinsics) {
        System.arraycopy(reducedHessian, 0, system, 0, system.length);
        double[] b = reducedGradient.clone();
        for (int d = 0; d < n; d++) {
            system[d * n + d] += damping * system[d * n + d] + 1e-12;
        }
        IntStream.range(0, problem.pointCount()).parallel().forEach(p -> invertPoint(p, damping));
        // S -= W V^-1 W^T and b -= W V^-1 g, row block by row block (the intrinsic rows last).
        IntStream.range(0, slots + (refineIntrinsics ? 1 : 0)).parallel().forEach(r -> {
            if (r < slots) {
                eliminateIntoCameraRows(r, b);
            } else {
                eliminateIntoIntrinsicRows(b);
            }
        });
        double[] delta = new double[n];
        for (int d = 0; d < n; d++) {
            delta[d] = -b[d];
        }
        if (n > 0 && !LapackCholesky.solveLowerInPlace(system, n, delta)) {
            return false;
        }
        // Back-substitution: dp = V^-1 (-g - W^T dc - W_i^T di).
        IntStream.range(0, problem.pointCount()).parallel().forEach(p -> {
            if (!invertible[p]) {
                return;
            }
            double[] rhs = {-pointGradients[3 * p], -pointGradients[3 * p + 1], -pointGradients[3 * p + 2]};
            for (int q = pointStart[p]; q < pointStart[p + 1]; q++) {
                int i = pointObservations[q];
                int slot = observationSlot[i];
                if (!valid[i] || slot < 0) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    for (int a = 0; a < 6; a++) {
                        rhs[c] -= poseBlocks[18 * i + 6 * c + a] * delta[6 * slot + a];
                    }
                }
            }
            if (refineIntrinsics) {
                for (int a = 0; a < 2; a++) {
                    double di = delta[intrinsicBase + a];
                    for (int c = 0; c < 3; c++) {
                        rhs[c] -= intrinsicPointBlocks[6 * p + 3 * a + c] * di;
                    }
                }
            }
            int v = 9 * p;
            for (int c = 0; c < 3; c++) {
                points[3 * p + c] += inversePointHessians[v + 3 * c] * rhs[0]
                        + inversePointHessians[v + 3 * c + 1] * rhs[1] + inversePointHessians[v + 3 * c + 2] * rhs[2];
            }
        });
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
        if (refineIntrinsics) {
            intrinsics[0] += delta[intrinsicBase];
            intrinsics[1] += delta[intrinsicBase + 1];
        }
        return Double.isFinite(intrinsics[0]) && intrinsics[0] > 0;
    }

    /** The damped V^-1 of point {@code p}, and W V^-1 for each of its observations (and the intrinsics). */
    private void invertPoint(int p, double damping) {
        double[] v = Arrays.copyOfRange(pointHessians, 9 * p, 9 * p + 9);
        for (int d = 0; d < 3; d++) {
            v[4 * d] += damping * v[4 * d] + 1e-12;
        }
        double[] vi = inversePointHessians;
        int o = 9 * p;
        invertible[p] = invert3(v, vi, o);
        if (!invertible[p]) {
            return;
        }
        for (int q = pointStart[p]; q < pointStart[p + 1]; q++) {
            int i = pointObservations[q];
            if (valid[i] && observationSlot[i] >= 0) {
                int w = 18 * i;
                for (int a = 0; a < 6; a++) {
                    for (int c = 0; c < 3; c++) {
                        poseBlocksTimesInverse[w + 3 * a + c] = poseBlocks[w + a] * vi[o + c]
                                + poseBlocks[w + 6 + a] * vi[o + 3 + c] + poseBlocks[w + 12 + a] * vi[o + 6 + c];
                    }
                }
            }
        }
        if (refineIntrinsics) {
            multiplyByInverse(intrinsicPointBlocks, 6 * p, 2, vi, o, intrinsicBlocksTimesInverse);
        }
    }

    /** out = w V^-1 for the {@code rows} x 3 block {@code w} at {@code offset} (out at the same offset). */
    private static void multiplyByInverse(double[] w, int offset, int rows, double[] vi, int o, double[] out) {
        for (int a = 0; a < rows; a++) {
            int row = offset + 3 * a;
            for (int c = 0; c < 3; c++) {
                out[row + c] = w[row] * vi[o + c] + w[row + 1] * vi[o + 3 + c] + w[row + 2] * vi[o + 6 + c];
            }
        }
    }

    /**
     * Camera slot {@code r}'s rows of the Schur complement, lower triangle: for each point it
     * sees, in order, {@code -Y W^T} against every observation of that point whose slot is not
     * after {@code r} (diagonal blocks are written whole; their upper half is never read).
     */
    private void eliminateIntoCameraRows(int r, double[] b) {
        for (int q = slotStart[r]; q < slotStart[r + 1]; q++) {
            int i = slotObservations[q];
            int p = problem.observationPoint()[i];
            if (!valid[i] || !invertible[p]) {
                continue;
            }
            int y = 18 * i;
            double g0 = pointGradients[3 * p];
            double g1 = pointGradients[3 * p + 1];
            double g2 = pointGradients[3 * p + 2];
            for (int a = 0; a < 6; a++) {
                b[6 * r + a] -= poseBlocksTimesInverse[y + 3 * a] * g0 + poseBlocksTimesInverse[y + 3 * a + 1] * g1
                        + poseBlocksTimesInverse[y + 3 * a + 2] * g2;
            }
            for (int k = pointStart[p]; k < pointStart[p + 1]; k++) {
                int z = pointObservations[k];
                int slot = observationSlot[z];
                if (!valid[z] || slot < 0 || slot > r) {
                    continue;
                }
                int wz = 18 * z;
                for (int a = 0; a < 6; a++) {
                    double y0 = poseBlocksTimesInverse[y + 3 * a];
                    double y1 = poseBlocksTimesInverse[y + 3 * a + 1];
                    double y2 = poseBlocksTimesInverse[y + 3 * a + 2];
                    int row = (6 * r + a) * n + 6 * slot;
                    for (int c = 0; c < 6; c++) {
                        system[row + c] -= y0 * poseBlocks[wz + c] + y1 * poseBlocks[wz + 6 + c]
                                + y2 * poseBlocks[wz + 12 + c];
                    }
                }
            }
        }
    }

    /** The intrinsic rows of the Schur complement (they come after every camera's), point by point. */
    private void eliminateIntoIntrinsicRows(double[] b) {
        for (int p = 0; p < problem.pointCount(); p++) {
            if (!invertible[p]) {
                continue;
            }
            int y = 6 * p;
            for (int a = 0; a < 2; a++) {
                double y0 = intrinsicBlocksTimesInverse[y + 3 * a];
                double y1 = intrinsicBlocksTimesInverse[y + 3 * a + 1];
                double y2 = intrinsicBlocksTimesInverse[y + 3 * a + 2];
                int row = (intrinsicBase + a) * n;
                b[intrinsicBase + a] -= y0 * pointGradients[3 * p] + y1 * pointGradients[3 * p + 1]
                        + y2 * pointGradients[3 * p + 2];
                for (int k = pointStart[p]; k < pointStart[p + 1]; k++) {
                    int z = pointObservations[k];
                    int slot = observationSlot[z];
                    if (!valid[z] || slot < 0) {
                        continue;
                    }
                    int wz = 18 * z;
                    for (int c = 0; c < 6; c++) {
                        system[row + 6 * slot + c] -= y0 * poseBlocks[wz + c] + y1 * poseBlocks[wz + 6 + c]
                                + y2 * poseBlocks[wz + 12 + c];
                    }
                }
                for (int c = 0; c <= a; c++) {
                    system[row + intrinsicBase + c] -= y0 * intrinsicPointBlocks[y + 3 * c]
                            + y1 * intrinsicPointBlocks[y + 3 * c + 1] + y2 * intrinsicPointBlocks[y + 3 * c + 2];
                }
            }
        }
    }

    /**
     * The cost (half the sum of the Huber-robustified squared residual norms; a point behind its
     * camera costs a large constant) and the root mean square residual norm over the observations
     * in front of their camera, from one pass.
     */
    private record ResidualSums(double cost, double rmsPx) {
    }

    /** Fixed chunks of observations in parallel, their partial sums added in chunk order. */
    private ResidualSums residualSums(double[] rotations, double[] translations, double[] points,
                                      double[] intrinsics) {
        int observations = problem.observationCount();
        int chunks = (observations + SUM_CHUNK - 1) / SUM_CHUNK;
        // Per chunk: robust cost, squared residuals in front, observations in front.
        double[] partial = new double[3 * chunks];
        double delta = options.huberPx();
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            double[] residual = new double[2];
            double robust = 0;
            double squared = 0;
            int inFront = 0;
            for (int i = chunk * SUM_CHUNK; i < Math.min(observations, (chunk + 1) * SUM_CHUNK); i++) {
                int c = problem.observationCamera()[i];
                int p = problem.observationPoint()[i];
                if (!ReprojectionError.evaluate(rotations, 9 * c, translations, 3 * c, points, 3 * p, intrinsics,
                        problem.observationUv()[2 * i], problem.observationUv()[2 * i + 1], residual, null, null,
                        null)) {
                    robust += 1e6;
                    continue;
                }
                double e2 = residual[0] * residual[0] + residual[1] * residual[1];
                double e = Math.sqrt(e2);
                robust += e <= delta ? e2 : 2 * delta * e - delta * delta;
                squared += e2;
                inFront++;
            }
            partial[3 * chunk] = robust;
            partial[3 * chunk + 1] = squared;
            partial[3 * chunk + 2] = inFront;
        });
        double robust = 0;
        double squared = 0;
        double inFront = 0;
        for (int chunk = 0; chunk < chunks; chunk++) {
            robust += partial[3 * chunk];
            squared += partial[3 * chunk + 1];
            inFront += partial[3 * chunk + 2];
        }
        return new ResidualSums(0.5 * robust, inFront == 0 ? 0 : Math.sqrt(squared / inFront));
    }

    private double huberWeight(double e) {
        return e <= options.huberPx() ? 1 : options.huberPx() / e;
    }

    /** Writes the inverse of the 3x3 {@code m} into {@code out} at {@code o}; false when singular. */
    private static boolean invert3(double[] m, double[] out, int o) {
        double c00 = m[4] * m[8] - m[5] * m[7];
        double c01 = m[5] * m[6] - m[3] * m[8];
        double c02 = m[3] * m[7] - m[4] * m[6];
        double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
        if (!(Math.abs(det) > 1e-300) || !Double.isFinite(det)) {
            return false;
        }
        double inv = 1 / det;
        out[o] = c00 * inv;
        out[o + 1] = (m[2] * m[7] - m[1] * m[8]) * inv;
        out[o + 2] = (m[1] * m[5] - m[2] * m[4]) * inv;
        out[o + 3] = c01 * inv;
        out[o + 4] = (m[0] * m[8] - m[2] * m[6]) * inv;
        out[o + 5] = (m[2] * m[3] - m[0] * m[5]) * inv;
        out[o + 6] = c02 * inv;
        out[o + 7] = (m[1] * m[6] - m[0] * m[7]) * inv;
        out[o + 8] = (m[0] * m[4] - m[1] * m[3]) * inv;
        return true;
    }
}
