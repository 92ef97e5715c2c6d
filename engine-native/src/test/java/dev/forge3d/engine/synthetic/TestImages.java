package dev.forge3d.engine.synthetic;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Reading generated PNGs back for the tests. */
final class TestImages {
    private TestImages() {
    }

    static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("not an image: " + file);
        }
        return image;
    }

    /** Packed 0xRRGGBB pixels, row-major. */
    static int[] rgb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static int[] rgb(Path file) throws IOException {
        int[] argb = rgb(read(file));
        for (int i = 0; i < argb.length; i++) {
            argb[i] &= 0xFFFFFF;
        }
        return argb;
    }

    /** A mask PNG as booleans (grey value above 127). */
    static boolean[] mask(Path file) throws IOException {
        BufferedImage image = read(file);
        int[] px = rgb(image);
        boolean[] mask = new boolean[px.length];
        for (int i = 0; i < px.length; i++) {
            mask[i] = (px[i] & 0xFF) > 127;
        }
        return mask;
    }

    /** Whether any pixel in the 3 x 3 neighbourhood has a different mask value. */
    static boolean nearMaskEdge(boolean[] mask, int width, int height, int x, int y) {
        boolean v = mask[y * width + x];
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if (nx >= 0 && ny >= 0 && nx < width && ny < height && mask[ny * width + nx] != v) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Mean absolute difference of BT.601 luma, in grey levels. */
    static double meanAbsoluteLumaDifference(int[] a, int[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(luma(a[i]) - luma(b[i]));
        }
        return sum / a.length;
    }

    static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }
}
