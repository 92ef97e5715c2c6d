package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.splat.RasteriserTwin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static dev.forge3d.cuda.internal.TwinAssertions.PROJECT_TOLERANCE;
import static dev.forge3d.cuda.internal.TwinAssertions.assertRelativeErrorBelow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tile binning and the rasteriser kernels against their CPU twins (TileBinning and Rasteriser,
 * through RasteriserTwin) on fresh random projected Gaussians at several sizes.
 *
 * <p>Tolerances: sorted keys, entry Gaussians, tile ranges and contributors must be equal. The
 * kernels repeat the twin's float operations in its order without fused multiply-adds, with exp and
 * log in double like Math.exp, so image and final transmittance are expected bit-identical; the
 * gradients differ only in the order of each entry's sum over its tile's pixels (a tree instead
 * of row-major), about 1e-7 relative. The bound is the issue's: relative L2 error under 1e-4 for
 * every output, and for each of the nine screen-gradient components on its own, so that a wrong
 * conic or opacity gradient cannot hide behind large colour gradients.
 */
@Tag("gpu")
class GpuTileRasteriserTest {
    private static final float[] BACKGROUND = {0.25f, 0.5f, 0.75f};
    private static final String[] COMPONENTS = {"u", "v", "conic a", "conic b", "conic c", "opacity", "red", "green",
            "blue"};

    @ParameterizedTest(name = "{0} Gaussians on {1} x {2}")
    @CsvSource({"0, 17, 13", "1, 17, 13", "500, 64, 48", "20000, 300, 200"})
    void binningMatchesTheTwinExactly(int count, int width, int height) {
        CudaTileRasteriser cuda = new CudaTileRasteriser(GpuTestSupport.runtimeOrSkip(), 0);
        long seed = System.nanoTime();
        try (RasteriserTwin twin = RasteriserTwin.randomScene(count, width, height, seed, 1)) {
            twin.bin();

            CudaTileRasteriser.TileBins gpu = cuda.binTiles(host(twin), width, height);

            String where = "seed " + seed + ": ";
            assertArrayEquals(twin.sortedKeys(), gpu.sortedKeys(), where + "sorted keys");
            assertArrayEquals(twin.entryGaussian(), gpu.entryGaussian(), where + "entry Gaussians");
            assertArrayEquals(twin.tileRanges(), gpu.tileRanges(), where + "tile ranges");
        }
    }

    @ParameterizedTest(name = "{0} Gaussians on {1} x {2}")
    @CsvSource({"1, 17, 13", "500, 64, 48", "20000, 300, 200"})
    void forwardMatchesTheTwin(int count, int width, int height) {
        CudaTileRasteriser cuda = new CudaTileRasteriser(GpuTestSupport.runtimeOrSkip(), 0);
        long seed = System.nanoTime();
        try (RasteriserTwin twin = RasteriserTwin.randomScene(count, width, height, seed, 1)) {
            RasteriserTwin.Forward expected = twin.forward(BACKGROUND);

            CudaTileRasteriser.ForwardResult gpu = cuda.forward(host(twin), width, height, BACKGROUND);

            String where = "seed " + seed + ": ";
            assertArrayEquals(expected.contributors(), gpu.contributors(), where + "contributors");
            assertRelativeErrorBelow(where + "image", expected.image(), gpu.image(), PROJECT_TOLERANCE);
            assertRelativeErrorBelow(where + "final transmittance", expected.finalT(), gpu.finalT(),
                    PROJECT_TOLERANCE);
        }
    }

    @ParameterizedTest(name = "{0} Gaussians on {1} x {2}")
    @CsvSource({"1, 17, 13", "500, 64, 48", "20000, 300, 200"})
    void backwardMatchesTheTwin(int count, int width, int height) {
        CudaTileRasteriser cuda = new CudaTileRasteriser(GpuTestSupport.runtimeOrSkip(), 0);
        long seed = System.nanoTime();
        try (RasteriserTwin twin = RasteriserTwin.randomScene(count, width, height, seed, 1)) {
            // The backward pass replays the twin's own forward pass, so only the backward kernel is compared.
            RasteriserTwin.Forward forward = twin.forward(BACKGROUND);
            float[] imageGradient = randomImageGradient(new SplittableRandom(seed + 1), width, height);
            float[] expected = twin.backward(BACKGROUND, imageGradient, forward.finalT(), forward.contributors());

            float[] gpu = cuda.backward(host(twin), width, height, BACKGROUND, imageGradient, forward.finalT(),
                    forward.contributors());

            for (int k = 0; k < CudaTileRasteriser.SCREEN_GRADIENT_STRIDE; k++) {
                assertRelativeErrorBelow("seed " + seed + ": d " + COMPONENTS[k], component(expected, count, k),
                        component(gpu, count, k), PROJECT_TOLERANCE);
            }
        }
    }

