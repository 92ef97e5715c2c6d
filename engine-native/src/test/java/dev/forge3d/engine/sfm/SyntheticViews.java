package dev.forge3d.engine.sfm;

import java.util.Random;

/** Cameras on a ring looking at points in a unit cube, with exact SIMPLE_RADIAL projections. */
final class SyntheticViews {
    final int cameras;
    final int points;
    final double[] rotations;
    final double[] translations;
    final double[] xyz;
    final double[] intrinsics;

    SyntheticViews(int cameras, int points, double focal, double k1, long seed) {
        this.cameras = cameras;
        this.points = points;
        Random random = new Random(seed);
        rotations = new double[9 * cameras];
        translations = new double[3 * cameras];
        xyz = new double[3 * points];
        intrinsics = new double[] {focal, k1, 320, 240};
        for (int p = 0; p < 3 * points; p++) {
            xyz[p] = random.nextDouble() * 2 - 1;
        }
        for (int c = 0; c < cameras; c++) {
            double angle = 0.5 * c;
            double[] centre = {6 * Math.sin(angle), 0.5 * Math.cos(3 * angle), -6 * Math.cos(angle)};
            // look at the origin: z axis towards it, x axis horizontal
            double[] z = normalise(new double[] {-centre[0], -centre[1], -centre[2]});
            double[] x = normalise(cross(new double[] {0, 1, 0}, z));
            double[] y = cross(z, x);
            double[] r = {x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]};
            System.arraycopy(r, 0, rotations, 9 * c, 9);
            for (int a = 0; a < 3; a++) {
                translations[3 * c + a] = -(r[3 * a] * centre[0] + r[3 * a + 1] * centre[1] + r[3 * a + 2] * centre[2]);
            }
        }
    }

    /** The pixel where camera {@code c} sees point {@code p}. */
    double[] project(int c, int p) {
        double[] residual = new double[2];
        ReprojectionError.evaluate(rotations, 9 * c, translations, 3 * c, xyz, 3 * p, intrinsics, 0, 0, residual,
                null, null, null);
        return residual;
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double[] normalise(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
