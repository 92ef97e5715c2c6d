package dev.forge3d.engine.mesh;

import java.util.Arrays;

/**
 * A per-pixel texture measure for {@link LocalGrabCut}'s second cue: the local energy of the
 * colour gradient at a fine and a coarse scale, each quantised by its rank in the image (equal
 * population bins), joined into one bin per pixel. An object in focus with a busy surface and a
 * backdrop that is smooth (or out of focus) differ here where their colours overlap; which side
 * is busy is not assumed, the cut learns it from its labels like the colour models.
 */
final class TextureEnergy {
    /** Bins per scale; the joint bin is {@code fine * LEVELS + coarse}. */
    static final int LEVELS = 8;
    /** Joint bins. */
    static final int BINS = LEVELS * LEVELS;
    /** Half-sides of the fine and the coarse box windows (pixels). */
    static final int FINE_RADIUS = 1, COARSE_RADIUS = 3;
    /**
     * The cue is measured only on images at least this large (longer side, pixels): on smaller
     * ones the backdrop's flat dots (a few pixels across) and its ridges fill every window, so the
     * backdrop looks as busy as the object; at 160 x 160 the cue took sphere, box and composite
     * views down by 0.02-0.04 (docs/perf/2026-11-21-mesh-cpu.md).
     */
    static final int MIN_SIDE = 256;

    private TextureEnergy() {
    }

    /** {@link #bins} on an image of at least {@link #MIN_SIDE} pixels along its longer side, else null. */
    static int[] binsIfResolved(int[] rgb, int w, int h) {
        return Math.max(w, h) >= MIN_SIDE ? bins(rgb, w, h) : null;
    }

    /** Each pixel's joint texture bin in [0, {@link #BINS}) on packed 0xRRGGBB pixels. */
    static int[] bins(int[] rgb, int w, int h) {
        double[] gradient = squaredGradient(rgb, w, h);
        int[] fine = rankLevels(edgeAwareEnergy(gradient, w, h, FINE_RADIUS));
        int[] coarse = rankLevels(edgeAwareEnergy(gradient, w, h, COARSE_RADIUS));
        int[] bin = new int[rgb.length];
        for (int i = 0; i < bin.length; i++) {
            bin[i] = fine[i] * LEVELS + coarse[i];
        }
        return bin;
    }

    /** |dc/dx|^2 + |dc/dy|^2 (forward differences, RGB), zero across the image's last row and column. */
    static double[] squaredGradient(int[] rgb, int w, int h) {
        double[] g = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double sum = 0;
                if (x + 1 < w) {
                    sum += ViewImage.squaredColourDistance(rgb[i], rgb[i + 1]);
                }
                if (y + 1 < h) {
                    sum += ViewImage.squaredColourDistance(rgb[i], rgb[i + w]);
                }
                g[i] = sum;
            }
        }
        return g;
    }

    /**
     * The mean gradient energy over the least busy of the four (2r+1) x (2r+1) windows that have
     * the pixel as a corner (Kuwahara's choice). A window centred on the pixel straddles the
     * object's outline next to it, whose own contrast would make the backdrop beside a busy object
     * look busy; one of the corner windows lies on the pixel's own side of a straight outline.
     */
    static double[] edgeAwareEnergy(double[] gradient, int w, int h, int r) {
        int side = 2 * r + 1;
        double[] integral = integral(gradient, w, h);
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double least = Double.POSITIVE_INFINITY;
                for (int corner = 0; corner < 4; corner++) {
                    int x0 = (corner & 1) == 0 ? x - side + 1 : x, y0 = (corner & 2) == 0 ? y - side + 1 : y;
                    int cx0 = Math.max(0, x0), cy0 = Math.max(0, y0);
                    int cx1 = Math.min(w, x0 + side), cy1 = Math.min(h, y0 + side);
                    double area = (double) (cx1 - cx0) * (cy1 - cy0);
                    double sum = integral[cy1 * (w + 1) + cx1] - integral[cy0 * (w + 1) + cx1]
                            - integral[cy1 * (w + 1) + cx0] + integral[cy0 * (w + 1) + cx0];
                    least = Math.min(least, sum / area);
                }
                out[y * w + x] = least;
            }
        }
        return out;
    }

    /** Summed-area table, (w + 1) x (h + 1), zero first row and column. */
    private static double[] integral(double[] v, int w, int h) {
        double[] s = new double[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            double row = 0;
            for (int x = 0; x < w; x++) {
                row += v[y * w + x];
                s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + row;
            }
        }
        return s;
    }

    /**
     * Each value's level in [0, {@link #LEVELS}) by its rank: equal-population bins, so the
     * levels do not depend on the image's contrast. A value equal to an edge takes the lower level.
     */
    static int[] rankLevels(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double[] upper = new double[LEVELS - 1];
        for (int l = 0; l < upper.length; l++) {
            upper[l] = sorted[(int) ((long) (l + 1) * sorted.length / LEVELS)];
        }
        int[] level = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            int l = 0;
            while (l < upper.length && v[i] > upper[l]) {
                l++;
            }
            level[i] = l;
        }
        return level;
    }
}
