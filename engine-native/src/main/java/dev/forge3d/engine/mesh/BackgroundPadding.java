package dev.forge3d.engine.mesh;

/**
 * A view's colours with the background next to the object overwritten by the object's own
 * colours, as texture bakers pad charts. The bake samples views bilinearly, so a texel whose point
 * lands within a pixel of the outline blends in the pixels beside it; a photo's background there,
 * or the RGB that a cut-out PNG keeps under its transparent pixels (often white), would tint the
 * object's rim, and at grazing angles whole bands of it.
 */
final class BackgroundPadding {
    /** How far, in pixels, the object's colours are carried out: the bilinear footprint and the rim's mask error. */
    static final int RADIUS = 3;

    private BackgroundPadding() {
    }

    /**
     * A copy of {@code rgb} (0xRRGGBB) where every background pixel within {@link #RADIUS} steps
     * of the object (8-neighbours) takes the mean colour of its neighbours reached a step before.
     */
    static int[] padded(int[] rgb, byte[] mask, int width, int height) {
        int[] out = rgb.clone();
        byte[] reached = mask.clone();
        byte[] next = reached.clone();
        for (int step = 0; step < RADIUS; step++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int at = y * width + x;
                    if (reached[at] != 0) {
                        continue;
                    }
                    int r = 0, g = 0, b = 0, n = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int nx = x + dx, ny = y + dy;
                            if (nx < 0 || ny < 0 || nx >= width || ny >= height || reached[ny * width + nx] == 0) {
                                continue;
                            }
                            int c = out[ny * width + nx];
                            r += (c >> 16) & 0xFF;
                            g += (c >> 8) & 0xFF;
                            b += c & 0xFF;
                            n++;
                        }
                    }
                    if (n > 0) {
                        out[at] = ((r / n) << 16) | ((g / n) << 8) | (b / n);
                        next[at] = 1;
                    }
                }
            }
            System.arraycopy(next, 0, reached, 0, reached.length);
        }
        return out;
    }
}
