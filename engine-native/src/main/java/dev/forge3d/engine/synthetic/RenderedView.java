package dev.forge3d.engine.synthetic;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * One rendered image with its per-pixel ground truth, row-major (index = y * width + x). The
 * arrays are shared, not copied.
 *
 * @param rgb    the anti-aliased colour, packed 0xRRGGBB
 * @param hitIds what the ray through the pixel centre hits first: an object primitive's index
 *               (&ge; 0), {@link RayCastRenderer#HIT_GROUND} or {@link RayCastRenderer#HIT_BACKGROUND}
 * @param depth  camera-space z (metres along the viewing axis) of that hit; +infinity for the
 *               background
 */
public record RenderedView(int width, int height, int[] rgb, int[] hitIds, float[] depth) {

    public RenderedView {
        int n = width * height;
        if (width <= 0 || height <= 0 || rgb.length != n || hitIds.length != n || depth.length != n) {
            throw new IllegalArgumentException("array sizes must be width * height");
        }
    }

    /** Whether the pixel centre sees the object (any primitive). */
    public boolean inMask(int x, int y) {
        return hitIds[y * width + x] >= 0;
    }

    public int rgbAt(int x, int y) {
        return rgb[y * width + x];
    }

    /** The object mask, 1 where the pixel centre sees the object, else 0. */
    public byte[] mask() {
        byte[] mask = new byte[hitIds.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (byte) (hitIds[i] >= 0 ? 1 : 0);
        }
        return mask;
    }

    /** The colour image as a TYPE_3BYTE_BGR image. */
    public BufferedImage image() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i++) {
            data[3 * i] = (byte) rgb[i];
            data[3 * i + 1] = (byte) (rgb[i] >> 8);
            data[3 * i + 2] = (byte) (rgb[i] >> 16);
        }
        return image;
    }

    /** The mask as a TYPE_BYTE_GRAY image: 255 on the object, 0 elsewhere. */
    public BufferedImage maskImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < hitIds.length; i++) {
            data[i] = (byte) (hitIds[i] >= 0 ? 255 : 0);
        }
        return image;
    }
}
