package dev.forge3d.engine.mesh;

import java.util.stream.IntStream;

/**
 * Closes the underside that no view sees. When every camera looks down on the object, the
 * silhouettes leave a keel below it: the cones of the views' lowest silhouette rays meet under
 * the object, and no view sees any of it (each view's ray to it first meets the object's side).
 * Where each view first meets the volume along each of its silhouette's rays is what the views
 * see; nothing they see lies lower than the lowest of those points, so the volume is cut by the
 * level plane through it: the flat base an object photographed from above stands on. Every
 * silhouette ray keeps its first inside point, so the silhouettes are kept.
 */
final class UnseenUnderside {
    /** The least downward tilt of every view for the underside to count as unseen: about 3 degrees. */
    static final double MIN_DOWNWARD_TILT = 0.05;

    private UnseenUnderside() {
    }

    /**
     * The world's up direction as the views hold it: the mean of their image-up directions, unit
     * length; null unless there are at least two views and every view looks down along it by at
     * least {@link #MIN_DOWNWARD_TILT} (with level views, or one, the underside is not unseen).
     */
    static double[] upIfAllLookDown(ViewCamera[] cameras) {
        if (cameras.length < 2) {
            return null;
        }
        double[] up = new double[3];
        double[] a = new double[3], b = new double[3];
        for (ViewCamera c : cameras) {
            // Image up at the image centre: the step from one pixel below to one pixel above at a common depth.
            double depth = c.perspective() ? c.pixelsPerUnit() : 1;
            c.unproject(c.width() / 2.0, c.height() / 2.0 + 1, depth, a);
            c.unproject(c.width() / 2.0, c.height() / 2.0 - 1, depth, b);
            double len = Math.sqrt(square(b[0] - a[0]) + square(b[1] - a[1]) + square(b[2] - a[2]));
            for (int k = 0; k < 3; k++) {
                up[k] += (b[k] - a[k]) / len;
            }
        }
        double len = Math.sqrt(square(up[0]) + square(up[1]) + square(up[2]));
        if (!(len > 0)) {
            return null;
        }
        for (int k = 0; k < 3; k++) {
            up[k] /= len;
        }
        for (ViewCamera c : cameras) {
            double[] d = c.viewDirection();
            if (d[0] * up[0] + d[1] * up[1] + d[2] * up[2] > -MIN_DOWNWARD_TILT) {
                return null;
            }
        }
        return up;
    }

    /**
     * The lowest height along {@code up} of the points the views see: each interior object
     * pixel's ray at its near depth ({@link VolumeCarving#depthRange}), lowered by the pixel's
     * footprint there; +inf when no ray meets the volume. Pixels on the silhouette's boundary are
     * left out: their centres may lie just off the object, and their rays then graze past it
     * into the keel; the interior pixel next to them sees the object within a pixel.
     */
    static double lowestSeenHeight(ViewCamera[] cameras, byte[][] masks, float[][] near, double[] up) {
        double lowest = Double.POSITIVE_INFINITY;
        double[] x = new double[3];
        for (int v = 0; v < cameras.length; v++) {
            ViewCamera c = cameras[v];
            byte[] mask = masks[v];
            int w = c.width();
            for (int py = 1; py < c.height() - 1; py++) {
                for (int px = 1; px < w - 1; px++) {
                    int at = py * w + px;
                    if (mask[at] == 0 || mask[at - 1] == 0 || mask[at + 1] == 0 || mask[at - w] == 0
                            || mask[at + w] == 0 || !(near[v][at] < Float.POSITIVE_INFINITY)) {
                        continue;
                    }
                    c.unproject(px + 0.5, py + 0.5, near[v][at], x);
                    double height = x[0] * up[0] + x[1] * up[1] + x[2] * up[2] - c.worldPerPixel(near[v][at]);
                    lowest = Math.min(lowest, height);
                }
            }
        }
        return lowest;
    }

    /**
     * Cuts the field below the plane {@code height(x) = base}: field = min(field, height - base),
     * so the cut is a level plane and the field stays a distance. One grid layer a task.
     */
    static void cutBelow(VolumeGrid g, float[] field, double[] up, double base) {
        IntStream.range(0, g.nz()).parallel().forEach(k -> {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int at = i + g.nx() * (j + g.ny() * k);
                    double above = g.x(i) * up[0] + g.y(j) * up[1] + g.z(k) * up[2] - base;
                    if (above < field[at]) {
                        field[at] = (float) above;
                    }
                }
            }
        });
    }

    private static double square(double v) {
        return v * v;
    }
}
