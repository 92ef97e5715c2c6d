package dev.forge3d.engine.sfm;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relative pose, triangulation and PnP against synthetic ground truth. */
class TwoViewAndPnpTest {
    @Test
    void essentialMatrixRecoversTheRelativePoseAndTriangulationThePoints() {
        SyntheticViews views = new SyntheticViews(3, 150, 500, 0, 6);
        int a = 0;
        int b = 2;
        double[] uv1 = new double[2 * views.points];
        double[] uv2 = new double[2 * views.points];
        for (int p = 0; p < views.points; p++) {
            System.arraycopy(views.project(a, p), 0, uv1, 2 * p, 2);
            System.arraycopy(views.project(b, p), 0, uv2, 2 * p, 2);
        }
        OpenCvGeometry.RelativePose pose = OpenCvGeometry.relativePose(uv1, uv2, 500, 320, 240, 1.0).orElseThrow();
        // truth: R_rel = R_b R_a^T, t_rel = t_b - R_rel t_a (up to scale)
        double[] ra = views.rotations;
        double[] rRel = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    rRel[3 * i + j] += ra[9 * b + 3 * i + k] * ra[9 * a + 3 * j + k];
                }
            }
        }
        assertEquals(0, Math.toDegrees(So3.angleBetween(rRel, 0, pose.rotation(), 0)), 1e-3);
        double[] tRel = new double[3];
        for (int i = 0; i < 3; i++) {
            tRel[i] = views.translations[3 * b + i];
            for (int k = 0; k < 3; k++) {
                tRel[i] -= rRel[3 * i + k] * views.translations[3 * a + k];
            }
        }
        double scale = Math.sqrt(tRel[0] * tRel[0] + tRel[1] * tRel[1] + tRel[2] * tRel[2]);
        for (int i = 0; i < 3; i++) {
            assertEquals(tRel[i] / scale, pose.translation()[i], 1e-4);
        }
        // Triangulate in the true frame: exact points back.
        for (int p = 0; p < views.points; p++) {
            double[] out = new double[3];
            assertTrue(Triangulation.triangulate(views.rotations, 9 * a, views.translations, 3 * a,
                    (uv1[2 * p] - 320) / 500, (uv1[2 * p + 1] - 240) / 500, views.rotations, 9 * b, views.translations,
                    3 * b, (uv2[2 * p] - 320) / 500, (uv2[2 * p + 1] - 240) / 500, out));
            for (int k = 0; k < 3; k++) {
                assertEquals(views.xyz[3 * p + k], out[k], 1e-8);
            }
        }
    }

    @Test
    void pnpRansacRecoversThePoseDespiteOutliers() {
        SyntheticViews views = new SyntheticViews(4, 120, 480, -0.03, 7);
        Random random = new Random(1);
        int c = 3;
        double[] uv = new double[2 * views.points];
        for (int p = 0; p < views.points; p++) {
            System.arraycopy(views.project(c, p), 0, uv, 2 * p, 2);
            if (p % 5 == 0) {
                uv[2 * p] += 40 + 50 * random.nextDouble();
                uv[2 * p + 1] -= 40 + 50 * random.nextDouble();
            }
        }
        Optional<OpenCvGeometry.AbsolutePose> pose = OpenCvGeometry.absolutePose(views.xyz, uv, views.intrinsics, 2.0);
        assertTrue(pose.isPresent());
        assertEquals(views.points - views.points / 5, pose.get().inliers().length);
        assertEquals(0, Math.toDegrees(So3.angleBetween(views.rotations, 9 * c, pose.get().rotation(), 0)), 1e-3);
        for (int k = 0; k < 3; k++) {
            assertEquals(views.translations[3 * c + k], pose.get().translation()[k], 1e-4);
        }
    }
}
