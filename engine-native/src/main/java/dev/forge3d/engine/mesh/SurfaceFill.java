package dev.forge3d.engine.mesh;

import java.util.Arrays;

/**
 * Colours for the covered texels that no view (nor a mirror image) saw, spread over the surface
 * from the seen ones instead of across the texture atlas, where a chart's neighbours may lie
 * anywhere on the object. The texels' surface points are binned into cells ({@link #CELLS} along
 * the longest side of their box). A cell holding seen texels takes their mean colour; the colours
 * then grow outwards ring by ring through the cells the surface occupies (26-neighbours), each
 * new cell taking the mean of its neighbours coloured in earlier rings. An unseen texel takes the
 * trilinear blend of the coloured cells around its point. So the back of a figure's head, which
 * only the side views border, takes the colours of the head's sides. A part of the surface whose
 * cells do not connect to a seen texel's stays unfilled, for the atlas fill.
 */
final class SurfaceFill {
    /** Cells along the longest side of the surface's box: a cell is about 1.5% of the object. */
    static final int CELLS = 64;

    private SurfaceFill() {
    }

    /**
     * Sets the colour ({@code rgb}, 0xRRGGBB) of every unseen covered texel that the surface
     * connects to a seen one, and returns which texels now have a colour: the seen ones and these.
     */
    static byte[] fillUnseen(TexelSurface texels, int[] rgb, byte[] seen) {
        byte[] coloured = seen.clone();
        Cells cells = Cells.around(texels);
        if (cells == null) {
            return coloured;
        }
        float[] colour = new float[3 * cells.count()];
        int[] ring = new int[cells.count()];
        Arrays.fill(ring, -1);
        int[] frontier = seedSeenCells(texels, rgb, seen, cells, colour, ring);
        growOverTheSurface(cells, colour, ring, frontier);
        float[] position = texels.position();
        byte[] covered = texels.covered();
        for (int t = 0; t < covered.length; t++) {
            if (covered[t] != 0 && seen[t] == 0) {
                int blended = cells.blend(position[3 * t], position[3 * t + 1], position[3 * t + 2], colour, ring);
                if (blended >= 0) {
                    rgb[t] = blended;
                    coloured[t] = 1;
                }
            }
        }
        return coloured;
    }

    /** The mean colour of each cell's seen texels, ring 0; marks every covered texel's cell as surface. */
    private static int[] seedSeenCells(TexelSurface texels, int[] rgb, byte[] seen, Cells cells, float[] colour,
                                       int[] ring) {
        int[] seenCount = new int[cells.count()];
        float[] position = texels.position();
        byte[] covered = texels.covered();
        for (int t = 0; t < covered.length; t++) {
            if (covered[t] == 0) {
                continue;
            }
            int c = cells.of(position[3 * t], position[3 * t + 1], position[3 * t + 2]);
            cells.surface()[c] = true;
            if (seen[t] != 0) {
                seenCount[c]++;
                colour[3 * c] += (rgb[t] >> 16) & 0xFF;
                colour[3 * c + 1] += (rgb[t] >> 8) & 0xFF;
                colour[3 * c + 2] += rgb[t] & 0xFF;
            }
        }
        int seeded = 0;
        int[] frontier = new int[cells.count()];
        for (int c = 0; c < cells.count(); c++) {
            if (seenCount[c] > 0) {
                for (int k = 0; k < 3; k++) {
                    colour[3 * c + k] /= seenCount[c];
                }
                ring[c] = 0;
                frontier[seeded++] = c;
            }
        }
        return Arrays.copyOf(frontier, seeded);
    }

    /**
     * Ring by ring, the uncoloured surface cells beside the last ring take the mean colour of
     * their neighbours from earlier rings, so the result does not depend on the visiting order.
     */
    private static void growOverTheSurface(Cells cells, float[] colour, int[] ring, int[] frontier) {
        int[] next = new int[cells.count()];
        for (int r = 1; frontier.length > 0; r++) {
            int added = 0;
            for (int c : frontier) {
                for (int n : cells.neighbours(c)) {
                    if (cells.surface()[n] && ring[n] < 0) {
                        ring[n] = r;
                        next[added++] = n;
                    }
                }
            }
            for (int i = 0; i < added; i++) {
                int c = next[i];
                float sr = 0, sg = 0, sb = 0;
                int n = 0;
                for (int neighbour : cells.neighbours(c)) {
                    if (ring[neighbour] >= 0 && ring[neighbour] < r) {
                        sr += colour[3 * neighbour];
                        sg += colour[3 * neighbour + 1];
                        sb += colour[3 * neighbour + 2];
                        n++;
                    }
                }
                colour[3 * c] = sr / n;
                colour[3 * c + 1] = sg / n;
                colour[3 * c + 2] = sb / n;
            }
            frontier = Arrays.copyOf(next, added);
        }
    }

