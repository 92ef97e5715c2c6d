package dev.forge3d.cuda.internal;

import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.SplatView;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/**
 * The projection and SH kernels ({@code f3d_splat_project_forward / _backward}) on device arrays:
 * the GPU twin of Projection.forward / backward in engine-native. Every argument is checked here
 * before the native call, so a bad one is an {@code invalid_param} error that never reaches the
 * library. Calls only enqueue work on the stream.
 */
public final class CudaProjection {
    /** Floats of the camera argument: fx fy cx cy, world-to-camera 3x4 row-major, camera centre. */
    public static final int CAMERA_FLOATS = 19;
    /** ScreenGradients.STRIDE of the twin: d u, d v, d conic a b c, d opacity, d r g b. */
    public static final int SCREEN_GRADIENT_STRIDE = 9;
    public static final int MAX_SH_DEGREE = 3;

    private final CudaRuntime runtime;

    public CudaProjection(CudaRuntime runtime) {
        this.runtime = runtime;
    }

    /** Projects all of {@code gaussians} for {@code view} into {@code out} (of the same count). */
    public void enqueueForward(CudaStream stream, DeviceSplatArrays gaussians, int shDegree, SplatView view,
                               DeviceProjectedGaussians out) {
        checkCommon(stream, gaussians, shDegree, view);
        checkPresent("out", out);
        checkSameCount("projected outputs", out.count(), gaussians.count());
        List<DeviceBuffer> all = new ArrayList<>(gaussians.buffers());
        all.addAll(out.buffers());
        MemorySegment queue = checkBuffers(stream, all);
        int count = gaussians.count();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment camera = camera(arena, view);
            int status = NativeCalls.call(() -> (int) runtime.bindings().f3d_splat_project_forward.invokeExact(queue,
                    gaussians.means().handle(), gaussians.logScales().handle(), gaussians.rotations().handle(),
                    gaussians.opacityLogits().handle(), gaussians.shDc().handle(), gaussians.shRest().handle(),
                    count, shDegree, view.width(), view.height(), camera, out.mean2d().handle(),
                    out.conic().handle(), out.depth().handle(), out.radius().handle(), out.tileRect().handle(),
                    out.tilesTouched().handle(), out.rgb().handle(), out.opacity().handle()));
            runtime.check(status, "f3d_splat_project_forward", count + " Gaussians");
        }
    }

    /**
     * Back-propagates {@code screenGradients} ({@value #SCREEN_GRADIENT_STRIDE} floats per Gaussian)
     * through the projection into {@code grads}, overwriting all of it. {@code projected} is the
     * forward pass's output for the same Gaussians and view (its conic, radius and opacity are read).
     */
    public void enqueueBackward(CudaStream stream, DeviceSplatArrays gaussians, int shDegree, SplatView view,
                                DeviceProjectedGaussians projected, DeviceBuffer screenGradients,
                                DeviceSplatArrays grads) {
        checkCommon(stream, gaussians, shDegree, view);
        checkPresent("projected", projected);
        checkPresent("screenGradients", screenGradients);
        checkPresent("grads", grads);
        int count = gaussians.count();
        checkSameCount("projected outputs", projected.count(), count);
        checkSameCount("gradient arrays", grads.count(), count);
        long screenBytes = (long) SCREEN_GRADIENT_STRIDE * count * Float.BYTES;
        if (screenGradients.sizeBytes() < screenBytes) {
            throw Forge3dException.invalidParam("screen gradient buffer size", screenGradients.sizeBytes() + " bytes",
                    ">= " + screenBytes + " bytes (" + SCREEN_GRADIENT_STRIDE + " floats per Gaussian)");
        }
        List<DeviceBuffer> all = new ArrayList<>(gaussians.buffers());
        all.add(projected.conic());
        all.add(projected.radius());
        all.add(projected.opacity());
        all.add(screenGradients);
        all.addAll(grads.buffers());
        MemorySegment queue = checkBuffers(stream, all);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment camera = camera(arena, view);
            int status = NativeCalls.call(() -> (int) runtime.bindings().f3d_splat_project_backward.invokeExact(queue,
                    gaussians.means().handle(), gaussians.logScales().handle(), gaussians.rotations().handle(),
                    gaussians.opacityLogits().handle(), gaussians.shDc().handle(), gaussians.shRest().handle(),
                    count, shDegree, view.width(), view.height(), camera, projected.conic().handle(),
                    projected.radius().handle(), projected.opacity().handle(), screenGradients.handle(),
                    grads.means().handle(), grads.logScales().handle(), grads.rotations().handle(),
                    grads.opacityLogits().handle(), grads.shDc().handle(), grads.shRest().handle()));
            runtime.check(status, "f3d_splat_project_backward", count + " Gaussians");
        }
    }

    /**
     * The camera argument: fx fy cx cy, the world-to-camera matrix, then the camera centre exactly
     * as {@link SplatView#cameraCentre()} computes it (the CPU twin's colour uses that value).
     */
    static float[] cameraFloats(SplatView view) {
        float[] camera = new float[CAMERA_FLOATS];
        camera[0] = view.fx();
        camera[1] = view.fy();
        camera[2] = view.cx();
        camera[3] = view.cy();
        System.arraycopy(view.worldToCamera(), 0, camera, 4, 12);
        System.arraycopy(view.cameraCentre(), 0, camera, 16, 3);
        return camera;
    }

    private static MemorySegment camera(Arena arena, SplatView view) {
        float[] values = cameraFloats(view);
        MemorySegment segment = arena.allocate(JAVA_FLOAT, values.length);
        MemorySegment.copy(values, 0, segment, JAVA_FLOAT, 0, values.length);
        return segment;
    }

    private static void checkCommon(CudaStream stream, DeviceSplatArrays gaussians, int shDegree, SplatView view) {
        checkPresent("stream", stream);
        checkPresent("gaussians", gaussians);
        checkPresent("view", view);
        if (shDegree < 0 || shDegree > MAX_SH_DEGREE) {
            throw Forge3dException.invalidParam("shDegree", shDegree, "0.." + MAX_SH_DEGREE);
        }
    }

    static void checkPresent(String name, Object value) {
        if (value == null) {
            throw Forge3dException.invalidParam(name, null, "present");
        }
    }

    private static void checkSameCount(String what, int actual, int expected) {
        if (actual != expected) {
            throw Forge3dException.invalidParam(what + " count", actual, "the Gaussian count " + expected);
        }
    }

    /**
     * Every buffer open, on the stream's device and passed once (the kernels' pointers are
     * restrict-qualified); returns the stream's handle.
     */
    static MemorySegment checkBuffers(CudaStream stream, List<DeviceBuffer> buffers) {
        MemorySegment queue = stream.handle();
        for (DeviceBuffer buffer : buffers) {
            buffer.handle();
            buffer.sameDevice(stream);
        }
        KernelCalls.checkDistinct(buffers.toArray(DeviceBuffer[]::new));
        return queue;
    }
}
