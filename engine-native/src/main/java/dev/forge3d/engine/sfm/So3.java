package dev.forge3d.engine.sfm;

/** Rotations as row-major 3x3 arrays: the exponential map and the few products SfM needs. */
public final class So3 {
    private So3() {
    }

    /** Writes exp([w]x) (Rodrigues' formula) into {@code out} at {@code offset}. */
    public static void exp(double wx, double wy, double wz, double[] out, int offset) {
        double theta2 = wx * wx + wy * wy + wz * wz;
        double theta = Math.sqrt(theta2);
        double a;
        double b;
        if (theta < 1e-8) {
            a = 1 - theta2 / 6;
            b = 0.5 - theta2 / 24;
        } else {
            a = Math.sin(theta) / theta;
            b = (1 - Math.cos(theta)) / theta2;
        }
        out[offset] = 1 - b * (wy * wy + wz * wz);
        out[offset + 1] = -a * wz + b * wx * wy;
        out[offset + 2] = a * wy + b * wx * wz;
        out[offset + 3] = a * wz + b * wx * wy;
        out[offset + 4] = 1 - b * (wx * wx + wz * wz);
        out[offset + 5] = -a * wx + b * wy * wz;
        out[offset + 6] = -a * wy + b * wx * wz;
        out[offset + 7] = a * wx + b * wy * wz;
        out[offset + 8] = 1 - b * (wx * wx + wy * wy);
    }

    /** r = exp([w]x) * r, in place at {@code offset}: the left update bundle adjustment applies. */
    public static void rotateLeft(double wx, double wy, double wz, double[] r, int offset) {
        double[] e = new double[9];
        exp(wx, wy, wz, e, 0);
        double[] product = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                product[3 * i + j] = e[3 * i] * r[offset + j] + e[3 * i + 1] * r[offset + 3 + j]
                        + e[3 * i + 2] * r[offset + 6 + j];
            }
        }
        System.arraycopy(product, 0, r, offset, 9);
    }

    /** The angle of the rotation between two rotations, in radians. */
    public static double angleBetween(double[] a, int offsetA, double[] b, int offsetB) {
        // trace(A^T B) = 1 + 2 cos(angle)
        double trace = 0;
        for (int k = 0; k < 9; k++) {
            trace += a[offsetA + k] * b[offsetB + k];
        }
        return Math.acos(Math.max(-1, Math.min(1, (trace - 1) / 2)));
    }

    /** The unit quaternion (w, x, y, z) of a rotation matrix, with w >= 0. */
    public static double[] quaternion(double[] r, int o) {
        double trace = r[o] + r[o + 4] + r[o + 8];
        double w;
        double x;
        double y;
        double z;
        if (trace > 0) {
            double s = 0.5 / Math.sqrt(trace + 1);
            w = 0.25 / s;
            x = (r[o + 7] - r[o + 5]) * s;
            y = (r[o + 2] - r[o + 6]) * s;
            z = (r[o + 3] - r[o + 1]) * s;
        } else if (r[o] > r[o + 4] && r[o] > r[o + 8]) {
            double s = 2 * Math.sqrt(1 + r[o] - r[o + 4] - r[o + 8]);
            w = (r[o + 7] - r[o + 5]) / s;
            x = 0.25 * s;
            y = (r[o + 1] + r[o + 3]) / s;
            z = (r[o + 2] + r[o + 6]) / s;
        } else if (r[o + 4] > r[o + 8]) {
            double s = 2 * Math.sqrt(1 + r[o + 4] - r[o] - r[o + 8]);
            w = (r[o + 2] - r[o + 6]) / s;
            x = (r[o + 1] + r[o + 3]) / s;
            y = 0.25 * s;
            z = (r[o + 5] + r[o + 7]) / s;
        } else {
            double s = 2 * Math.sqrt(1 + r[o + 8] - r[o] - r[o + 4]);
            w = (r[o + 3] - r[o + 1]) / s;
            x = (r[o + 2] + r[o + 6]) / s;
            y = (r[o + 5] + r[o + 7]) / s;
            z = 0.25 * s;
        }
        double norm = Math.sqrt(w * w + x * x + y * y + z * z) * (w < 0 ? -1 : 1);
        return new double[] {w / norm, x / norm, y / norm, z / norm};
    }
}
