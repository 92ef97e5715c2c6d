package dev.forge3d.engine.sfm;

import org.joml.Matrix4d;
import org.joml.Matrix4dc;
import org.joml.Quaterniond;
import org.joml.Vector3d;

import java.util.Collection;

/**
 * The turn of the mapper's world that makes the cameras' mean up its -y, the up of an upright
 * OpenCV camera, as COLMAP-style scenes are read. The mapper anchors its world on one camera of
 * its first pair, which may be a photo turned a quarter, or tilted down at the object; the mean of
 * an orbit's ups is the vertical.
 */
final class UprightWorld {
    private static final Vector3d UP = new Vector3d(0, -1, 0);

    private final Matrix4d turn;

    private UprightWorld(Matrix4d turn) {
        this.turn = turn;
    }

    /** From the cameras (OpenCV axes, y down) of the images as they are: turned photos rolled back. */
    static UprightWorld of(Collection<? extends Matrix4dc> cameraToWorlds) {
        Vector3d up = new Vector3d();
        for (Matrix4dc c2w : cameraToWorlds) {
            up.sub(c2w.m10(), c2w.m11(), c2w.m12());
        }
        Matrix4d turn = new Matrix4d();
        if (up.length() >= 1e-9) {
            turn.rotation(new Quaterniond().rotationTo(up.normalize(), UP));
        }
        return new UprightWorld(turn);
    }

    Matrix4d cameraToWorld(Matrix4dc c2w) {
        return new Matrix4d(turn).mul(c2w);
    }

    double[] point(double[] xyz) {
        Vector3d p = turn.transformPosition(new Vector3d(xyz[0], xyz[1], xyz[2]));
        return new double[] {p.x, p.y, p.z};
    }
}
