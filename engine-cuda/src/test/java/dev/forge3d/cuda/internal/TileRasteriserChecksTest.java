package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * CudaTileRasteriser checks every buffer, size and argument before its native call: bad input is
 * an {@code invalid_param} error and the (fake) library never sees the call. Runs without a GPU.
 */
class TileRasteriserChecksTest {
    private static final int COUNT = 10;
    private static final int WIDTH = 40;
    private static final int HEIGHT = 20; // 3 x 2 tiles
    private static final long PIXELS = (long) WIDTH * HEIGHT;
    private static final float[] BACKGROUND = {0, 0, 0};
    private static final List<String> KERNELS = List.of("f3d_splat_bin_tiles", "f3d_splat_rasterise_forward",
            "f3d_splat_rasterise_backward");

    private FakeCudaLibrary fake;
    private CudaRuntime runtime;
    private CudaStream stream;
    private CudaTileRasteriser raster;
    private CudaTileRasteriser.ProjectedBuffers projected;

    @BeforeEach
    void setUp() {
        fake = new FakeCudaLibrary();
        runtime = fake.runtime();
        stream = CudaStream.create(runtime, 0);
        raster = new CudaTileRasteriser(runtime, 0);
        projected = projectedWithConicFloats(3 * COUNT);
    }

    @AfterEach
    void tearDown() {
        fake.close();
        assertEquals(List.of(), fake.handlerErrors());
    }

    @Test
    void wellSizedCallsReachTheLibrary() {
        // The control for every rejection below: the same calls with good arguments get through.
        raster.countEntries(stream, projected, COUNT, WIDTH, HEIGHT);
        raster.binTiles(stream, projected, COUNT, WIDTH, HEIGHT, floats(1), floats(1), ints(2 * 6));
        raster.forward(stream, projected, COUNT, WIDTH, HEIGHT, BACKGROUND, floats(3 * PIXELS), floats(PIXELS),
                ints(PIXELS));
        raster.backward(stream, projected, COUNT, WIDTH, HEIGHT, BACKGROUND, floats(3 * PIXELS), floats(PIXELS),
                ints(PIXELS), floats(9L * COUNT));
        assertEquals(2, fake.count("f3d_splat_bin_tiles"));
        assertEquals(1, fake.count("f3d_splat_rasterise_forward"));
        assertEquals(1, fake.count("f3d_splat_rasterise_backward"));
    }

    @Test
    void projectedBuffersTooSmallForTheCountAreRejected() {
        CudaTileRasteriser.ProjectedBuffers shortConic = projectedWithConicFloats(3 * COUNT - 1);
        assertRejected(() -> raster.forward(stream, shortConic, COUNT, WIDTH, HEIGHT, BACKGROUND, floats(3 * PIXELS),
                floats(PIXELS), ints(PIXELS)));
        assertRejected(() -> raster.backward(stream, shortConic, COUNT, WIDTH, HEIGHT, BACKGROUND,
                floats(3 * PIXELS), floats(PIXELS), ints(PIXELS), floats(9L * COUNT)));
        assertRejected(() -> raster.countEntries(stream, projected, COUNT + 1, WIDTH, HEIGHT));
        CudaTileRasteriser.ProjectedBuffers missing = new CudaTileRasteriser.ProjectedBuffers(projected.mean2d(),
                projected.conic(), null, projected.tileRect(), projected.tilesTouched(), projected.rgb(),
                projected.opacity());
        assertRejected(() -> raster.countEntries(stream, missing, COUNT, WIDTH, HEIGHT));
    }

    @Test
    void outputsTooSmallForTheImageAreRejected() {
        assertRejected(() -> raster.forward(stream, projected, COUNT, WIDTH, HEIGHT, BACKGROUND,
                floats(3 * PIXELS - 1), floats(PIXELS), ints(PIXELS)));
        assertRejected(() -> raster.forward(stream, projected, COUNT, WIDTH, HEIGHT, BACKGROUND, floats(3 * PIXELS),
                floats(PIXELS), ints(PIXELS - 1)));
        assertRejected(() -> raster.backward(stream, projected, COUNT, WIDTH, HEIGHT, BACKGROUND, floats(3 * PIXELS),
                floats(PIXELS - 1), ints(PIXELS), floats(9L * COUNT)));
        assertRejected(() -> raster.backward(stream, projected, COUNT, WIDTH, HEIGHT, BACKGROUND, floats(3 * PIXELS),
                floats(PIXELS), ints(PIXELS), floats(9L * COUNT - 1)));
        // 40 x 20 pixels are 3 x 2 tiles: 12 ints of ranges
        assertRejected(() -> raster.binTiles(stream, projected, COUNT, WIDTH, HEIGHT, floats(1), floats(1),
                ints(11)));
    }

