package dev.forge3d.engine.sfm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analytic Jacobians of the reprojection residual against central finite differences. */
class ReprojectionErrorTest {
    private static final double STEP = 1e-6;

    @Test
    void jacobiansMatchFiniteDifferences() {
        SyntheticViews views = new SyntheticViews(5, 20, 500, -0.08, 2);
        for (int c = 0; c < views.cameras; c++) {
            for (int p = 0; p < views.points; p += 3) {
                double u = 100.5 + c;
                double v = 200.25 - p;
                double[] residual = new double[2];
                double[] pose = new double[12];
                double[] point = new double[6];
                double[] intrinsic = new double[4];
                assertTrue(ReprojectionError.evaluate(views.rotations, 9 * c, views.translations, 3 * c, views.xyz,
                        3 * p, views.intrinsics, u, v, residual, pose, point, intrinsic));
                for (int k = 0; k < 3; k++) {
                    // rotation: left perturbation exp([h e_k]x) R
                    double[] plus = views.rotations.clone();
                    double[] minus = views.rotations.clone();
                    double[] w = new double[3];
                    w[k] = STEP;
                    So3.rotateLeft(w[0], w[1], w[2], plus, 9 * c);
                    So3.rotateLeft(-w[0], -w[1], -w[2], minus, 9 * c);
                    double[] d = difference(plus, views.translations, views.xyz, views.intrinsics, minus,
                            views.translations, views.xyz, views.intrinsics, c, p, u, v);
                    assertClose(d[0], pose[k], "du/dw" + k);
                    assertClose(d[1], pose[6 + k], "dv/dw" + k);
                    // translation
                    double[] tPlus = views.translations.clone();
                    double[] tMinus = views.translations.clone();
                    tPlus[3 * c + k] += STEP;
                    tMinus[3 * c + k] -= STEP;
                    d = difference(views.rotations, tPlus, views.xyz, views.intrinsics, views.rotations, tMinus,
                            views.xyz, views.intrinsics, c, p, u, v);
                    assertClose(d[0], pose[3 + k], "du/dt" + k);
                    assertClose(d[1], pose[9 + k], "dv/dt" + k);
                    // point
                    double[] xPlus = views.xyz.clone();
                    double[] xMinus = views.xyz.clone();
                    xPlus[3 * p + k] += STEP;
                    xMinus[3 * p + k] -= STEP;
                    d = difference(views.rotations, views.translations, xPlus, views.intrinsics, views.rotations,
                            views.translations, xMinus, views.intrinsics, c, p, u, v);
                    assertClose(d[0], point[k], "du/dX" + k);
                    assertClose(d[1], point[3 + k], "dv/dX" + k);
                }
                for (int k = 0; k < 2; k++) {
                    double[] iPlus = views.intrinsics.clone();
                    double[] iMinus = views.intrinsics.clone();
                    iPlus[k] += STEP;
                    iMinus[k] -= STEP;
                    double[] d = difference(views.rotations, views.translations, views.xyz, iPlus, views.rotations,
                            views.translations, views.xyz, iMinus, c, p, u, v);
                    assertClose(d[0], intrinsic[k], "du/di" + k);
                    assertClose(d[1], intrinsic[2 + k], "dv/di" + k);
                }
            }
        }
    }

    @Test
    void aPointBehindTheCameraIsRefused() {
        SyntheticViews views = new SyntheticViews(1, 1, 500, 0, 2);
        double[] behind = {0, 0, -100};
        assertTrue(!ReprojectionError.evaluate(views.rotations, 0, views.translations, 0, behind, 0,
                views.intrinsics, 0, 0, new double[2], null, null, null));
    }

    private static double[] difference(double[] r1, double[] t1, double[] x1, double[] i1, double[] r2, double[] t2,
                                       double[] x2, double[] i2, int c, int p, double u, double v) {
        double[] plus = new double[2];
        double[] minus = new double[2];
        ReprojectionError.evaluate(r1, 9 * c, t1, 3 * c, x1, 3 * p, i1, u, v, plus, null, null, null);
        ReprojectionError.evaluate(r2, 9 * c, t2, 3 * c, x2, 3 * p, i2, u, v, minus, null, null, null);
        return new double[] {(plus[0] - minus[0]) / (2 * STEP), (plus[1] - minus[1]) / (2 * STEP)};
    }

    private static void assertClose(double numeric, double analytic, String what) {
        assertEquals(numeric, analytic, 1e-5 * Math.max(1, Math.abs(numeric)), what);
    }
}
