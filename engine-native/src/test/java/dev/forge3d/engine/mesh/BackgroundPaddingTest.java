package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackgroundPaddingTest {
    private static final int WHITE = 0xFFFFFF;

    @Test
    void theObjectsColoursReachRadiusPixelsIntoTheBackgroundAndNoFurther() {
        // A 10 x 3 strip: the object in columns 0-1 (red above green), white background beyond.
        int width = 10, height = 3;
        int[] rgb = new int[width * height];
        byte[] mask = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean object = x < 2;
                mask[y * width + x] = (byte) (object ? 1 : 0);
                rgb[y * width + x] = !object ? WHITE : y == 0 ? 0xC80000 : 0x00C800;
            }
        }
        int[] padded = BackgroundPadding.padded(rgb, mask, width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = y * width + x;
                if (x < 2) {
                    assertEquals(rgb[at], padded[at], "object pixels keep their colour");
                } else if (x < 2 + BackgroundPadding.RADIUS) {
                    int red = (padded[at] >> 16) & 0xFF, green = (padded[at] >> 8) & 0xFF, blue = padded[at] & 0xFF;
                    assertEquals(0, blue, "no white mixed in at (" + x + ", " + y + ")");
                    assertEquals(200, red + green, 2, "a blend of the object's red and green at (" + x + ", " + y + ")");
                } else {
                    assertEquals(WHITE, padded[at], "beyond the radius the background stays");
                }
            }
        }
        // (2, 0) borders red (1, 0) and green (1, 1): their mean; (2, 1) one red and two greens.
        assertEquals(0x646400, padded[2]);
        assertEquals((66 << 16) | (133 << 8), padded[width + 2]);
    }
}
