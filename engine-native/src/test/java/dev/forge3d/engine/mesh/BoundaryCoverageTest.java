package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge relabelling against the exact coverage of an anti-aliased disc. */
class BoundaryCoverageTest {
    static final int W = 48, H = 40;
    static final double CX = 23.3, CY = 19.6, RADIUS = 11.2;

    /** The disc's share of each pixel, from a 16 x 16 grid of sub-pixel samples. */
    private static double[] coverage() {
        double[] alpha = new double[W * H];
        int s = 16;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int inside = 0;
                for (int b = 0; b < s; b++) {
                    for (int a = 0; a < s; a++) {
                        double u = x + (a + 0.5) / s - CX, v = y + (b + 0.5) / s - CY;
                        inside += u * u + v * v < RADIUS * RADIUS ? 1 : 0;
                    }
                }
                alpha[y * W + x] = inside / (double) (s * s);
            }
        }
        return alpha;
    }

    private static int[] blend(double[] alpha, int object, int backdrop) {
        int[] rgb = new int[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            int c = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                double f = object >> shift & 0xFF, b = backdrop >> shift & 0xFF;
                c |= (int) Math.round(alpha[i] * f + (1 - alpha[i]) * b) << shift;
            }
            rgb[i] = c;
        }
        return rgb;
    }

    @Test
    void anOvergrownMaskShrinksToThePixelsMoreThanHalfCovered() {
        double[] alpha = coverage();
        int[] rgb = blend(alpha, 0x2050C0, 0xF0F0E8);
        byte[] touched = new byte[W * H];
        for (int i = 0; i < touched.length; i++) {
            touched[i] = (byte) (alpha[i] > 0 ? 1 : 0);
        }
        byte[] out = BoundaryCoverage.halfCovered(touched, rgb, W, H);
        int changed = 0;
        for (int i = 0; i < out.length; i++) {
            // Colours are rounded to 8 bits: a pixel within 2% of half coverage may go either way.
            if (Math.abs(alpha[i] - 0.5) > 0.02) {
                assertEquals(alpha[i] > 0.5 ? 1 : 0, out[i], "pixel " + i % W + "," + i / W + " coverage " + alpha[i]);
            }
            changed += out[i] != touched[i] ? 1 : 0;
        }
        assertTrue(changed > 20, "only " + changed + " edge pixels were relabelled");
    }

    @Test
    void anUndergrownMaskGrowsBackAndLowContrastIsLeftAlone() {
        double[] alpha = coverage();
        int[] strong = blend(alpha, 0x202020, 0xE0E0E0);
        // The mask misses every partly covered pixel; its edge ring reaches one pixel beyond.
        byte[] full = new byte[W * H];
        for (int i = 0; i < full.length; i++) {
            full[i] = (byte) (alpha[i] == 1 ? 1 : 0);
        }
        byte[] grown = BoundaryCoverage.halfCovered(full, strong, W, H);
        for (int i = 0; i < grown.length; i++) {
            if (alpha[i] > 0.52 && alpha[i] < 1) {
                assertEquals(1, grown[i], "partly covered pixel " + i % W + "," + i / W + " coverage " + alpha[i]);
            }
        }
        int[] faint = blend(alpha, 0x808080, 0x8A8A8A);
        assertArrayEqualsBytes(full, BoundaryCoverage.halfCovered(full, faint, W, H));
    }

    private static void assertArrayEqualsBytes(byte[] expected, byte[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], "pixel " + i % W + "," + i / W);
        }
    }
}
