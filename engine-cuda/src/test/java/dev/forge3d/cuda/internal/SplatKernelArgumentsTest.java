package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.SplatView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The projection and loss wrappers check every argument in Java: a bad one is an
 * {@code invalid_param} error and the (fake) library never sees the kernel call, while good
 * arguments do reach it with the values the header documents. Runs without a GPU.
 */
class SplatKernelArgumentsTest {
    private static final List<String> KERNELS =
            List.of("f3d_splat_project_forward", "f3d_splat_project_backward", "f3d_splat_loss");
    private static final int COUNT = 5;
    private static final SplatView VIEW = new SplatView(64, 48, 50f, 51f, 32.5f, 24.5f,
            new float[] {0, 1, 0, 0.5f, -1, 0, 0, 1.5f, 0, 0, 1, 2.5f});

    private FakeCudaLibrary fake;
    private CudaRuntime runtime;
    private CudaStream stream;
    private CudaProjection projection;
    private DeviceSplatArrays gaussians;
    private DeviceSplatArrays grads;
    private DeviceProjectedGaussians projected;
    private DeviceBuffer screen;

    @BeforeEach
    void setUp() {
        fake = new FakeCudaLibrary();
        runtime = fake.runtime();
        stream = CudaStream.create(runtime, 0);
        projection = new CudaProjection(runtime);
        gaussians = DeviceSplatArrays.allocate(runtime, 0, COUNT);
        grads = DeviceSplatArrays.allocate(runtime, 0, COUNT);
        projected = DeviceProjectedGaussians.allocate(runtime, 0, COUNT);
        screen = DeviceBuffer.allocate(runtime, 0, 9L * COUNT * Float.BYTES);
    }

    @AfterEach
    void tearDown() {
        fake.close();
        assertEquals(List.of(), fake.handlerErrors());
    }

    @Test
    void goodProjectionCallsReachTheLibraryWithTheirSizes() {
        projection.enqueueForward(stream, gaussians, 3, VIEW, projected);
        projection.enqueueBackward(stream, gaussians, 2, VIEW, projected, screen, grads);
        List<Object> forward = fake.callsOf("f3d_splat_project_forward").getFirst().arguments();
        assertEquals(20, forward.size());
        assertEquals(List.of(COUNT, 3, 64, 48), forward.subList(7, 11));
        List<Object> backward = fake.callsOf("f3d_splat_project_backward").getFirst().arguments();
        assertEquals(22, backward.size());
        assertEquals(List.of(COUNT, 2, 64, 48), backward.subList(7, 11));
    }

    @Test
    void cameraArgumentIsIntrinsicsThenWorldToCameraThenCentre() {
        float[] camera = CudaProjection.cameraFloats(VIEW);
        assertEquals(CudaProjection.CAMERA_FLOATS, camera.length);
        float[] expected = new float[19];
        expected[0] = 50f;
        expected[1] = 51f;
        expected[2] = 32.5f;
        expected[3] = 24.5f;
        System.arraycopy(VIEW.worldToCamera(), 0, expected, 4, 12);
        // -R^T t of this R (a 90-degree turn about z) and t = (0.5, 1.5, 2.5)
        expected[16] = 1.5f;
        expected[17] = -0.5f;
        expected[18] = -2.5f;
        assertArrayEquals(expected, camera);
    }

    @Test
    void projectionRejectsBadArgumentsBeforeAnyNativeCall() {
        assertRejected(() -> projection.enqueueForward(stream, gaussians, -1, VIEW, projected));
        assertRejected(() -> projection.enqueueForward(stream, gaussians, 4, VIEW, projected));
        assertRejected(() -> projection.enqueueForward(stream, gaussians, 3, null, projected));
        assertRejected(() -> projection.enqueueForward(null, gaussians, 3, VIEW, projected));
        try (DeviceProjectedGaussians fewer = DeviceProjectedGaussians.allocate(runtime, 0, COUNT - 1)) {
            assertRejected(() -> projection.enqueueForward(stream, gaussians, 3, VIEW, fewer));
        }
        try (CudaStream elsewhere = CudaStream.create(runtime, 1)) {
            assertRejected(() -> projection.enqueueForward(elsewhere, gaussians, 3, VIEW, projected));
        }
        DeviceSplatArrays closed = DeviceSplatArrays.allocate(runtime, 0, COUNT);
        closed.close();
        assertRejected(() -> projection.enqueueForward(stream, closed, 3, VIEW, projected));
    }