    /** A grid of cubic cells over the covered texels' surface points. */
    private record Cells(double originX, double originY, double originZ, double side, int nx, int ny, int nz,
                         boolean[] surface) {

        /** The cells around the covered texels' points, or null when no texel is covered. */
        static Cells around(TexelSurface texels) {
            double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            float[] position = texels.position();
            byte[] covered = texels.covered();
            for (int t = 0; t < covered.length; t++) {
                if (covered[t] != 0) {
                    for (int k = 0; k < 3; k++) {
                        min[k] = Math.min(min[k], position[3 * t + k]);
                        max[k] = Math.max(max[k], position[3 * t + k]);
                    }
                }
            }
            if (!(min[0] <= max[0])) {
                return null;
            }
            double longest = Math.max(max[0] - min[0], Math.max(max[1] - min[1], max[2] - min[2]));
            double side = longest > 0 ? longest / CELLS : 1;
            int nx = cellsAlong(max[0] - min[0], side), ny = cellsAlong(max[1] - min[1], side),
                    nz = cellsAlong(max[2] - min[2], side);
            return new Cells(min[0], min[1], min[2], side, nx, ny, nz, new boolean[nx * ny * nz]);
        }

        private static int cellsAlong(double extent, double side) {
            return Math.min(CELLS, (int) Math.floor(extent / side)) + 1;
        }

        int count() {
            return surface.length;
        }

        int of(double x, double y, double z) {
            return index(clamp((int) Math.floor((x - originX) / side), nx), clamp((int) Math.floor((y - originY) / side), ny),
                    clamp((int) Math.floor((z - originZ) / side), nz));
        }

        private int index(int i, int j, int k) {
            return i + nx * (j + ny * k);
        }

        private static int clamp(int i, int n) {
            return Math.max(0, Math.min(n - 1, i));
        }

        /** The up to 26 cells around cell {@code c}. */
        int[] neighbours(int c) {
            int i = c % nx, j = (c / nx) % ny, k = c / (nx * ny);
            int[] out = new int[26];
            int n = 0;
            for (int dk = -1; dk <= 1; dk++) {
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        int a = i + di, b = j + dj, d = k + dk;
                        if ((di | dj | dk) != 0 && a >= 0 && b >= 0 && d >= 0 && a < nx && b < ny && d < nz) {
                            out[n++] = index(a, b, d);
                        }
                    }
                }
            }
            return Arrays.copyOf(out, n);
        }

        /**
         * The trilinear blend, at a point, of the coloured cells among the eight whose centres
         * surround it (weights renormalised over those), as 0xRRGGBB; -1 when none is coloured.
         */
        int blend(double x, double y, double z, float[] colour, int[] ring) {
            double fx = (x - originX) / side - 0.5, fy = (y - originY) / side - 0.5, fz = (z - originZ) / side - 0.5;
            int i0 = (int) Math.floor(fx), j0 = (int) Math.floor(fy), k0 = (int) Math.floor(fz);
            double tx = fx - i0, ty = fy - j0, tz = fz - k0;
            double r = 0, g = 0, b = 0, total = 0;
            for (int corner = 0; corner < 8; corner++) {
                int di = corner & 1, dj = (corner >> 1) & 1, dk = corner >> 2;
                int i = i0 + di, j = j0 + dj, k = k0 + dk;
                if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
                    continue;
                }
                int c = index(i, j, k);
                double w = (di == 0 ? 1 - tx : tx) * (dj == 0 ? 1 - ty : ty) * (dk == 0 ? 1 - tz : tz);
                if (ring[c] < 0 || !(w > 0)) {
                    continue;
                }
                r += w * colour[3 * c];
                g += w * colour[3 * c + 1];
                b += w * colour[3 * c + 2];
                total += w;
            }
            if (total > 0) {
                return (channel(r / total) << 16) | (channel(g / total) << 8) | channel(b / total);
            }
            int own = of(x, y, z);
            if (ring[own] < 0) {
                return -1;
            }
            return (channel(colour[3 * own]) << 16) | (channel(colour[3 * own + 1]) << 8) | channel(colour[3 * own + 2]);
        }

        private static int channel(double value) {
            return Math.max(0, Math.min(255, (int) Math.round(value)));
        }
    }
}
