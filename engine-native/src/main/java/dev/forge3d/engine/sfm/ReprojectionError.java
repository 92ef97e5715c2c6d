package dev.forge3d.engine.sfm;

/**
 * The SIMPLE_RADIAL reprojection residual of one observation and its Jacobians: the per-item
 * operation of bundle adjustment (a GPU kernel mirrors it one to one).
 *
 * <p>A world point X lands in camera coordinates at Xc = R X + t, at u = f d x + cx and
 * v = f d y + cy with x = Xc/Zc, y = Yc/Zc, d = 1 + k1 (x^2 + y^2). The residual is
 * (u - observed u, v - observed v). Rotations are updated on the left, R <- exp([w]x) R, so the
 * Jacobian with respect to w is -[R X]x.
 */
public final class ReprojectionError {
    /** Camera parameters per pose: rotation update w (3), then translation (3). */
    public static final int POSE_PARAMETERS = 6;
    /** Shared intrinsics refined: focal f, then k1. */
    public static final int INTRINSIC_PARAMETERS = 2;

    private ReprojectionError() {
    }

    /**
     * @param rotation    row-major 3x3 at {@code rotationOffset}
     * @param translation 3 values at {@code translationOffset}
     * @param point       3 values at {@code pointOffset}
     * @param intrinsics  f, k1, cx, cy
     * @param residual    out: 2 values
     * @param poseJacobian out, or null: 2 x 6 row-major
     * @param pointJacobian out, or null: 2 x 3 row-major
     * @param intrinsicJacobian out, or null: 2 x 2 row-major
     * @return false when the point is not in front of the camera (nothing else is written then)
     */
    public static boolean evaluate(double[] rotation, int rotationOffset, double[] translation, int translationOffset,
                                   double[] point, int pointOffset, double[] intrinsics, double observedU,
                                   double observedV, double[] residual, double[] poseJacobian,
                                   double[] pointJacobian, double[] intrinsicJacobian) {
        double[] r = rotation;
        int o = rotationOffset;
        double px = point[pointOffset];
        double py = point[pointOffset + 1];
        double pz = point[pointOffset + 2];
        // R X, then Xc = R X + t
        double rx = r[o] * px + r[o + 1] * py + r[o + 2] * pz;
        double ry = r[o + 3] * px + r[o + 4] * py + r[o + 5] * pz;
        double rz = r[o + 6] * px + r[o + 7] * py + r[o + 8] * pz;
        double cx = rx + translation[translationOffset];
        double cy = ry + translation[translationOffset + 1];
        double cz = rz + translation[translationOffset + 2];
        if (!(cz > 1e-12)) {
            return false;
        }
        double f = intrinsics[0];
        double k1 = intrinsics[1];
        double iz = 1 / cz;
        double x = cx * iz;
        double y = cy * iz;
        double r2 = x * x + y * y;
        double d = 1 + k1 * r2;
        residual[0] = f * d * x + intrinsics[2] - observedU;
        residual[1] = f * d * y + intrinsics[3] - observedV;
        if (poseJacobian == null && pointJacobian == null && intrinsicJacobian == null) {
            return true;
        }
        // d(u, v) / d(x, y)
        double uX = f * (d + 2 * k1 * x * x);
        double uY = f * 2 * k1 * x * y;
        double vX = uY;
        double vY = f * (d + 2 * k1 * y * y);
        // d(u, v) / d(Xc): (x, y) = (Xc/Zc, Yc/Zc)
        double u0 = uX * iz;
        double u1 = uY * iz;
        double u2 = -(uX * x + uY * y) * iz;
        double v0 = vX * iz;
        double v1 = vY * iz;
        double v2 = -(vX * x + vY * y) * iz;
        if (pointJacobian != null) {
            // d Xc / d X = R
            for (int c = 0; c < 3; c++) {
                pointJacobian[c] = u0 * r[o + c] + u1 * r[o + 3 + c] + u2 * r[o + 6 + c];
                pointJacobian[3 + c] = v0 * r[o + c] + v1 * r[o + 3 + c] + v2 * r[o + 6 + c];
            }
        }
        if (poseJacobian != null) {
            // d Xc / d w = -[R X]x, whose rows are (0, rz, -ry), (-rz, 0, rx), (ry, -rx, 0)
            poseJacobian[0] = -u1 * rz + u2 * ry;
            poseJacobian[1] = u0 * rz - u2 * rx;
            poseJacobian[2] = -u0 * ry + u1 * rx;
            poseJacobian[3] = u0;
            poseJacobian[4] = u1;
            poseJacobian[5] = u2;
            poseJacobian[6] = -v1 * rz + v2 * ry;
            poseJacobian[7] = v0 * rz - v2 * rx;
            poseJacobian[8] = -v0 * ry + v1 * rx;
            poseJacobian[9] = v0;
            poseJacobian[10] = v1;
            poseJacobian[11] = v2;
        }
        if (intrinsicJacobian != null) {
            intrinsicJacobian[0] = d * x;
            intrinsicJacobian[1] = f * r2 * x;
            intrinsicJacobian[2] = d * y;
            intrinsicJacobian[3] = f * r2 * y;
        }
        return true;
    }
}
