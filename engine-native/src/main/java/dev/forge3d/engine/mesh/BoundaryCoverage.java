package dev.forge3d.engine.mesh;

/**
 * Moves a mask's edge onto the pixels that the object covers at least half of. A segmenter's
 * edge pixels are mixtures of object and backdrop (anti-aliasing, lens blur), and GrabCut takes
 * such a mixture for object wherever it differs from the backdrop, which grows the mask by about
 * a pixel all round. A pixel whose centre lies on the object is covered more than half, so an
 * edge pixel belongs to the object when its colour lies on the object's side of the midpoint
 * between the object's and the backdrop's colours next to it.
 */
final class BoundaryCoverage {
    /** Half-width of the window from which the object's and the backdrop's colours are taken. */
    static final int WINDOW = 2;
    /** Below this difference between the two colours (RGB distance, 0-255 units) the pixel is left alone. */
    static final double MIN_CONTRAST = 24;
    /**
     * Each side's colour spread in the window (RMS distance from its mean) must stay below this
     * fraction of the difference between the two means: on a textured object or backdrop the mean
     * is no estimate of the colour that was mixed into the pixel, and the pixel is left alone.
     */
    static final double MAX_SPREAD_RATIO = 0.35;

    private static final byte EDGE = 0, INTERIOR = 1, EXTERIOR = 2;

    private BoundaryCoverage() {
    }

    /**
     * The mask (1 object, 0 backdrop) with each edge pixel (one whose 3 x 3 neighbourhood holds
     * both labels) relabelled by its coverage: with F and B the mean colours of the window's
     * interior and exterior pixels (3 x 3 neighbourhood all object, or all backdrop), the pixel
     * c is object when (c - B).(F - B) is at least |F - B|^2 / 2. Pixels without both kinds of
     * neighbour in the window, or with too little contrast or too much spread, keep their label.
     */
    static byte[] halfCovered(byte[] mask, int[] rgb, int w, int h) {
        byte[] side = sides(mask, w, h);
        byte[] out = mask.clone();
        // Per side: sums of the three channels and of their squares, then the count.
        double[] sums = new double[14];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (side[i] != EDGE) {
                    continue;
                }
                java.util.Arrays.fill(sums, 0);
                for (int ny = Math.max(0, y - WINDOW); ny <= Math.min(h - 1, y + WINDOW); ny++) {
                    for (int nx = Math.max(0, x - WINDOW); nx <= Math.min(w - 1, x + WINDOW); nx++) {
                        int j = ny * w + nx;
                        if (side[j] != EDGE) {
                            int base = side[j] == INTERIOR ? 0 : 7;
                            int c = rgb[j];
                            for (int k = 0; k < 3; k++) {
                                double v = c >> (16 - 8 * k) & 0xFF;
                                sums[base + k] += v;
                                sums[base + 3 + k] += v * v;
                            }
                            sums[base + 6]++;
                        }
                    }
                }
                double objectCount = sums[6], backdropCount = sums[13];
                if (objectCount == 0 || backdropCount == 0) {
                    continue;
                }
                double dot = 0, contrast = 0, objectSpread = 0, backdropSpread = 0;
                int c = rgb[i];
                for (int k = 0; k < 3; k++) {
                    double object = sums[k] / objectCount, backdrop = sums[7 + k] / backdropCount;
                    double pixel = c >> (16 - 8 * k) & 0xFF;
                    dot += (pixel - backdrop) * (object - backdrop);
                    contrast += (object - backdrop) * (object - backdrop);
                    objectSpread += sums[3 + k] / objectCount - object * object;
                    backdropSpread += sums[10 + k] / backdropCount - backdrop * backdrop;
                }
                double maxSpread = MAX_SPREAD_RATIO * MAX_SPREAD_RATIO * contrast;
                if (contrast < MIN_CONTRAST * MIN_CONTRAST || objectSpread > maxSpread || backdropSpread > maxSpread) {
                    continue;
                }
                out[i] = (byte) (dot >= 0.5 * contrast ? 1 : 0);
            }
        }
        return out;
    }

    /** Each pixel's 3 x 3 neighbourhood (clamped at the image border): all object, all backdrop, or both. */
    private static byte[] sides(byte[] mask, int w, int h) {
        byte[] side = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int inside = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = Math.clamp(y + dy, 0, h - 1);
                    for (int dx = -1; dx <= 1; dx++) {
                        inside += mask[ny * w + Math.clamp(x + dx, 0, w - 1)] != 0 ? 1 : 0;
                    }
                }
                side[y * w + x] = inside == 9 ? INTERIOR : inside == 0 ? EXTERIOR : EDGE;
            }
        }
        return side;
    }
}
