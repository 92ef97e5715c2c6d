package dev.forge3d.engine.mesh;

/**
 * A view after segmentation: colours and the object's mask, row-major, same size.
 *
 * @param width  image width
 * @param height image height
 * @param rgb    0xRRGGBB per pixel
 * @param mask   1 where the object is, 0 elsewhere
 */
public record ViewImage(int width, int height, int[] rgb, byte[] mask) {
    public ViewImage {
        if (width <= 0 || height <= 0 || rgb.length != width * height || mask.length != width * height) {
            throw new IllegalArgumentException("image arrays must hold width * height pixels");
        }
    }

    public boolean inside(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x] != 0;
    }

    public int maskArea() {
        int n = 0;
        for (byte b : mask) {
            n += b;
        }
        return n;
    }

    /** The longer side of the box around the object, in pixels; 0 when the mask is empty. */
    public int widestSide() {
        return widestSide(mask, width);
    }

    /** The longer side of the box around a {@code width}-pixel-wide mask's object; 0 when it is empty. */
    public static int widestSide(byte[] mask, int width) {
        int[] box = maskBounds(mask, width);
        return box == null ? 0 : Math.max(box[2] - box[0], box[3] - box[1]) + 1;
    }

    /** {xmin, ymin, xmax, ymax} of a row-major mask {@code width} pixels wide (non-zero inside), or null when it is empty. */
    public static int[] maskBounds(byte[] mask, int width) {
        int x0 = width, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        int height = mask.length / width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (mask[y * width + x] != 0) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new int[] {x0, y0, x1, y1};
    }

    /** Intersection over union of two same-size masks, non-zero meaning inside (1 when both are empty). */
    public static double maskIou(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("masks of " + a.length + " and " + b.length + " pixels");
        }
        int inter = 0, union = 0;
        for (int i = 0; i < a.length; i++) {
            boolean x = a[i] != 0, y = b[i] != 0;
            inter += x && y ? 1 : 0;
            union += x || y ? 1 : 0;
        }
        return union == 0 ? 1 : (double) inter / union;
    }

    /** The squared RGB distance between two packed 0xRRGGBB colours. */
    public static double squaredColourDistance(int a, int b) {
        double dr = (a >> 16 & 0xFF) - (b >> 16 & 0xFF), dg = (a >> 8 & 0xFF) - (b >> 8 & 0xFF),
                db = (a & 0xFF) - (b & 0xFF);
        return dr * dr + dg * dg + db * db;
    }
}
