package dev.forge3d.engine.mesh;

import java.util.Arrays;
import java.util.List;

/**
 * Space carving by colour: a surface sample of the volume that two or more views see, but see
 * in clearly different colours, is not on the object and is removed; layer by layer, until no
 * surface sample disagrees. Silhouettes cannot tell a box from its rounded hull; the colours can,
 * where the object has texture. It needs cameras that register the views to within a pixel or
 * so, as known poses do; samples on silhouette rays that would lose their last inside sample are
 * kept, and afterwards every object pixel whose centre ray lost the inside gets its cell back
 * ({@link #restoreSilhouetteRays}), so the silhouettes survive.
 */
public final class PhotoConsistency {
    /** RGB distance between two views' 3 x 3 means above which a sample is carved. */
    static final double COLOUR_THRESHOLD = 30;
    /** The least cosine between a view's direction and the surface for the view to be asked. */
    static final double MIN_FACING = 0.05;
    /** Neighbourhood radius, in samples, of the normal estimate. */
    static final int NORMAL_RADIUS = 2;

    private PhotoConsistency() {
    }

    /** Carves {@code field} (positive inside) in place; returns how many samples went. */
    public static int carve(VolumeGrid g, float[] field, List<PosedView> views, int maxLayers) {
        float[] before = field.clone();
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        boolean[] inside = new boolean[g.size()];
        for (int i = 0; i < inside.length; i++) {
            inside[i] = field[i] > 0;
        }
        int count = views.size();
        int[][] raySamples = new int[count][];
        float[][] depth = new float[count][];
        double[] p = new double[3];
        for (int v = 0; v < count; v++) {
            ViewCamera c = views.get(v).camera();
            raySamples[v] = new int[c.width() * c.height()];
            depth[v] = new float[c.width() * c.height()];
        }
        for (int s = 0; s < inside.length; s++) {
            if (inside[s]) {
                for (int v = 0; v < count; v++) {
                    int pixel = pixel(g, s, views.get(v).camera(), p);
                    if (pixel >= 0) {
                        raySamples[v][pixel]++;
                    }
                }
            }
        }
        int carved = 0;
        double[] normal = new double[3];
        int[] colours = new int[count];
        boolean[] sees = new boolean[count];
        for (int layer = 0; layer < maxLayers; layer++) {
            // Depth maps of the current surface, one pixel a sample: wider splats let neighbours
            // on a slanted surface hide a sample from a view that sees it.
            for (int v = 0; v < count; v++) {
                Arrays.fill(depth[v], Float.POSITIVE_INFINITY);
                ViewCamera c = views.get(v).camera();
                for (int s = 0; s < inside.length; s++) {
                    if (!inside[s] || !onSurface(inside, s, nx, ny, nz)) {
                        continue;
                    }
                    int i = s % nx, j = (s / nx) % ny, k = s / (nx * ny);
                    c.project(g.x(i), g.y(j), g.z(k), p);
                    int x = (int) Math.floor(p[0]), y = (int) Math.floor(p[1]);
                    if (x >= 0 && y >= 0 && x < c.width() && y < c.height()) {
                        depth[v][y * c.width() + x] = Math.min(depth[v][y * c.width() + x], (float) p[2]);
                    }
                }
            }
            int carvedThisLayer = 0;
            boolean[] remove = new boolean[inside.length];
            for (int s = 0; s < inside.length; s++) {
                if (!inside[s] || !onSurface(inside, s, nx, ny, nz)) {
                    continue;
                }
                int i = s % nx, j = (s / nx) % ny, k = s / (nx * ny);
                occupancyGradient(inside, nx, ny, nz, i, j, k, normal);
                double len = Math.sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
                int seen = 0;
                for (int v = 0; v < count; v++) {
                    sees[v] = false;
                    ViewCamera c = views.get(v).camera();
                    double[] d = c.viewDirection();
                    // The occupancy gradient points inwards, along the view direction where the view faces it.
                    double facing = len == 0 ? 1 : (normal[0] * d[0] + normal[1] * d[1] + normal[2] * d[2]) / len;
                    if (facing < MIN_FACING) {
                        continue;
                    }
                    c.project(g.x(i), g.y(j), g.z(k), p);
                    int px = (int) Math.floor(p[0]), py = (int) Math.floor(p[1]);
                    if (px < 1 || py < 1 || px >= c.width() - 1 || py >= c.height() - 1) {
                        continue;
                    }
                    if (p[2] > depth[v][py * c.width() + px] + 2 * g.voxel()) {
                        continue;
                    }
                    ViewImage image = views.get(v).image();
                    if (image.mask()[py * c.width() + px] == 0) {
                        continue;
                    }
                    colours[v] = meanColour(image, px, py);
                    sees[v] = true;
                    seen++;
                }
                if (seen < 2 || spread(colours, sees) <= COLOUR_THRESHOLD || lastOnARay(g, s, views, raySamples, p)) {
                    continue;
                }
                remove[s] = true;
            }
            for (int s = 0; s < inside.length; s++) {
                if (remove[s] && !lastOnARay(g, s, views, raySamples, p)) {
                    inside[s] = false;
                    field[s] = (float) (-0.5 * g.voxel());
                    for (int v = 0; v < count; v++) {
                        int pixel = pixel(g, s, views.get(v).camera(), p);
                        if (pixel >= 0) {
                            raySamples[v][pixel]--;
                        }
                    }
                    carvedThisLayer++;
                }
            }
            carved += carvedThisLayer;
            if (carvedThisLayer == 0) {
                break;
            }
        }
        for (PosedView view : views) {
            restoreSilhouetteRays(g, field, before, view.camera(), view.image().mask());
        }
        return carved;
    }

