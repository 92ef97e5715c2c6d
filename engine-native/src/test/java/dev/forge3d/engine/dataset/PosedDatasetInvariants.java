package dev.forge3d.engine.dataset;

import org.joml.Matrix3d;
import org.joml.Matrix4dc;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What training and rendering take for granted of a dataset that was read, checked here on its
 * own terms (not through the readers' checks): frames whose images exist, each with a rigid
 * finite pose and a camera of whole positive size within the pixel limit and finite positive
 * focal lengths, and finite points with 8-bit colours.
 */
final class PosedDatasetInvariants {
    private PosedDatasetInvariants() {
    }

    static void assertHolds(String what, PosedDataset dataset, long maxImagePixels) {
        assertTrue(!dataset.frames().isEmpty(), what + ": read a dataset without frames");
        for (CameraIntrinsics c : dataset.cameras()) {
            assertTrue(c.width() >= 1 && c.height() >= 1 && (long) c.width() * c.height() <= maxImagePixels,
                    what + ": camera size " + c.width() + "x" + c.height());
            assertTrue(c.fx() > 0 && c.fy() > 0 && Double.isFinite(c.fx()) && Double.isFinite(c.fy())
                    && Double.isFinite(c.cx()) && Double.isFinite(c.cy()) && Double.isFinite(c.k1()), what + ": " + c);
        }
        for (PosedFrame frame : dataset.frames()) {
            assertTrue(frame.camera() >= 0 && frame.camera() < dataset.cameras().size(), what + ": " + frame);
            assertTrue(Files.isRegularFile(frame.file()), what + ": frame image " + frame.file() + " is not a file");
            Matrix4dc m = frame.cameraToWorld();
            assertTrue(m.isFinite() && m.isAffine(), what + ": pose " + m);
            Matrix3d r = m.get3x3(new Matrix3d());
            Matrix3d gram = new Matrix3d(r).transpose().mul(r);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertTrue(Math.abs(gram.get(i, j) - (i == j ? 1 : 0)) <= 1e-3, what + ": not a rotation " + r);
                }
            }
            assertTrue(r.determinant() > 0, what + ": mirrored pose " + r);
        }
        for (SparsePoint p : dataset.points()) {
            assertTrue(Double.isFinite(p.x()) && Double.isFinite(p.y()) && Double.isFinite(p.z()), what + ": " + p);
            for (int channel : new int[] {p.red(), p.green(), p.blue()}) {
                assertTrue(channel >= 0 && channel <= 255, what + ": " + p);
            }
        }
    }
}
