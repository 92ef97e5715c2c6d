package dev.forge3d.engine.sfm;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bundle adjustment converges back to the ground truth from perturbed poses, points, focal and k1. */
class BundleAdjusterTest {
    @Test
    void convergesFromPerturbedPosesPointsAndIntrinsics() {
        SyntheticViews truth = new SyntheticViews(8, 200, 520, -0.05, 4);
        BundleProblem problem = perturbed(truth, 8);
        BundleAdjuster.Report report = BundleAdjuster.solve(problem, new BundleAdjuster.Options(100, 2.0));
        assertTrue(report.initialRmsPx() > 5, "the perturbation is visible: " + report.initialRmsPx());
        assertTrue(report.finalRmsPx() < 1e-6, "converged to exact observations: " + report);
        assertEquals(520, problem.intrinsics()[0], 1e-4);
        assertEquals(-0.05, problem.intrinsics()[1], 1e-7);
        for (int c = 0; c < truth.cameras; c++) {
            assertEquals(0, So3.angleBetween(problem.rotations(), 9 * c, truth.rotations, 9 * c), 1e-7,
                    "camera " + c);
        }
    }

    /** The parallel loops sum in a fixed order: one worker thread gives the very same bits as many. */
    @Test
    void resultDoesNotDependOnTheThreadCount() throws Exception {
        SyntheticViews truth = new SyntheticViews(12, 3000, 520, -0.05, 5);
        BundleProblem single = perturbed(truth, 9);
        BundleProblem parallel = perturbed(truth, 9);
        BundleAdjuster.Options options = new BundleAdjuster.Options(5, 2.0);
        // Parallel streams run in the pool of the task that starts them.
        try (ForkJoinPool one = new ForkJoinPool(1); ForkJoinPool four = new ForkJoinPool(4)) {
            one.submit(() -> BundleAdjuster.solve(single, options)).get();
            four.submit(() -> BundleAdjuster.solve(parallel, options)).get();
        }
        assertArrayEquals(single.rotations(), parallel.rotations());
        assertArrayEquals(single.translations(), parallel.translations());
        assertArrayEquals(single.points(), parallel.points());
        assertArrayEquals(single.intrinsics(), parallel.intrinsics());
        assertTrue(single.intrinsics()[0] != 520 * 1.04, "the solve moved the focal length");
    }

    /**
     * One damped step of the Schur complement solver equals the step of the full normal
     * equations solved densely: a sparse visibility pattern, fixed and variable cameras, the
     * intrinsics refined, and perturbations large enough that the Huber loss down-weights some
     * observations.
     */
    @Test
    void schurStepEqualsTheDenseNormalEquationsStep() {
        SyntheticViews truth = new SyntheticViews(6, 40, 520, -0.05, 6);
        boolean[] variable = {false, true, true, false, true, true};
        int[] obsCamera = new int[truth.cameras * truth.points];
        int[] obsPoint = new int[obsCamera.length];
        double[] obsUv = new double[2 * obsCamera.length];
        int n = 0;
        for (int p = 0; p < truth.points; p++) {
            for (int c = 0; c < truth.cameras; c++) {
                if ((p + c) % 3 == 0 && c != 0) {
                    continue; // not every camera sees every point
                }
                double[] uv = truth.project(c, p);
                obsCamera[n] = c;
                obsPoint[n] = p;
                obsUv[2 * n] = uv[0];
                obsUv[2 * n + 1] = uv[1];
                n++;
            }
        }
        Random random = new Random(12);
        double[] rotations = truth.rotations.clone();
        double[] translations = truth.translations.clone();
        double[] points = truth.xyz.clone();
        for (int c = 0; c < truth.cameras; c++) {
            if (variable[c]) {
                So3.rotateLeft(0.01 * random.nextGaussian(), 0.01 * random.nextGaussian(),
                        0.01 * random.nextGaussian(), rotations, 9 * c);
                for (int a = 0; a < 3; a++) {
                    translations[3 * c + a] += 0.05 * random.nextGaussian();
                }
            }
        }
        for (int p = 0; p < points.length; p++) {
            points[p] += 0.02 * random.nextGaussian();
        }
        BundleProblem problem = new BundleProblem(rotations, translations, variable, points,
                Arrays.copyOf(obsCamera, n), Arrays.copyOf(obsPoint, n),
                Arrays.copyOf(obsUv, 2 * n), new double[] {530, -0.03, 320, 240}, true);
        double damping = 1e-3;
        BundleAdjuster.Options options = new BundleAdjuster.Options(1, 2.0);

        BundleProblem schur = BundleAdjuster.singleStep(problem, options, damping);
        BundleProblem dense = DenseNormalEquations.step(problem, options.huberPx(), damping);

        assertTrue(DenseNormalEquations.downWeighted(problem, options.huberPx()) > 0,
                "some observations lie beyond the Huber threshold");
        assertArrayEquals(dense.rotations(), schur.rotations(), 1e-9);
        assertArrayEquals(dense.translations(), schur.translations(), 1e-9);
        assertArrayEquals(dense.points(), schur.points(), 1e-9);
        assertArrayEquals(dense.intrinsics(), schur.intrinsics(), 1e-7);
        assertTrue(Math.abs(schur.intrinsics()[0] - 530) > 1e-3, "the step moves the focal length");
    }

    /**
     * Every camera observes every point; all but the first camera are perturbed (the first fixes
     * the gauge), and so are the points and the focal length.
     */
    private static BundleProblem perturbed(SyntheticViews truth, long seed) {
        int observations = truth.cameras * truth.points;
        int[] obsCamera = new int[observations];
        int[] obsPoint = new int[observations];
        double[] obsUv = new double[2 * observations];
        int o = 0;
        for (int c = 0; c < truth.cameras; c++) {
            for (int p = 0; p < truth.points; p++) {
                double[] uv = truth.project(c, p);
                obsCamera[o] = c;
                obsPoint[o] = p;
                obsUv[2 * o] = uv[0];
                obsUv[2 * o + 1] = uv[1];
                o++;
            }
        }
        Random random = new Random(seed);
        double[] rotations = truth.rotations.clone();
        double[] translations = truth.translations.clone();
        double[] points = truth.xyz.clone();
        boolean[] variable = new boolean[truth.cameras];
        for (int c = 1; c < truth.cameras; c++) {
            variable[c] = true;
            So3.rotateLeft(0.02 * random.nextGaussian(), 0.02 * random.nextGaussian(), 0.02 * random.nextGaussian(),
                    rotations, 9 * c);
            for (int a = 0; a < 3; a++) {
                translations[3 * c + a] += 0.05 * random.nextGaussian();
            }
        }
        for (int p = 0; p < points.length; p++) {
            points[p] += 0.03 * random.nextGaussian();
        }
        double[] intrinsics = {520 * 1.04, 0, 320, 240};
        return new BundleProblem(rotations, translations, variable, points, obsCamera, obsPoint, obsUv, intrinsics,
                true);
    }
}
