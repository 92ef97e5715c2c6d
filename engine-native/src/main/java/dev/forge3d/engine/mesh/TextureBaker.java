package dev.forge3d.engine.mesh;

import dev.forge3d.api.spi.MeshKernels;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The CPU twin of the texture-bake kernels. Every covered texel takes its colour from the input
 * view that faces its surface point most squarely among those that see it (depth test against
 * the mesh rendered from that view, and inside that view's mask). A texel no view sees tries its
 * mirror image across the planes the bake is given ({@link MirrorPlanes}): the object's left-right
 * plane (x = 0), then its front-back plane (z = 0; a single front view then textures the back).
 * Unseen texels then take colours spread over the surface from the seen ones ({@link SurfaceFill});
 * whatever is left, and the space between charts, is filled from the atlas neighbours by
 * push-pull, then smoothed.
 */
public final class TextureBaker {
    /** glTF metallic-roughness texel: no occlusion (R 255), {@link MeshAsset#ROUGHNESS} (G), metallic 0 (B). */
    public static final int METALLIC_ROUGHNESS_RGB = (255 << 16) | ((int) Math.round(MeshAsset.ROUGHNESS * 255) << 8);
    /** The flat tangent-space normal (0, 0, 1), encoded. */
    public static final int FLAT_NORMAL_RGB = (128 << 16) | (128 << 8) | 255;

    private TextureBaker() {
    }

    /** Colours per texel (0xRRGGBB); the second array is 1 where a view supplied the colour. */
    public record Baked(int[] rgb, byte[] seen) {
    }

    /**
     * @param depthTolerance how far behind the nearest surface (world units) a point still
     *                       counts as visible
     * @param kernels        runs the per-texel sampling ({@link MeshKernels#bakeTexels}, whose CPU
     *                       twin is {@link #sampleTexelRows})
     */
    public static Baked bakeColour(TexelSurface texels, TriMesh mesh, List<PosedView> views, int mirrorPlanes,
                                   double depthTolerance, MeshKernels kernels) {
        int size = texels.size();
        int count = views.size();
        float[][] depth = new float[count][];
        IntStream.range(0, count).parallel().forEach(v -> {
            ViewCamera c = views.get(v).camera();
            depth[v] = new float[c.width() * c.height()];
            MeshRasterizer.rasterize(mesh, c, depth[v], new int[depth[v].length]);
        });
        // The views packed one after another, as the kernel takes them.
        double[] cameras = bakeCameras(views.stream().map(PosedView::camera).toArray(ViewCamera[]::new));
        int[] viewSizes = new int[2 * count];
        int pixels = 0;
        for (int v = 0; v < count; v++) {
            ViewCamera c = views.get(v).camera();
            viewSizes[2 * v] = c.width();
            viewSizes[2 * v + 1] = c.height();
            pixels += c.width() * c.height();
        }
        int[] viewRgb = new int[pixels];
        byte[] viewMask = new byte[pixels];
        float[] viewDepth = new float[pixels];
        int offset = 0;
        for (int v = 0; v < count; v++) {
            ViewImage image = views.get(v).image();
            int n = viewSizes[2 * v] * viewSizes[2 * v + 1];
            int[] padded = BackgroundPadding.padded(image.rgb(), image.mask(), viewSizes[2 * v], viewSizes[2 * v + 1]);
            System.arraycopy(padded, 0, viewRgb, offset, n);
            System.arraycopy(image.mask(), 0, viewMask, offset, n);
            System.arraycopy(depth[v], 0, viewDepth, offset, n);
            offset += n;
        }
        int[] rgb = new int[size * size];
        byte[] seen = new byte[size * size];
        kernels.bakeTexels(size, texels.covered(), texels.position(), texels.normal(), count, cameras, viewSizes,
                viewRgb, viewMask, viewDepth, depthTolerance, mirrorPlanes, rgb, seen);
        return new Baked(rgb, seen);
    }

    /**
     * Doubles per view in {@link #sampleTexelRows}'s {@code cameras}: the 12 projection rows of
     * {@link ViewCamera#rows()}, the 3 of its view direction, then 1 for a perspective camera or 0.
     */
    public static final int CAMERA_DOUBLES = MeshKernels.BAKE_CAMERA_DOUBLES;

    /** {@link MeshKernels#bakeTexels}' cameras: {@link #CAMERA_DOUBLES} per view, the views one after another. */
    public static double[] bakeCameras(ViewCamera... views) {
        double[] out = new double[CAMERA_DOUBLES * views.length];
        for (int v = 0; v < views.length; v++) {
            System.arraycopy(views[v].rows(), 0, out, CAMERA_DOUBLES * v, 12);
            System.arraycopy(views[v].viewDirection(), 0, out, CAMERA_DOUBLES * v + 12, 3);
            out[CAMERA_DOUBLES * v + 15] = views[v].perspective() ? 1 : 0;
        }
        return out;
    }

    /**
     * The CPU twin of the texture-bake kernel ({@code f3d_texture_bake}), one texel per thread
     * there: for every covered texel of rows [{@code rowStart}, {@code rowEnd}), the colour of
     * the best-facing view that sees its surface point, then of its mirror images across the planes
     * {@code mirrorPlanes} names ({@link MeshKernels#MIRROR_LEFT_RIGHT}: x = 0, then
     * {@link MeshKernels#MIRROR_FRONT_BACK}: z = 0). Writes {@code outRgb} and {@code outSeen} (1 where a view gave the
     * colour) on those rows; texels no view sees get 0 and 0.
     *
     * @param covered   size * size, nonzero where a face covers the texel
     * @param position  3 * size * size world positions; {@code normal} likewise, unit length
     * @param cameras   {@link #CAMERA_DOUBLES} per view
     * @param viewSizes width, height per view
     * @param viewRgb   every view's 0xRRGGBB pixels, row-major, the views one after another;
     *                  {@code viewMask} (1 = object) and {@code viewDepth} (the mesh's nearest depth
     *                  per pixel, +infinity where it is absent) likewise
     */
    public static void sampleTexelRows(int size, byte[] covered, float[] position, float[] normal, int viewCount,
                                       double[] cameras, int[] viewSizes, int[] viewRgb, byte[] viewMask,
                                       float[] viewDepth, double depthTolerance, int mirrorPlanes, int[] outRgb,
                                       byte[] outSeen, int rowStart, int rowEnd) {
        int[] offsets = new int[viewCount];
        for (int v = 1; v < viewCount; v++) {
            offsets[v] = offsets[v - 1] + viewSizes[2 * (v - 1)] * viewSizes[2 * (v - 1) + 1];
        }
        for (int y = rowStart; y < rowEnd; y++) {
            for (int x = 0; x < size; x++) {
                int t = y * size + x;
                int colour = -1;
                if (covered[t] != 0) {
                    double px = position[3 * t], py = position[3 * t + 1], pz = position[3 * t + 2];
                    double nx = normal[3 * t], ny = normal[3 * t + 1], nz = normal[3 * t + 2];
                    colour = sample(viewCount, cameras, viewSizes, offsets, viewRgb, viewMask, viewDepth,
                            depthTolerance, px, py, pz, nx, ny, nz);
                    if (colour < 0 && (mirrorPlanes & MeshKernels.MIRROR_LEFT_RIGHT) != 0) {
                        colour = sample(viewCount, cameras, viewSizes, offsets, viewRgb, viewMask, viewDepth,
                                depthTolerance, -px, py, pz, -nx, ny, nz);
                    }
                    if (colour < 0 && (mirrorPlanes & MeshKernels.MIRROR_FRONT_BACK) != 0) {
                        colour = sample(viewCount, cameras, viewSizes, offsets, viewRgb, viewMask, viewDepth,
                                depthTolerance, px, py, -pz, nx, ny, -nz);
                    }
                }
                outRgb[t] = Math.max(colour, 0);
                outSeen[t] = (byte) (colour >= 0 ? 1 : 0);
            }
        }
    }

    /** The best-facing visible view's colour at a point, or -1 when no view sees it. */
    private static int sample(int viewCount, double[] cameras, int[] viewSizes, int[] offsets, int[] viewRgb,
                              byte[] viewMask, float[] viewDepth, double tolerance, double x, double y, double z,
                              double nx, double ny, double nz) {
        int best = -1;
        double bestFacing = 0;
        double bestU = 0, bestV = 0;
        for (int v = 0; v < viewCount; v++) {
            int k = CAMERA_DOUBLES * v;
            double facing = -(nx * cameras[k + 12] + ny * cameras[k + 13] + nz * cameras[k + 14]);
            if (facing <= bestFacing) {
                continue;
            }
            // ViewCamera.project, term for term.
            double u = cameras[k] * x + cameras[k + 1] * y + cameras[k + 2] * z + cameras[k + 3];
            double w = cameras[k + 4] * x + cameras[k + 5] * y + cameras[k + 6] * z + cameras[k + 7];
            double d = cameras[k + 8] * x + cameras[k + 9] * y + cameras[k + 10] * z + cameras[k + 11];
            if (cameras[k + 15] != 0) {
                u /= d;
                w /= d;
            }
            int width = viewSizes[2 * v], height = viewSizes[2 * v + 1];
            int px = (int) Math.floor(u), py = (int) Math.floor(w);
            if (px < 0 || py < 0 || px >= width || py >= height) {
                continue;
            }
            int at = offsets[v] + py * width + px;
            if (viewMask[at] == 0 || d > viewDepth[at] + tolerance) {
                continue;
            }
            best = v;
            bestFacing = facing;
            bestU = u;
            bestV = w;
        }
        return best < 0 ? -1 : bilinearRgb(viewRgb, offsets[best], viewSizes[2 * best], viewSizes[2 * best + 1],
                bestU, bestV);
    }

    private static int bilinearRgb(int[] rgb, int offset, int w, int h, double u, double v) {
        double x = Math.max(0, Math.min(w - 1, u - 0.5)), y = Math.max(0, Math.min(h - 1, v - 0.5));
        int x0 = (int) x, y0 = (int) y;
        int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
        double tx = x - x0, ty = y - y0;
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double c00 = (rgb[offset + y0 * w + x0] >> shift) & 0xFF, c10 = (rgb[offset + y0 * w + x1] >> shift) & 0xFF;
            double c01 = (rgb[offset + y1 * w + x0] >> shift) & 0xFF, c11 = (rgb[offset + y1 * w + x1] >> shift) & 0xFF;
            double c = (c00 * (1 - tx) + c10 * tx) * (1 - ty) + (c01 * (1 - tx) + c11 * tx) * ty;
            out |= ((int) Math.round(c) & 0xFF) << shift;
        }
        return out;
    }

    /** Jacobi passes that smooth the filled texels, so pulled blocks blend into their neighbours. */
    static final int FILL_SMOOTHING_PASSES = 24;

    /**
     * Fills every texel where {@code known} is 0 from the known ones around it: known colours
     * are averaged down a pyramid of halved images (push), then each unknown texel takes the
     * value of the finest level that has one (pull), and a few averaging passes over the filled
     * texels smooth the blocks away. Known texels keep their colour.
     */
    public static void pushPullFill(int[] rgb, byte[] known, int size) {
        int levels = 1;
        while ((size >> levels) >= 1) {
            levels++;
        }
        float[][] colour = new float[levels][];
        float[][] weight = new float[levels][];
        colour[0] = new float[3 * size * size];
        weight[0] = new float[size * size];
        for (int t = 0; t < size * size; t++) {
            if (known[t] != 0) {
                weight[0][t] = 1;
                colour[0][3 * t] = (rgb[t] >> 16) & 0xFF;
                colour[0][3 * t + 1] = (rgb[t] >> 8) & 0xFF;
                colour[0][3 * t + 2] = rgb[t] & 0xFF;
            }
        }
        int s = size;
        for (int l = 1; l < levels; l++) {
            int half = Math.max(1, s / 2);
            colour[l] = new float[3 * half * half];
            weight[l] = new float[half * half];
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    int from = y * s + x;
                    int to = Math.min(y / 2, half - 1) * half + Math.min(x / 2, half - 1);
                    float w = weight[l - 1][from];
                    if (w > 0) {
                        weight[l][to] += w;
                        for (int k = 0; k < 3; k++) {
                            colour[l][3 * to + k] += colour[l - 1][3 * from + k];
                        }
                    }
                }
            }
            s = half;
        }
        for (int t = 0; t < size * size; t++) {
            if (known[t] != 0) {
                continue;
            }
            int x = t % size, y = t / size;
            int ls = size;
            for (int l = 0; l < levels; l++) {
                int at = Math.min(y, ls - 1) * ls + Math.min(x, ls - 1);
                float w = weight[l][at];
                if (w > 0) {
                    int r = Math.round(colour[l][3 * at] / w), g = Math.round(colour[l][3 * at + 1] / w),
                            b = Math.round(colour[l][3 * at + 2] / w);
                    rgb[t] = (r << 16) | (g << 8) | b;
                    break;
                }
                x /= 2;
                y /= 2;
                ls = Math.max(1, ls / 2);
            }
        }
        smoothFilled(rgb, known, size);
    }

    private static void smoothFilled(int[] rgb, byte[] known, int size) {
        int[] next = rgb.clone();
        for (int pass = 0; pass < FILL_SMOOTHING_PASSES; pass++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int t = y * size + x;
                    if (known[t] != 0) {
                        continue;
                    }
                    int r = 0, g = 0, b = 0, n = 0;
                    for (int k = 0; k < 4; k++) {
                        int nx = x + (k == 0 ? 1 : k == 1 ? -1 : 0), ny = y + (k == 2 ? 1 : k == 3 ? -1 : 0);
                        if (nx < 0 || ny < 0 || nx >= size || ny >= size) {
                            continue;
                        }
                        int c = rgb[ny * size + nx];
                        r += (c >> 16) & 0xFF;
                        g += (c >> 8) & 0xFF;
                        b += c & 0xFF;
                        n++;
                    }
                    next[t] = ((r / n) << 16) | ((g / n) << 8) | (b / n);
                }
            }
            System.arraycopy(next, 0, rgb, 0, rgb.length);
        }
    }

    /**
     * The tangent-space normal map: at every covered texel, the dense surface's normal (the
     * field's gradient, pointing out) expressed in the simplified mesh's tangent frame there,
     * encoded as rgb = 0.5 n + 0.5. Uncovered texels get the flat normal.
     */
    public static int[] bakeNormals(TexelSurface texels, DenseSurface dense) {
        int size = texels.size();
        int[] out = new int[size * size];
        IntStream.range(0, size).parallel().forEach(y -> {
            double[] g = new double[3];
            for (int x = 0; x < size; x++) {
                int t = y * size + x;
                if (texels.covered()[t] == 0 || texels.tangent() == null) {
                    out[t] = FLAT_NORMAL_RGB;
                    continue;
                }
                float[] p = texels.position();
                VolumeFields.gradient(dense.field(), dense.grid(), p[3 * t], p[3 * t + 1], p[3 * t + 2], g);
                double len = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
                if (len < 1e-12) {
                    out[t] = FLAT_NORMAL_RGB;
                    continue;
                }
                double dx = -g[0] / len, dy = -g[1] / len, dz = -g[2] / len;
                float[] n = texels.normal();
                float[] tg = texels.tangent();
                double nx = n[3 * t], ny = n[3 * t + 1], nz = n[3 * t + 2];
                double tx = tg[4 * t], ty = tg[4 * t + 1], tz = tg[4 * t + 2], w = tg[4 * t + 3];
                double bx = (ny * tz - nz * ty) * w, by = (nz * tx - nx * tz) * w, bz = (nx * ty - ny * tx) * w;
                double sx = dx * tx + dy * ty + dz * tz;
                double sy = dx * bx + dy * by + dz * bz;
                double sz = dx * nx + dy * ny + dz * nz;
                if (sz < 0.05) {
                    // A dense normal facing away from the simplified surface is a bake artefact.
                    out[t] = FLAT_NORMAL_RGB;
                    continue;
                }
                double l = Math.sqrt(sx * sx + sy * sy + sz * sz);
                out[t] = (encode(sx / l) << 16) | (encode(sy / l) << 8) | encode(sz / l);
            }
        });
        return out;
    }

    private static int encode(double unit) {
        return (int) Math.max(0, Math.min(255, Math.round((unit * 0.5 + 0.5) * 255)));
    }
}
