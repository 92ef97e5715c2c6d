package dev.forge3d.engine.sfm;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bundle adjustment converges back to the ground truth from perturbed poses, points, focal and k1. */
class BundleAdjusterTest {
    @Test
    void convergesFromPerturbedPosesPointsAndIntrinsics() {
        SyntheticViews truth = new SyntheticViews(8, 200, 520, -0.05, 4);
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
        Random random = new Random(8);
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
        // Fix the scale gauge: the second camera's translation stays true, its rotation moves.
        for (int p = 0; p < points.length; p++) {
            points[p] += 0.03 * random.nextGaussian();
        }
        double[] intrinsics = {520 * 1.04, 0, 320, 240};
        BundleProblem problem = new BundleProblem(rotations, translations, variable, points, obsCamera, obsPoint, obsUv,
                intrinsics, true);
        BundleAdjuster.Report report = BundleAdjuster.solve(problem, new BundleAdjuster.Options(100, 2.0));
        assertTrue(report.initialRmsPx() > 5, "the perturbation is visible: " + report.initialRmsPx());
        assertTrue(report.finalRmsPx() < 1e-6, "converged to exact observations: " + report);
        assertEquals(520, intrinsics[0], 1e-4);
        assertEquals(-0.05, intrinsics[1], 1e-7);
        for (int c = 0; c < truth.cameras; c++) {
            assertEquals(0, So3.angleBetween(rotations, 9 * c, truth.rotations, 9 * c), 1e-7, "camera " + c);
        }
    }
}
