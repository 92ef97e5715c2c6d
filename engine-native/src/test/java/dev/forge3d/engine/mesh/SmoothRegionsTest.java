package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SmoothRegions}: flat and gently shaded patches are regions, fine texture is none. */
class SmoothRegionsTest {
    static final int W = 64, H = 48;

    /**
     * Left half: random colours (every neighbour pair far apart); right half: a horizontal ramp
     * rising by 3 a column (within the step) with a flat disc of another colour on it. The ramp
     * and the disc are two regions; no pixel of the noise is in one.
     */
    @Test
    void aShadedRampAndAFlatDiscAreRegionsAndNoiseIsNone() {
        int[] rgb = new int[W * H];
        Random random = new Random(3);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean disc = (x - 48) * (x - 48) + (y - 24) * (y - 24) < 64;
                rgb[y * W + x] = x < W / 2 ? noise(random, x, y) : disc ? 0x20D040 : (3 * (x - W / 2)) << 16 | 0x40;
            }
        }
        int[] region = SmoothRegions.of(rgb, W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W / 2; x++) {
                assertEquals(-1, region[y * W + x], "noise at " + x + ", " + y);
            }
        }
        int ramp = region[2 * W + W / 2], disc = region[24 * W + 48];
        assertTrue(ramp >= 0 && disc >= 0 && ramp != disc, "ramp " + ramp + ", disc " + disc);
        for (int y = 0; y < H; y++) {
            for (int x = W / 2; x < W; x++) {
                boolean inDisc = (x - 48) * (x - 48) + (y - 24) * (y - 24) < 64;
                assertEquals(inDisc ? disc : ramp, region[y * W + x], "at " + x + ", " + y);
            }
        }
    }

    /** A colour at least 64 per channel away from its left and upper neighbours. */
    private static int noise(Random random, int x, int y) {
        int base = ((x + y) % 2) * 128;
        return ((base + random.nextInt(48)) << 16) | ((base + random.nextInt(48)) << 8) | (base + random.nextInt(48));
    }
}