    @Test
    void oneBufferInTwoRolesIsRejected() {
        // The kernels' pointers are __restrict__: an output passed as an input, or as another output,
        // would be overwritten while it is still read.
        DeviceBuffer image = floats(3 * PIXELS);
        assertRejected(() -> raster.forward(stream, projected, COUNT, WIDTH, HEIGHT, BACKGROUND, image, image,
                ints(PIXELS)));
        DeviceBuffer wideConic = floats(3 * PIXELS);
        CudaTileRasteriser.ProjectedBuffers conicIsImage = new CudaTileRasteriser.ProjectedBuffers(
                projected.mean2d(), wideConic, projected.depth(), projected.tileRect(), projected.tilesTouched(),
                projected.rgb(), projected.opacity());
        assertRejected(() -> raster.forward(stream, conicIsImage, COUNT, WIDTH, HEIGHT, BACKGROUND, wideConic,
                floats(PIXELS), ints(PIXELS)));
        DeviceBuffer wideOpacity = floats(9L * COUNT);
        CudaTileRasteriser.ProjectedBuffers opacityIsGradients = new CudaTileRasteriser.ProjectedBuffers(
                projected.mean2d(), projected.conic(), projected.depth(), projected.tileRect(),
                projected.tilesTouched(), projected.rgb(), wideOpacity);
        assertRejected(() -> raster.backward(stream, opacityIsGradients, COUNT, WIDTH, HEIGHT, BACKGROUND,
                floats(3 * PIXELS), floats(PIXELS), ints(PIXELS), wideOpacity));
        DeviceBuffer keys = floats(2);
        assertRejected(() -> raster.binTiles(stream, projected, COUNT, WIDTH, HEIGHT, keys, keys, ints(12)));
        assertRejected(() -> raster.binTiles(stream, projected, COUNT, WIDTH, HEIGHT, floats(1), floats(1),
                projected.tileRect()));
    }

    @Test
    void badCountsImagesBackgroundsAndHandlesAreRejected() {
        assertRejected(() -> raster.countEntries(stream, projected, -1, WIDTH, HEIGHT));
        assertRejected(() -> raster.countEntries(stream, projected, CudaTileRasteriser.MAX_GAUSSIANS + 1, WIDTH,
                HEIGHT));
        assertRejected(() -> raster.countEntries(stream, projected, COUNT, 0, HEIGHT));
        assertRejected(() -> raster.countEntries(stream, projected, COUNT, WIDTH, -3));
        assertRejected(() -> raster.countEntries(stream, projected, COUNT, 40000, 40000)); // 3 planes overflow int32
        assertRejected(() -> raster.forward(stream, projected, COUNT, WIDTH, HEIGHT, new float[2], floats(3 * PIXELS),
                floats(PIXELS), ints(PIXELS)));
        assertRejected(() -> raster.forward(stream, projected, COUNT, WIDTH, HEIGHT, null, floats(3 * PIXELS),
                floats(PIXELS), ints(PIXELS)));
        assertRejected(() -> raster.binTiles(stream, projected, COUNT, WIDTH, HEIGHT, null, floats(1), ints(12)));
        DeviceBuffer closed = floats(3 * PIXELS);
        closed.close();
        assertRejected(() -> raster.forward(stream, projected, COUNT, WIDTH, HEIGHT, BACKGROUND, closed,
                floats(PIXELS), ints(PIXELS)));
        CudaStream otherDevice = CudaStream.create(runtime, 1);
        assertRejected(() -> raster.countEntries(otherDevice, projected, COUNT, WIDTH, HEIGHT));
        assertRejected(() -> raster.countEntries(null, projected, COUNT, WIDTH, HEIGHT));
        assertInvalid(() -> new CudaTileRasteriser(runtime, -1));
    }

    @Test
    void hostArraysTooShortAreRejectedBeforeAnyNativeCall() {
        int before = fake.functionsCalled().size();
        assertInvalid(() -> new CudaTileRasteriser.ProjectedHost(2, new float[4], new float[5], new float[2],
                new int[8], new int[2], new float[6], new float[2]));
        assertInvalid(() -> new CudaTileRasteriser.ProjectedHost(-1, new float[0], new float[0], new float[0],
                new int[0], new int[0], new float[0], new float[0]));
        // A depth the twin and the kernel would order differently, where the Gaussian touches a tile.
        for (float depth : new float[] {-1, 0, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertInvalid(() -> new CudaTileRasteriser.ProjectedHost(1, new float[2], new float[3],
                    new float[] {depth}, new int[] {0, 0, 1, 1}, new int[] {1}, new float[3], new float[1]));
        }
        new CudaTileRasteriser.ProjectedHost(1, new float[2], new float[3], new float[] {0.5f},
                new int[] {0, 0, 1, 1}, new int[] {1}, new float[3], new float[1]); // the control
        CudaTileRasteriser.ProjectedHost host = new CudaTileRasteriser.ProjectedHost(1, new float[2], new float[3],
                new float[1], new int[4], new int[1], new float[3], new float[1]);
        assertInvalid(() -> raster.backward(host, 4, 4, BACKGROUND, new float[47], new float[16], new int[16]));
        assertInvalid(() -> raster.backward(host, 4, 4, BACKGROUND, new float[48], new float[16], new int[15]));
        assertInvalid(() -> raster.forward(host, 4, 4, new float[4]));
        assertInvalid(() -> raster.binTiles(host, 0, 4));
        assertEquals(before, fake.functionsCalled().size(), "no stream, no buffer, no copy");
    }

    private CudaTileRasteriser.ProjectedBuffers projectedWithConicFloats(long conicFloats) {
        return new CudaTileRasteriser.ProjectedBuffers(floats(2 * COUNT), floats(conicFloats), floats(COUNT),
                ints(4 * COUNT), ints(COUNT), floats(3 * COUNT), floats(COUNT));
    }

    private DeviceBuffer floats(long count) {
        return DeviceBuffer.allocate(runtime, 0, count * Float.BYTES);
    }

    private DeviceBuffer ints(long count) {
        return DeviceBuffer.allocate(runtime, 0, count * Integer.BYTES);
    }

    private void assertRejected(Executable call) {
        int before = KERNELS.stream().mapToInt(fake::count).sum();
        assertInvalid(call);
        assertEquals(before, KERNELS.stream().mapToInt(fake::count).sum(),
                "a rejected call must not reach the library");
    }

    private static void assertInvalid(Executable call) {
        Forge3dException error = assertThrows(Forge3dException.class, call);
        assertEquals(ErrorCode.INVALID_PARAM, error.code(), error.getMessage());
    }
}
