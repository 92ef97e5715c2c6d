package dev.forge3d.engine.sfm;

/**
 * Two-view linear triangulation (DLT) from normalised image coordinates, and the angle a point
 * subtends between two camera centres.
 */
public final class Triangulation {
    private Triangulation() {
    }

    /**
     * Solves the four DLT equations x (P3 X) - (P1 X) = 0, y (P3 X) - (P2 X) = 0 of both views in
     * least squares with the point's homogeneous coordinate fixed at 1.
     *
     * @param r1 world-to-camera rotation of view 1 (row-major) at offset {@code o1}; t1 likewise
     * @param x1 normalised coordinates of the point in view 1 (x/z, y/z)
     * @param out the world point
     * @return false when the rays are (nearly) parallel
     */
    public static boolean triangulate(double[] r1, int o1, double[] t1, int p1, double x1, double y1,
                                      double[] r2, int o2, double[] t2, int p2, double x2, double y2, double[] out) {
        double[][] rows = new double[4][];
        rows[0] = row(r1, o1, t1, p1, x1, 0);
        rows[1] = row(r1, o1, t1, p1, y1, 1);
        rows[2] = row(r2, o2, t2, p2, x2, 0);
        rows[3] = row(r2, o2, t2, p2, y2, 1);
        // Normal equations of A X = -a4 for the first three coordinates.
        double[] ata = new double[9];
        double[] atb = new double[3];
        for (double[] row : rows) {
            double norm = Math.sqrt(row[0] * row[0] + row[1] * row[1] + row[2] * row[2]);
            double s = norm > 0 ? 1 / norm : 0;
            for (int a = 0; a < 3; a++) {
                atb[a] -= row[a] * row[3] * s * s;
                for (int c = 0; c < 3; c++) {
                    ata[3 * a + c] += row[a] * row[c] * s * s;
                }
            }
        }
        double det = ata[0] * (ata[4] * ata[8] - ata[5] * ata[7]) - ata[1] * (ata[3] * ata[8] - ata[5] * ata[6])
                + ata[2] * (ata[3] * ata[7] - ata[4] * ata[6]);
        if (!(Math.abs(det) > 1e-18)) {
            return false;
        }
        for (int k = 0; k < 3; k++) {
            double[] m = ata.clone();
            for (int a = 0; a < 3; a++) {
                m[3 * a + k] = atb[a];
            }
            out[k] = (m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                    + m[2] * (m[3] * m[7] - m[4] * m[6])) / det;
        }
        return Double.isFinite(out[0]) && Double.isFinite(out[1]) && Double.isFinite(out[2]);
    }

    /** coordinate * (third row of [R|t]) - (row {@code axis} of [R|t]). */
    private static double[] row(double[] r, int o, double[] t, int p, double coordinate, int axis) {
        double[] row = new double[4];
        for (int c = 0; c < 3; c++) {
            row[c] = coordinate * r[o + 6 + c] - r[o + 3 * axis + c];
        }
        row[3] = coordinate * t[p + 2] - t[p + axis];
        return row;
    }

    /** The camera centre -R^T t of a world-to-camera pose. */
    public static double[] centre(double[] r, int o, double[] t, int p) {
        double[] c = new double[3];
        for (int a = 0; a < 3; a++) {
            c[a] = -(r[o + a] * t[p] + r[o + 3 + a] * t[p + 1] + r[o + 6 + a] * t[p + 2]);
        }
        return c;
    }

    /** The angle at {@code point} between the rays to two camera centres, in radians. */
    public static double angle(double[] centre1, double[] centre2, double[] point) {
        double ax = centre1[0] - point[0];
        double ay = centre1[1] - point[1];
        double az = centre1[2] - point[2];
        double bx = centre2[0] - point[0];
        double by = centre2[1] - point[1];
        double bz = centre2[2] - point[2];
        double dot = ax * bx + ay * by + az * bz;
        double norms = Math.sqrt((ax * ax + ay * ay + az * az) * (bx * bx + by * by + bz * bz));
        return norms > 0 ? Math.acos(Math.max(-1, Math.min(1, dot / norms))) : 0;
    }

    /** The depth (camera z) of a world point. */
    public static double depth(double[] r, int o, double[] t, int p, double[] point) {
        return r[o + 6] * point[0] + r[o + 7] * point[1] + r[o + 8] * point[2] + t[p + 2];
    }
}
