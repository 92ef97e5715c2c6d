package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SurfaceFillTest {
    private static final int RED = 0xFF0000, BLUE = 0x0000FF;

    /**
     * Texels on a unit sphere in shuffled atlas order (an atlas's neighbours say nothing of the
     * surface's), seen on the front half (z > 0): red on the right (x > 0), blue on the left;
     * and, far to the side, a small blob that no texel of it is seen on.
     */
    private record Scene(TexelSurface texels, int[] rgb, byte[] seen) {
        static Scene make() {
            int size = 128, texels = size * size;
            byte[] covered = new byte[texels];
            float[] position = new float[3 * texels];
            int[] rgb = new int[texels];
            byte[] seen = new byte[texels];
            SplittableRandom random = new SplittableRandom(11);
            for (int t = 0; t < texels; t++) {
                if (random.nextInt(10) == 0) {
                    continue; // gutter between charts
                }
                covered[t] = 1;
                double x = random.nextGaussian(), y = random.nextGaussian(), z = random.nextGaussian();
                double length = Math.sqrt(x * x + y * y + z * z);
                boolean blob = t % 50 == 0;
                double scale = blob ? 0.1 / length : 1 / length;
                double offset = blob ? 3 : 0;
                position[3 * t] = (float) (x * scale + offset);
                position[3 * t + 1] = (float) (y * scale);
                position[3 * t + 2] = (float) (z * scale);
                if (!blob && z > 0) {
                    seen[t] = 1;
                    rgb[t] = x > 0 ? RED : BLUE;
                }
            }
            return new Scene(new TexelSurface(size, covered, position, new float[3 * texels], null), rgb, seen);
        }
    }

    @Test
    void unseenTexelsTakeTheColoursOfTheSurfaceNearThemAndSeenOnesKeepTheirs() {
        Scene scene = Scene.make();
        int[] before = scene.rgb().clone();
        byte[] coloured = SurfaceFill.fillUnseen(scene.texels(), scene.rgb(), scene.seen());
        float[] p = scene.texels().position();
        int backRight = 0, backRightRed = 0, backLeft = 0, backLeftBlue = 0;
        for (int t = 0; t < coloured.length; t++) {
            if (scene.seen()[t] != 0) {
                assertEquals(before[t], scene.rgb()[t], "a seen texel keeps its colour");
                continue;
            }
            if (scene.texels().covered()[t] == 0 || p[3 * t] > 2) {
                continue;
            }
            assertEquals(1, coloured[t], "every unseen texel of the sphere is reached");
            int red = (scene.rgb()[t] >> 16) & 0xFF, blue = scene.rgb()[t] & 0xFF;
            if (p[3 * t] > 0.3) {
                backRight++;
                backRightRed += red > blue ? 1 : 0;
            } else if (p[3 * t] < -0.3) {
                backLeft++;
                backLeftBlue += blue > red ? 1 : 0;
            }
        }
        // Around the sphere the colours keep their sides; an atlas fill would mix them at random.
        assertTrue(backRightRed > 0.95 * backRight, backRightRed + " of " + backRight);
        assertTrue(backLeftBlue > 0.95 * backLeft, backLeftBlue + " of " + backLeft);
    }

    @Test
    void aPartNoSeenTexelConnectsToStaysForTheAtlasFill() {
        Scene scene = Scene.make();
        byte[] coloured = SurfaceFill.fillUnseen(scene.texels(), scene.rgb(), scene.seen());
        float[] p = scene.texels().position();
        int blob = 0;
        for (int t = 0; t < coloured.length; t++) {
            if (scene.texels().covered()[t] != 0 && p[3 * t] > 2) {
                blob++;
                assertEquals(0, coloured[t], "the blob's texels stay unfilled");
            }
        }
        assertTrue(blob > 100, blob + " blob texels");
    }
}