    @Test
    void backwardIsBitIdenticalRunToRun() {
        CudaTileRasteriser cuda = new CudaTileRasteriser(GpuTestSupport.runtimeOrSkip(), 0);
        int count = 20000, width = 300, height = 200;
        long seed = System.nanoTime();
        CudaTileRasteriser.ProjectedHost host;
        try (RasteriserTwin twin = RasteriserTwin.randomScene(count, width, height, seed, 1)) {
            host = host(twin);
        }
        CudaTileRasteriser.ForwardResult forward = cuda.forward(host, width, height, BACKGROUND);
        float[] imageGradient = randomImageGradient(new SplittableRandom(seed + 1), width, height);

        float[] first = cuda.backward(host, width, height, BACKGROUND, imageGradient, forward.finalT(),
                forward.contributors());
        float[] second = cuda.backward(host, width, height, BACKGROUND, imageGradient, forward.finalT(),
                forward.contributors());

        boolean anyNonZero = false;
        for (float value : first) {
            anyNonZero |= value != 0;
        }
        assertTrue(anyNonZero, "seed " + seed + ": the gradients are all zero, so equal runs would prove nothing");
        assertArrayEquals(bits(first), bits(second), "seed " + seed + ": two runs differ");
    }

    /**
     * A NaN screen position makes a NaN alpha at pixel column 0 of the first tile column (its pixel
     * box rounds to 0). The twin's forward and backward passes count such a Gaussian as a
     * contributor (NaN fails their skip tests), so the NaN spreads through those pixels' gradients;
     * the backward kernel must spread it to the same entries instead of skipping the Gaussian.
     */
    @Test
    void aNanPositionSpreadsToTheSameGradientsAsInTheTwin() {
        CudaTileRasteriser cuda = new CudaTileRasteriser(GpuTestSupport.runtimeOrSkip(), 0);
        int count = 500, width = 64, height = 48;
        long seed = System.nanoTime();
        try (RasteriserTwin twin = RasteriserTwin.randomScene(count, width, height, seed, 1)) {
            int nearest = -1;
            for (int g = 0; g < count; g++) {
                float v = twin.mean2d()[2 * g + 1];
                boolean inFirstColumn = twin.tilesTouched()[g] > 0 && twin.tileRect()[4 * g] == 0 && v >= 0
                        && v < height;
                if (inFirstColumn && (nearest < 0 || twin.depth()[g] < twin.depth()[nearest])) {
                    nearest = g;
                }
            }
            assertTrue(nearest >= 0, "seed " + seed + ": no Gaussian in the first tile column");
            twin.mean2d()[2 * nearest] = Float.NaN;
            RasteriserTwin.Forward forward = twin.forward(BACKGROUND);
            float[] imageGradient = randomImageGradient(new SplittableRandom(seed + 1), width, height);
            float[] expected = twin.backward(BACKGROUND, imageGradient, forward.finalT(), forward.contributors());

            CudaTileRasteriser.ForwardResult gpuForward = cuda.forward(host(twin), width, height, BACKGROUND);
            float[] gpu = cuda.backward(host(twin), width, height, BACKGROUND, imageGradient, forward.finalT(),
                    forward.contributors());

            String where = "seed " + seed + ", Gaussian " + nearest + ": ";
            assertTrue(Float.isNaN(expected[CudaTileRasteriser.SCREEN_GRADIENT_STRIDE * nearest]),
                    where + "the twin's gradient is not NaN, so the test proves nothing");
            assertArrayEquals(forward.contributors(), gpuForward.contributors(), where + "contributors");
            assertArrayEquals(nanMask(forward.image()), nanMask(gpuForward.image()), where + "NaN pixels");
            assertArrayEquals(nanMask(expected), nanMask(gpu), where + "NaN gradients");
        }
    }

    @Test
    void aTileRectangleThatDisagreesWithTilesTouchedIsRejected() {
        CudaTileRasteriser cuda = new CudaTileRasteriser(GpuTestSupport.runtimeOrSkip(), 0);
        CudaTileRasteriser.ProjectedHost host;
        try (RasteriserTwin twin = RasteriserTwin.randomScene(50, 64, 48, 7, 1)) {
            host = host(twin);
        }
        int visible = 0;
        while (host.tilesTouched()[visible] == 0) {
            visible++;
        }
        host.tilesTouched()[visible] += 1; // the kernel would write one entry past its range
        Forge3dException error = assertThrows(Forge3dException.class, () -> cuda.binTiles(host, 64, 48));
        assertEquals(ErrorCode.INVALID_PARAM, error.code(), error.getMessage());
        assertTrue(error.getMessage().contains("tile_rect"), error.getMessage());
    }

    private static CudaTileRasteriser.ProjectedHost host(RasteriserTwin twin) {
        return new CudaTileRasteriser.ProjectedHost(twin.count(), twin.mean2d(), twin.conic(), twin.depth(),
                twin.tileRect(), twin.tilesTouched(), twin.rgb(), twin.opacity());
    }

    private static float[] randomImageGradient(SplittableRandom random, int width, int height) {
        float[] gradient = new float[3 * width * height];
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = (float) (2 * random.nextDouble() - 1);
        }
        return gradient;
    }

    private static float[] component(float[] gradients, int count, int k) {
        float[] values = new float[count];
        for (int g = 0; g < count; g++) {
            values[g] = gradients[CudaTileRasteriser.SCREEN_GRADIENT_STRIDE * g + k];
        }
        return values;
    }

    private static boolean[] nanMask(float[] values) {
        boolean[] mask = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            mask[i] = Float.isNaN(values[i]);
        }
        return mask;
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
