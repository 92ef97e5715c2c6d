package dev.forge3d.cuda.internal;

import dev.forge3d.api.Check;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.DensifyCounts;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The densification kernels of the training session on device buffers ({@code splat/densify.cu}):
 * gradient statistics, the plan (how many Gaussians are cloned, split and pruned) and the apply
 * (the densified model and its moments). The session chains the same launchers natively; these
 * calls exist for the tests against the CPU twins, so they favour checks over speed.
 *
 * <p>A model buffer holds {@link #FLOATS_PER_GAUSSIAN} floats per Gaussian: {@link SplatArrays}'
 * six arrays back to back ({@link #pack}, {@link #unpack}).
 */
public final class CudaDensification {
    /** means 3, log-scales 3, rotations 4, opacity logit 1, SH dc 3, SH rest 45. */
    public static final int FLOATS_PER_GAUSSIAN = 3 + 3 + 4 + 1 + 3 + 3 * SplatArrays.REST_COEFFICIENTS;
    /** ScreenGradients.STRIDE: d u, d v, d conic a b c, d opacity, d r g b. */
    public static final int SCREEN_GRADIENT_STRIDE = 9;

    private final CudaRuntime runtime;

    public CudaDensification(CudaRuntime runtime) {
        this.runtime = Check.present("runtime", runtime);
    }

    /** The statistics a session accumulates between densifications, {@code count} elements each. */
    public record Statistics(DeviceBuffer gradientSum, DeviceBuffer gradientCount, DeviceBuffer maxRadius) {
    }

    /** DensifySettings with the session's scene extent and Gaussian cap. */
    public record Limits(DensifySettings settings, float sceneExtent, int maxGaussians) {
        public Limits {
            Check.present("settings", settings);
            if (!(sceneExtent > 0) || !Float.isFinite(sceneExtent)) {
                throw Forge3dException.invalidParam("scene extent", sceneExtent, "> 0 and finite");
            }
            if (maxGaussians < 1) {
                throw Forge3dException.invalidParam("max Gaussians", maxGaussians, ">= 1");
            }
            if (!(settings.minOpacity() >= 0 && settings.minOpacity() < 1)) {
                throw Forge3dException.invalidParam("min opacity", settings.minOpacity(), "in [0, 1)");
            }
        }
    }

    /**
     * Enqueues one view's statistics update, in place: for Gaussians with a radius above 0, adds
     * the NDC norm of the screen-space mean gradient, counts the view, keeps the largest radius.
     */
    public void enqueueStatistics(CudaStream stream, DeviceBuffer radius, DeviceBuffer screenGradients, int count,
                                  int width, int height, Statistics statistics) {
        checkCount(count);
        if (width < 1 || height < 1) {
            throw Forge3dException.invalidParam("image size", width + " x " + height, "at least 1 x 1");
        }
        KernelCalls.checkHolds("radius", radius, count, Integer.BYTES);
        KernelCalls.checkHolds("screen gradients", screenGradients, (long) SCREEN_GRADIENT_STRIDE * count,
                Float.BYTES);
        checkStatistics(statistics, count);
        KernelCalls.checkDistinct(statistics.gradientSum(), statistics.gradientCount(), statistics.maxRadius(),
                radius, screenGradients);
        MemorySegment queue = KernelCalls.sameDevice(stream, radius, screenGradients, statistics.gradientSum(),
                statistics.gradientCount(), statistics.maxRadius());
        int status = NativeCalls.call(() -> (int) runtime.bindings().f3d_splat_densify_statistics.invokeExact(queue,
                radius.handle(), screenGradients.handle(), count, width, height, statistics.gradientSum().handle(),
                statistics.gradientCount().handle(), statistics.maxRadius().handle()));
        runtime.check(status, "f3d_splat_densify_statistics", count + " Gaussians");
    }

    /** The counts of densifying {@code count} Gaussians of {@code params}; waits for the stream. */
    public DensifyCounts plan(CudaStream stream, DeviceBuffer params, int count, Statistics statistics,
                              Limits limits) {
        checkPlanInputs(params, count, statistics, limits);
        MemorySegment queue = KernelCalls.sameDevice(stream, params, statistics.gradientSum(),
                statistics.gradientCount(), statistics.maxRadius());
        DensifySettings s = limits.settings();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT, 4);
            int status = NativeCalls.call(() -> (int) runtime.bindings().f3d_splat_densify_plan.invokeExact(queue,
                    params.handle(), count, statistics.gradientSum().handle(), statistics.gradientCount().handle(),
                    statistics.maxRadius().handle(), s.gradientThreshold(), s.percentDense(), s.minOpacity(),
                    s.maxScreenRadius(), s.maxWorldScale(), limits.sceneExtent(), limits.maxGaussians(),
                    out, out.asSlice(4), out.asSlice(8), out.asSlice(12)));
            runtime.check(status, "f3d_splat_densify_plan", count + " Gaussians");
            return new DensifyCounts(out.getAtIndex(JAVA_INT, 0), out.getAtIndex(JAVA_INT, 1),
                    out.getAtIndex(JAVA_INT, 2), out.getAtIndex(JAVA_INT, 3));
        }
    }

    /**
     * Writes the densified model and its moments into the out buffers, which must hold
     * {@code densifiedCount} Gaussians, the count {@link #plan} gave for the same inputs; waits for
     * the stream. {@code seed} and {@code callIndex} select the split samples.
     */
    public void apply(CudaStream stream, DeviceBuffer params, DeviceBuffer moment1, DeviceBuffer moment2, int count,
                      Statistics statistics, Limits limits, long seed, long callIndex, DeviceBuffer outParams,
                      DeviceBuffer outMoment1, DeviceBuffer outMoment2, int densifiedCount) {
        checkPlanInputs(params, count, statistics, limits);
        KernelCalls.checkHolds("moment1", moment1, (long) FLOATS_PER_GAUSSIAN * count, Float.BYTES);
        KernelCalls.checkHolds("moment2", moment2, (long) FLOATS_PER_GAUSSIAN * count, Float.BYTES);
        if (densifiedCount < 0) {
            throw Forge3dException.invalidParam("densified count", densifiedCount, ">= 0");
        }
        long outFloats = (long) FLOATS_PER_GAUSSIAN * densifiedCount;
        KernelCalls.checkHolds("out params", outParams, outFloats, Float.BYTES);
        KernelCalls.checkHolds("out moment1", outMoment1, outFloats, Float.BYTES);
        KernelCalls.checkHolds("out moment2", outMoment2, outFloats, Float.BYTES);
        KernelCalls.checkDistinct(outParams, outMoment1, outMoment2, params, moment1, moment2,
                statistics.gradientSum(), statistics.gradientCount(), statistics.maxRadius());
        MemorySegment queue = KernelCalls.sameDevice(stream, params, moment1, moment2, statistics.gradientSum(),
                statistics.gradientCount(), statistics.maxRadius(), outParams, outMoment1, outMoment2);
        DensifySettings s = limits.settings();
        int status = NativeCalls.call(() -> (int) runtime.bindings().f3d_splat_densify_apply.invokeExact(queue,
                params.handle(), moment1.handle(), moment2.handle(), count, statistics.gradientSum().handle(),
                statistics.gradientCount().handle(), statistics.maxRadius().handle(), s.gradientThreshold(),
                s.percentDense(), s.minOpacity(), s.maxScreenRadius(), s.maxWorldScale(), limits.sceneExtent(),
                limits.maxGaussians(), seed, callIndex, outParams.handle(), outMoment1.handle(), outMoment2.handle(),
                densifiedCount));
        runtime.check(status, "f3d_splat_densify_apply", count + " Gaussians to " + densifiedCount);
    }

    /** The model buffer layout of {@code arrays}, in native memory of {@code arena}. */
    public static MemorySegment pack(Arena arena, SplatArrays arrays) {
        int n = arrays.count();
        MemorySegment packed = arena.allocate(JAVA_FLOAT, Math.max(1L, (long) FLOATS_PER_GAUSSIAN * n));
        long offset = 0;
        for (float[] array : arrays(arrays)) {
            MemorySegment.copy(array, 0, packed, JAVA_FLOAT, offset * Float.BYTES, array.length);
            offset += array.length;
        }
        return packed;
    }

    /** {@code count} Gaussians from the model buffer layout. */
    public static SplatArrays unpack(MemorySegment packed, int count) {
        SplatArrays arrays = SplatArrays.allocate(count);
        HostMemoryChecks.checkRange("packed model", 0, (long) FLOATS_PER_GAUSSIAN * count * Float.BYTES,
                packed.byteSize());
        long offset = 0;
        for (float[] array : arrays(arrays)) {
            MemorySegment.copy(packed, JAVA_FLOAT, offset * Float.BYTES, array, 0, array.length);
            offset += array.length;
        }
        return arrays;
    }

    private static float[][] arrays(SplatArrays a) {
        return new float[][] {a.means(), a.logScales(), a.rotations(), a.opacityLogits(), a.shDc(), a.shRest()};
    }

    private static void checkPlanInputs(DeviceBuffer params, int count, Statistics statistics, Limits limits) {
        checkCount(count);
        Check.present("limits", limits);
        if (count > Integer.MAX_VALUE / 3) {
            throw Forge3dException.invalidParam("Gaussian count", count, "<= " + Integer.MAX_VALUE / 3);
        }
        KernelCalls.checkHolds("params", params, (long) FLOATS_PER_GAUSSIAN * count, Float.BYTES);
        checkStatistics(statistics, count);
    }

    private static void checkStatistics(Statistics statistics, int count) {
        Check.present("statistics", statistics);
        KernelCalls.checkHolds("gradient sum", statistics.gradientSum(), count, Float.BYTES);
        KernelCalls.checkHolds("gradient count", statistics.gradientCount(), count, Integer.BYTES);
        KernelCalls.checkHolds("max radius", statistics.maxRadius(), count, Float.BYTES);
    }

    private static void checkCount(int count) {
        if (count < 0) {
            throw Forge3dException.invalidParam("Gaussian count", count, ">= 0");
        }
    }
}