    /**
     * The sample guard above counts the samples that project into each pixel, but the surface
     * covers a pixel only where its centre's ray passes inside the interpolated field: for every
     * object pixel whose centre ray no longer meets the inside, the grid cell where the ray met
     * the uncarved field deepest gets its uncarved values back.
     */
    static void restoreSilhouetteRays(VolumeGrid g, float[] field, float[] uncarved, ViewCamera c, byte[] mask) {
        double[] span = g.depthSpan(c);
        double start = span[0];
        double step = 0.5 * g.voxel();
        int steps = (int) Math.floor((span[1] - start) / step);
        int[] cell = new int[mask.length];
        java.util.stream.IntStream.range(0, c.height()).parallel().forEach(y -> {
            double[] x = new double[3];
            for (int px = 0; px < c.width(); px++) {
                int at = y * c.width() + px;
                cell[at] = -1;
                if (mask[at] == 0) {
                    continue;
                }
                double best = 0;
                int bestCell = -1;
                boolean covered = false;
                for (int s = 0; s <= steps && !covered; s++) {
                    c.unproject(px + 0.5, y + 0.5, start + s * step, x);
                    if (VolumeFields.trilinear(field, g, x[0], x[1], x[2]) > 0) {
                        covered = true;
                    }
                    double was = VolumeFields.trilinear(uncarved, g, x[0], x[1], x[2]);
                    if (was > best) {
                        best = was;
                        bestCell = cellOf(g, x);
                    }
                }
                if (!covered) {
                    cell[at] = bestCell;
                }
            }
        });
        int sx = 1, sy = g.nx(), sz = g.nx() * g.ny();
        for (int o : cell) {
            if (o < 0) {
                continue;
            }
            for (int corner = 0; corner < 8; corner++) {
                int s = o + ((corner & 1) != 0 ? sx : 0) + ((corner & 2) != 0 ? sy : 0) + ((corner & 4) != 0 ? sz : 0);
                field[s] = Math.max(field[s], uncarved[s]);
            }
        }
    }

    /** The index of the lower corner of the grid cell holding a point inside the grid. */
    private static int cellOf(VolumeGrid g, double[] x) {
        int i = Math.min((int) ((x[0] - g.originX()) / g.voxel()), g.nx() - 2);
        int j = Math.min((int) ((x[1] - g.originY()) / g.voxel()), g.ny() - 2);
        int k = Math.min((int) ((x[2] - g.originZ()) / g.voxel()), g.nz() - 2);
        return i + g.nx() * (j + g.ny() * k);
    }

    /**
     * Where the occupied samples within two samples lie, summed as offsets: it points into the
     * volume, so it is the inward normal of the current, carved surface (the grid's own field
     * keeps the hull's axis-aligned normals deep inside and would hide carved corners from views).
     */
    private static void occupancyGradient(boolean[] inside, int nx, int ny, int nz, int i, int j, int k, double[] out) {
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        for (int dz = -NORMAL_RADIUS; dz <= NORMAL_RADIUS; dz++) {
            for (int dy = -NORMAL_RADIUS; dy <= NORMAL_RADIUS; dy++) {
                for (int dx = -NORMAL_RADIUS; dx <= NORMAL_RADIUS; dx++) {
                    int x = i + dx, y = j + dy, z = k + dz;
                    if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz || !inside[x + nx * (y + ny * z)]) {
                        continue;
                    }
                    out[0] += dx;
                    out[1] += dy;
                    out[2] += dz;
                }
            }
        }
    }

    private static int pixel(VolumeGrid g, int s, ViewCamera c, double[] p) {
        int nx = g.nx(), ny = g.ny();
        c.project(g.x(s % nx), g.y((s / nx) % ny), g.z(s / (nx * ny)), p);
        int px = (int) Math.floor(p[0]), py = (int) Math.floor(p[1]);
        return px < 0 || py < 0 || px >= c.width() || py >= c.height() ? -1 : py * c.width() + px;
    }

    /** Whether removing the sample would empty some view's silhouette pixel. */
    private static boolean lastOnARay(VolumeGrid g, int s, List<PosedView> views, int[][] raySamples, double[] p) {
        for (int v = 0; v < views.size(); v++) {
            int pixel = pixel(g, s, views.get(v).camera(), p);
            if (pixel >= 0 && views.get(v).image().mask()[pixel] != 0 && raySamples[v][pixel] <= 1) {
                return true;
            }
        }
        return false;
    }

    private static boolean onSurface(boolean[] inside, int s, int nx, int ny, int nz) {
        int i = s % nx, j = (s / nx) % ny, k = s / (nx * ny);
        return i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1
                || !inside[s - 1] || !inside[s + 1] || !inside[s - nx] || !inside[s + nx]
                || !inside[s - nx * ny] || !inside[s + nx * ny];
    }

    private static int meanColour(ViewImage image, int x, int y) {
        int r = 0, g = 0, b = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int c = image.rgb()[(y + dy) * image.width() + x + dx];
                r += (c >> 16) & 0xFF;
                g += (c >> 8) & 0xFF;
                b += c & 0xFF;
            }
        }
        return ((r / 9) << 16) | ((g / 9) << 8) | (b / 9);
    }

    /** The largest RGB distance between any two seeing views' colours. */
    private static double spread(int[] colours, boolean[] sees) {
        double worst = 0;
        for (int a = 0; a < colours.length; a++) {
            for (int b = a + 1; b < colours.length; b++) {
                if (sees[a] && sees[b]) {
                    worst = Math.max(worst, Math.sqrt(ViewImage.squaredColourDistance(colours[a], colours[b])));
                }
            }
        }
        return worst;
    }
}
