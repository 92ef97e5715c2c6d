package dev.forge3d.engine.sfm;

import dev.forge3d.engine.dataset.ReferenceMapping;
import org.joml.Matrix3d;
import org.joml.Matrix4d;
import org.joml.Matrix4dc;
import org.joml.Quaterniond;
import org.joml.Vector3d;

import java.util.List;

/**
 * The turn of the mapper's world that makes the cameras' mean up its -y, the up of an upright
 * OpenCV camera, as COLMAP-style scenes are read. The mapper anchors its world on one camera of
 * its first pair, which may be a photo turned a quarter, or tilted down at the object; the mean of
 * an orbit's ups is the vertical.
 */
final class UprightWorld {
    private static final Vector3d UP = new Vector3d(0, -1, 0);

    /** Row-major. */
    private final double[] turn;

    private UprightWorld(Matrix3d turn) {
        this.turn = new double[9];
        for (int row = 0; row < 3; row++) {
            for (int column = 0; column < 3; column++) {
                this.turn[3 * row + column] = turn.get(column, row);
            }
        }
    }

    /** From the registered images' cameras as the photos are (turned photos rolled back). */
    static UprightWorld of(Reconstruction model, List<ReferenceMapping> mappings) {
        Vector3d up = new Vector3d();
        for (int image = 0; image < model.imageCount(); image++) {
            if (model.isRegistered(image)) {
                Matrix4d c2w = mappings.get(image).cameraToWorld(
                        ReconstructionExport.cameraToWorld(model.rotation(image), model.translation(image)));
                up.sub(c2w.m10(), c2w.m11(), c2w.m12());
            }
        }
        if (up.length() < 1e-9) {
            return new UprightWorld(new Matrix3d());
        }
        return new UprightWorld(new Matrix3d().rotation(new Quaterniond().rotationTo(up.normalize(), UP)));
    }

    Matrix4d cameraToWorld(Matrix4dc c2w) {
        Matrix4d turn4 = new Matrix4d(
                turn[0], turn[3], turn[6], 0,
                turn[1], turn[4], turn[7], 0,
                turn[2], turn[5], turn[8], 0,
                0, 0, 0, 1);
        return turn4.mul(c2w);
    }

    double[] point(double[] xyz) {
        double[] out = new double[3];
        for (int row = 0; row < 3; row++) {
            out[row] = turn[3 * row] * xyz[0] + turn[3 * row + 1] * xyz[1] + turn[3 * row + 2] * xyz[2];
        }
        return out;
    }

    /** A world-to-camera rotation (row-major) for the turned world: {@code r turn^T}; translations stay. */
    double[] worldToCameraRotation(double[] r) {
        double[] out = new double[9];
        for (int row = 0; row < 3; row++) {
            for (int column = 0; column < 3; column++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += r[3 * row + k] * turn[3 * column + k];
                }
                out[3 * row + column] = sum;
            }
        }
        return out;
    }
}
