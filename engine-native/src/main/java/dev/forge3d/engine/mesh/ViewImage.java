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
}
