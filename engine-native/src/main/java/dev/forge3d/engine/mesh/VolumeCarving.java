package dev.forge3d.engine.mesh;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The CPU twin of the volume-carving kernels: array in, array out, one grid sample per work
 * item. The field is positive inside the object and is roughly a distance in world units.
 */
public final class VolumeCarving {
    private VolumeCarving() {
    }

    /**
     * The visual hull: for every sample, the smallest over the views of the silhouette's signed
     * distance at the sample's projection, turned into world units at the sample's depth.
     */
    public static void hullField(VolumeGrid g, ViewCamera[] cameras, float[][] signedDistance, float[] field) {
        IntStream.range(0, g.nz()).parallel().forEach(k -> {
            double[] p = new double[3];
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double value = Double.POSITIVE_INFINITY;
                    for (int v = 0; v < cameras.length; v++) {
                        ViewCamera c = cameras[v];
                        c.project(g.x(i), g.y(j), g.z(k), p);
                        double d = p[2] <= 0 ? -g.voxel()
                                : VolumeFields.bilinear(signedDistance[v], c.width(), c.height(), p[0], p[1])
                                * c.worldPerPixel(p[2]);
                        value = Math.min(value, d);
                    }
                    field[i + g.nx() * (j + g.ny() * k)] = (float) value;
                }
            }
        });
    }

    /**
     * The depth range of the inside of the field along each object pixel's ray: the ray through
     * the pixel centre is marched in half-voxel steps across the grid, and near and far get the
     * first and last depth where the interpolated field is positive (marching in from each end). Pixels outside the mask, or
     * whose ray misses the inside, keep +inf and -inf.
     */
    public static void depthRange(VolumeGrid g, float[] field, ViewCamera c, byte[] mask, float[] near, float[] far) {
        Arrays.fill(near, Float.POSITIVE_INFINITY);
        Arrays.fill(far, Float.NEGATIVE_INFINITY);
        double[] span = g.depthSpan(c);
        double start = span[0];
        double end = span[1];
        double step = 0.5 * g.voxel();
        IntStream.range(0, c.height()).parallel().forEach(y -> {
            double[] x = new double[3];
            for (int px = 0; px < c.width(); px++) {
                int at = y * c.width() + px;
                if (mask[at] == 0) {
                    continue;
                }
                // March in from the front to the first inside sample, then in from the back.
                int steps = (int) Math.floor((end - start) / step);
                int first = -1;
                for (int s = 0; s <= steps && first < 0; s++) {
                    c.unproject(px + 0.5, y + 0.5, start + s * step, x);
                    if (VolumeFields.trilinear(field, g, x[0], x[1], x[2]) > 0) {
                        first = s;
                    }
                }
                if (first < 0) {
                    continue;
                }
                int last = first;
                for (int s = steps; s > first; s--) {
                    c.unproject(px + 0.5, y + 0.5, start + s * step, x);
                    if (VolumeFields.trilinear(field, g, x[0], x[1], x[2]) > 0) {
                        last = s;
                        break;
                    }
                }
                near[at] = (float) (start + first * step);
                far[at] = (float) (start + last * step);
            }
        });
    }

    /** Intersects the hull with the union of the rounded shapes: field = min(hull, rounded). */
    public static void intersect(float[] field, float[] rounded) {
        for (int i = 0; i < field.length; i++) {
            field[i] = Math.min(field[i], rounded[i]);
        }
    }

    /**
     * The slice thickness of every object pixel's row run: the largest half depth range
     * (far - near) / 2 over the run's pixels. Pixels without a range get 0.
     */
    public static float[] runHalfDepth(byte[] mask, int width, int height, float[] near, float[] far) {
        float[] out = new float[mask.length];
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (mask[y * width + x] == 0) {
                    x++;
                    continue;
                }
                int start = x;
                float half = 0;
                while (x < width && mask[y * width + x] != 0) {
                    int at = y * width + x;
                    if (far[at] >= near[at]) {
                        half = Math.max(half, 0.5f * (far[at] - near[at]));
                    }
                    x++;
                }
                for (int i = start; i < x; i++) {
                    out[y * width + i] = half;
                }
            }
        }
        return out;
    }

    /**
     * Teddy-style rounding along one view's direction. With depth ranges known from
     * perpendicular views, each image row of the silhouette is read as a slice whose depth
     * profile is an ellipse over the row's run: at offset dx from the run's centre (half width a)
     * the object reaches {@code b sqrt(1 - (dx/a)^2)} to either side of the centre depth, where b
     * is the run's thickness ({@link #runHalfDepth}) and the centre is the middle of the pixel's
     * own range, so the ellipse is inscribed in the visual hull's slice. Without them (one view,
     * or only front and back) the slice is a circle around {@code centreDepth}: the smaller of its
     * row run's circle and its column run's ({@code sqrt(a^2 - dx^2)} for each), so that an
     * upright object is round across its rows and one lying on its side across its columns (a
     * rod seen side on is as deep as it is thick, not as its length), and a sphere's disc gives
     * the sphere either way. {@code rounded} keeps, per sample, the largest margin over the views
     * inflated so far: the union of the views' rounded shapes, so that each view's rays keep
     * their inside and the silhouettes survive. Samples outside this view's silhouette are left
     * unchanged.
     *
     * @param columnSpans  read only without known depth ({@link SilhouetteDistance#columnSpans}); may be null with it
     * @param runHalfDepth read only with known depth; may be null without it
     */
    public static void inflate(VolumeGrid g, float[] rounded, ViewCamera c, byte[] mask, float[] rowSpans,
                               float[] columnSpans, float[] runHalfDepth, float[] near, float[] far,
                               boolean depthKnown, double centreDepth) {
        IntStream.range(0, g.nz()).parallel().forEach(k -> {
            double[] p = new double[3];
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int at = i + g.nx() * (j + g.ny() * k);
                    c.project(g.x(i), g.y(j), g.z(k), p);
                    int px = (int) Math.floor(p[0]);
                    int py = (int) Math.floor(p[1]);
                    if (px < 0 || py < 0 || px >= c.width() || py >= c.height()) {
                        continue;
                    }
                    int pixel = py * c.width() + px;
                    if (mask[pixel] == 0) {
                        continue;
                    }
                    double halfDepth;
                    double centre;
                    if (depthKnown) {
                        if (!(far[pixel] >= near[pixel])) {
                            continue;
                        }
                        double a = rowSpans[2 * pixel];
                        double dx = rowSpans[2 * pixel + 1];
                        double ellipse = Math.sqrt(Math.max(0, 1 - (dx / a) * (dx / a)));
                        halfDepth = (runHalfDepth[pixel] + 0.25 * g.voxel()) * ellipse;
                        centre = 0.5 * (far[pixel] + near[pixel]);
                    } else {
                        double circle = Math.min(circleHalfChord(rowSpans, pixel), circleHalfChord(columnSpans, pixel));
                        halfDepth = circle * c.worldPerPixel(p[2]);
                        centre = centreDepth;
                    }
                    double margin = halfDepth - Math.abs(p[2] - centre);
                    if (margin > rounded[at]) {
                        rounded[at] = (float) margin;
                    }
                }
            }
        });
    }

    /** Half the chord, in pixels, of the circle over a pixel's run at the pixel's offset: {@code sqrt(a^2 - dx^2)}. */
    private static double circleHalfChord(float[] spans, int pixel) {
        double a = spans[2 * pixel];
        double d = spans[2 * pixel + 1];
        return Math.sqrt(Math.max(0, a * a - d * d));
    }
}
