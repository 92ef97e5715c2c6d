package dev.forge3d.engine.splat;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seam the CUDA twin tests compare against: its random scenes are what Projection would emit
 * (rectangles inside the tile grid, of area tilesTouched), its keys are the GPU's layout in sorted
 * order with every (Gaussian, tile) pair exactly once, and its parallel runs equal the sequential ones.
 */
class RasteriserTwinTest {
    private static final int COUNT = 2000;
    private static final int WIDTH = 64;
    private static final int HEIGHT = 48;

    @Test
    void randomScenesHaveProjectionsTileRectangles() {
        try (RasteriserTwin twin = RasteriserTwin.randomScene(COUNT, WIDTH, HEIGHT, 11, 1)) {
            int tilesX = 4;
            int tilesY = 3;
            int visible = 0;
            for (int i = 0; i < COUNT; i++) {
                int[] r = twin.tileRect();
                if (twin.tilesTouched()[i] == 0) {
                    continue;
                }
                visible++;
                assertTrue(0 <= r[4 * i] && r[4 * i] < r[4 * i + 2] && r[4 * i + 2] <= tilesX, "x tiles of " + i);
                assertTrue(0 <= r[4 * i + 1] && r[4 * i + 1] < r[4 * i + 3] && r[4 * i + 3] <= tilesY,
                        "y tiles of " + i);
                assertEquals((r[4 * i + 2] - r[4 * i]) * (r[4 * i + 3] - r[4 * i + 1]), twin.tilesTouched()[i]);
                assertTrue(twin.depth()[i] > 0, "depth of " + i);
            }
            assertTrue(visible > COUNT / 2 && visible < COUNT, visible + " visible");
        }
    }

    @Test
    void keysAreSortedAndHoldEachGaussianTilePairOnce() {
        try (RasteriserTwin twin = RasteriserTwin.randomScene(COUNT, WIDTH, HEIGHT, 12, 1)) {
            twin.bin();
            long[] keys = twin.sortedKeys();
            int[] gaussians = twin.entryGaussian();
            int[] ranges = twin.tileRanges();
            int[] expectedPerGaussian = twin.tilesTouched();
            int[] seen = new int[COUNT];
            int ties = 0;
            for (int e = 0; e < keys.length; e++) {
                int g = gaussians[e];
                int tile = (int) (keys[e] >>> 32);
                assertEquals(Float.floatToRawIntBits(twin.depth()[g]), (int) keys[e], "depth bits of entry " + e);
                assertTrue(ranges[2 * tile] <= e && e < ranges[2 * tile + 1], "entry " + e + " in its tile's range");
                int tx = tile % 4;
                int ty = tile / 4;
                int[] r = twin.tileRect();
                assertTrue(r[4 * g] <= tx && tx < r[4 * g + 2] && r[4 * g + 1] <= ty && ty < r[4 * g + 3]);
                seen[g]++;
                if (e > 0) {
                    assertTrue(Long.compareUnsigned(keys[e - 1], keys[e]) <= 0, "keys sorted at " + e);
                    if (keys[e - 1] == keys[e]) {
                        ties++;
                        assertTrue(gaussians[e - 1] < gaussians[e], "a tie keeps Gaussian order at " + e);
                    }
                }
            }
            assertArrayEquals(Arrays.copyOf(expectedPerGaussian, COUNT), seen);
            assertTrue(ties > 0, "the scene exercises equal keys");
            assertEquals(0, ranges[0]);
            assertEquals(keys.length, ranges[ranges.length - 1]);
        }
    }

    @Test
    void parallelRunsEqualTheSequentialOnes() {
        float[] background = {0.1f, 0.2f, 0.3f};
        float[] gradient = new float[3 * WIDTH * HEIGHT];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = (float) random.nextDouble(-1, 1);
        }
        try (RasteriserTwin one = RasteriserTwin.randomScene(COUNT, WIDTH, HEIGHT, 13, 1);
             RasteriserTwin two = RasteriserTwin.randomScene(COUNT, WIDTH, HEIGHT, 13, 2)) {
            RasteriserTwin.Forward a = one.forward(background);
            RasteriserTwin.Forward b = two.forward(background);
            assertArrayEquals(a.image(), b.image());
            assertArrayEquals(a.contributors(), b.contributors());
            assertTrue(Arrays.stream(a.contributors()).anyMatch(c -> c > 0), "something was drawn");
            assertArrayEquals(one.backward(background, gradient, a.finalT(), a.contributors()),
                    two.backward(background, gradient, b.finalT(), b.contributors()));
        }
    }
}
