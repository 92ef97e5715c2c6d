package dev.forge3d.engine.mesh;

/**
 * Crops, centres and scales a segmented view so that the object's silhouette is
 * {@link #HEIGHT_FRACTION} of the canvas height, centred; the canvas is widened if the object
 * is wider. Every view gets the same reference, so with the views 90 degrees apart at one
 * elevation, one orthographic camera per view ({@link ViewCamera#orthographic}) with the object
 * 1 unit tall fits them all.
 */
public final class ViewNormalisation {
    public static final double HEIGHT_FRACTION = 0.8;

    private ViewNormalisation() {
    }

    /** Pixels per world unit of a canvas {@code height} pixels tall (the object is 1 unit tall). */
    public static double pixelsPerUnit(int height) {
        return HEIGHT_FRACTION * height;
    }

    /** The normalised view on a canvas {@code height} pixels tall; the mask must not be empty. */
    public static ViewImage normalise(ViewImage view, int height) {
        int w = view.width(), h = view.height();
        int minX = w, minY = h, maxX = -1, maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (view.mask()[y * w + x] != 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            throw new IllegalArgumentException("empty mask");
        }
        double scale = pixelsPerUnit(height) / (maxY + 1 - minY);
        int width = Math.max(height, 2 * (int) Math.ceil(0.55 * (maxX + 1 - minX) * scale));
        double centreX = (minX + maxX + 1) / 2.0, centreY = (minY + maxY + 1) / 2.0;
        int[] rgb = new int[width * height];
        byte[] mask = new byte[width * height];
        float[] coverage = new float[w * h];
        for (int i = 0; i < coverage.length; i++) {
            coverage[i] = view.mask()[i];
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = centreX + (x + 0.5 - width / 2.0) / scale;
                double v = centreY + (y + 0.5 - height / 2.0) / scale;
                if (u < 0 || v < 0 || u > w || v > h) {
                    continue;
                }
                int at = y * width + x;
                mask[at] = (byte) (VolumeFields.bilinear(coverage, w, h, u, v) >= 0.5 ? 1 : 0);
                rgb[at] = view.rgb()[Math.min(h - 1, (int) v) * w + Math.min(w - 1, (int) u)];
            }
        }
        return new ViewImage(width, height, rgb, mask);
    }
}