    @Test
    void backwardRejectsBadArgumentsBeforeAnyNativeCall() {
        try (DeviceBuffer shortScreen = DeviceBuffer.allocate(runtime, 0, 9L * COUNT * Float.BYTES - 1);
             DeviceSplatArrays fewer = DeviceSplatArrays.allocate(runtime, 0, COUNT - 1)) {
            assertRejected(() -> projection.enqueueBackward(stream, gaussians, 3, VIEW, projected, shortScreen, grads));
            assertRejected(() -> projection.enqueueBackward(stream, gaussians, 3, VIEW, projected, screen, fewer));
        }
        // Gradients written over the parameters they are computed from: one buffer in two roles.
        assertRejected(() -> projection.enqueueBackward(stream, gaussians, 3, VIEW, projected, screen, gaussians));
        assertRejected(() -> projection.enqueueBackward(stream, gaussians, 3, VIEW, projected, null, grads));
        assertRejected(() -> projection.enqueueBackward(stream, gaussians, 7, VIEW, projected, screen, grads));
    }

    @Test
    void lossRejectsBadSizesBeforeAnyNativeCall() {
        int callsBefore = fake.functionsCalled().size();
        assertInvalid(() -> CudaPhotometricLoss.create(runtime, 0, 0, 5));
        assertInvalid(() -> CudaPhotometricLoss.create(runtime, 0, 5, -1));
        assertInvalid(() -> CudaPhotometricLoss.create(runtime, 0, 10_000, 10_000));
        assertEquals(callsBefore, fake.functionsCalled().size(), "no native call for a rejected size");

        int width = 17;
        int height = 13;
        long bytes = 3L * width * height * Float.BYTES;
        try (CudaPhotometricLoss loss = CudaPhotometricLoss.create(runtime, 0, width, height);
             DeviceBuffer image = DeviceBuffer.allocate(runtime, 0, bytes);
             DeviceBuffer target = DeviceBuffer.allocate(runtime, 0, bytes);
             DeviceBuffer gradient = DeviceBuffer.allocate(runtime, 0, bytes);
             DeviceBuffer small = DeviceBuffer.allocate(runtime, 0, bytes - 4)) {
            assertRejected(() -> loss.enqueue(stream, small, target, gradient));
            assertRejected(() -> loss.enqueue(stream, image, target, small));
            assertRejected(() -> loss.enqueue(stream, image, target, image));
            assertRejected(() -> loss.enqueue(stream, image, null, gradient));
            loss.enqueue(stream, image, target, gradient);
            List<Object> call = fake.callsOf("f3d_splat_loss").getFirst().arguments();
            assertEquals(List.of(width, height), call.subList(3, 5));
        }
    }

    @Test
    void hostProjectedArraysMustHoldExactlyTheirValuesPerGaussian() {
        DeviceProjectedGaussians.Host good = DeviceProjectedGaussians.Host.allocate(COUNT);
        assertEquals(COUNT, good.count());
        // One mean2d value short: the upload would have left the last Gaussian's v uninitialised.
        assertInvalid(() -> new DeviceProjectedGaussians.Host(new float[2 * COUNT - 1], good.conic(), good.depth(),
                good.radius(), good.tileRect(), good.tilesTouched(), good.rgb(), good.opacity()));
        assertInvalid(() -> new DeviceProjectedGaussians.Host(good.mean2d(), good.conic(), good.depth(),
                good.radius(), new int[4 * COUNT + 4], good.tilesTouched(), good.rgb(), good.opacity()));
        assertInvalid(() -> new DeviceProjectedGaussians.Host(good.mean2d(), good.conic(), good.depth(),
                good.radius(), good.tileRect(), good.tilesTouched(), good.rgb(), null));
        assertInvalid(() -> new DeviceProjectedGaussians.Host(good.mean2d(), good.conic(), null, good.radius(),
                good.tileRect(), good.tilesTouched(), good.rgb(), good.opacity()));
        assertInvalid(() -> DeviceProjectedGaussians.Host.allocate(Integer.MAX_VALUE / 4 + 1));
    }

    private void assertRejected(Executable call) {
        int before = kernelCalls();
        assertInvalid(call);
        assertEquals(before, kernelCalls(), "a rejected call must not reach the library");
    }

    private int kernelCalls() {
        return KERNELS.stream().mapToInt(fake::count).sum();
    }

    private static void assertInvalid(Executable call) {
        Forge3dException error = assertThrows(Forge3dException.class, call);
        assertEquals(ErrorCode.INVALID_PARAM, error.code(), error.getMessage());
    }
}
