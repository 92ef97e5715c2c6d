package dev.forge3d.engine.mesh;

import dev.forge3d.engine.synthetic.Bounds;
import dev.forge3d.engine.synthetic.SyntheticScene;

import java.util.SplittableRandom;

/** Geometry error measures for tests: surface samples, Chamfer distance, volume IoU. */
final class MeshMetrics {
    private MeshMetrics() {
    }

    /** {@code count} points uniform by area over the mesh surface, xyz per point. */
    static double[] sampleSurface(TriMesh mesh, int count, long seed) {
        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        double[] cumulative = new double[mesh.faceCount()];
        double total = 0;
        for (int f = 0; f < mesh.faceCount(); f++) {
            int a = 3 * idx[3 * f], b = 3 * idx[3 * f + 1], c = 3 * idx[3 * f + 2];
            double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
            total += 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
            cumulative[f] = total;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] out = new double[3 * count];
        for (int n = 0; n < count; n++) {
            double pick = random.nextDouble() * total;
            int lo = 0, hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < pick) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            double r1 = Math.sqrt(random.nextDouble()), r2 = random.nextDouble();
            double wa = 1 - r1, wb = r1 * (1 - r2), wc = r1 * r2;
            int a = 3 * idx[3 * lo], b = 3 * idx[3 * lo + 1], c = 3 * idx[3 * lo + 2];
            for (int k = 0; k < 3; k++) {
                out[3 * n + k] = wa * p[a + k] + wb * p[b + k] + wc * p[c + k];
            }
        }
        return out;
    }

    /** Mean over the points of a of the distance to the nearest point of b (brute force). */
    static double meanNearest(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i += 3) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < b.length; j += 3) {
                double dx = a[i] - b[j], dy = a[i + 1] - b[j + 1], dz = a[i + 2] - b[j + 2];
                best = Math.min(best, dx * dx + dy * dy + dz * dz);
            }
            sum += Math.sqrt(best);
        }
        return sum / (a.length / 3);
    }

    /** The symmetric Chamfer distance: the mean of both directions' mean nearest distances. */
    static double chamfer(double[] a, double[] b) {
        return 0.5 * (meanNearest(a, b) + meanNearest(b, a));
    }

    /** Whether a reconstruction holds a world point. */
    @FunctionalInterface
    interface Solid {
        boolean contains(double x, double y, double z);
    }

    /** Points along each axis of the volume IoU lattice. */
    static final int LATTICE = 48;

    /**
     * Volume IoU of the reconstruction against the scene's object on a 48^3 lattice over the
     * object's bounds grown by 10% on every side, so that overshoot counts too.
     */
    static double volumeIou(SyntheticScene scene, Bounds bounds, Solid reconstruction) {
        int n = LATTICE;
        var min = bounds.min();
        var size = bounds.size();
        int inter = 0, union = 0;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double x = latticeCoordinate(min.x(), size.x(), i);
                    double y = latticeCoordinate(min.y(), size.y(), j);
                    double z = latticeCoordinate(min.z(), size.z(), k);
                    boolean t = scene.objectContains(x, y, z);
                    boolean r = reconstruction.contains(x, y, z);
                    inter += t && r ? 1 : 0;
                    union += t || r ? 1 : 0;
                }
            }
        }
        return (double) inter / union;
    }

    /** The lattice's i-th coordinate along an axis where the bounds start at min and span size. */
    static double latticeCoordinate(double min, double size, int i) {
        return min + size * (-0.1 + 1.2 * (i + 0.5) / LATTICE);
    }
}
