package dev.forge3d.engine.dataset;

import java.util.Arrays;

import static dev.forge3d.engine.dataset.DatasetChecks.unreadable;

/**
 * One image of a COLMAP model as the file declares it: its world-to-camera pose (OpenCV axes).
 *
 * @param name   the file name relative to {@code images/}
 * @param q      the rotation quaternion, w x y z
 * @param t      the translation
 * @param camera the COLMAP camera id
 * @param where  the file and line or record, for messages
 */
record ColmapImage(String name, double[] q, double[] t, int camera, String where) {
    /** The rotation must normalise to one (not zero, not overflowing) and the translation be finite. */
    static void checkPose(String where, double[] q, double[] t) {
        double norm2 = q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3];
        if (!(norm2 > 0) || !Double.isFinite(norm2)) {
            throw unreadable(where + ": the rotation quaternion " + Arrays.toString(q)
                    + " is zero or not finite");
        }
        if (!Double.isFinite(t[0]) || !Double.isFinite(t[1]) || !Double.isFinite(t[2])) {
            throw unreadable(where + ": the translation " + Arrays.toString(t) + " is not finite");
        }
    }
}
