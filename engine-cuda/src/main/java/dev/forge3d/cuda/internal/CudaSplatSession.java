package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.DensifyCounts;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatLearningRates;
import dev.forge3d.api.spi.SplatSession;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.IdentityHashMap;
import java.util.Map;

import static dev.forge3d.cuda.internal.NativeCalls.call;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Splat training with all state resident on the GPU ({@code f3d_splat_session_*}): the Gaussians,
 * their gradients and Adam moments, the densification statistics and the training images stay on
 * the device for the whole run, and a step is one native call that copies back only the loss.
 *
 * <p>Training images are uploaded once, the first time a {@code target} array is passed to
 * {@link #step} (again when a view gives it another size), and found again by the array's identity:
 * the caller must not change a target array's contents after passing it (the trainer's frames never
 * change). Every argument is checked
 * here before the native call, so a bad one is {@code invalid_param} and never reaches the device.
 * A device allocation failure is {@code out_of_memory} with the Gaussian count and the bytes asked
 * for. {@link #close()} frees all native and device memory, also after a failure; the trainer closes
 * the session when the job ends however it ends. Methods are synchronized: the native session
 * serves one thread at a time, and its error message is read on the thread of the failing call.
 */
public final class CudaSplatSession implements SplatSession {
    /** {@code F3D_SPLAT_VIEW_FLOATS}: fx fy cx cy, world-to-camera 3x4 row-major, camera centre. */
    static final int VIEW_FLOATS = 19;
    /** {@code F3D_SPLAT_LEARNING_RATES}, in {@link SplatLearningRates} order. */
    static final int LEARNING_RATES = 6;
    /** {@code F3D_SPLAT_DENSIFY_SETTINGS}, in {@link DensifySettings} order. */
    static final int DENSIFY_SETTINGS = 5;
    /** Native limits checked here first: image indices and image sides. */
    static final int MAX_IMAGES = 65536;
    static final int MAX_IMAGE_SIDE = 65535;

    /** Creation flags of {@code forge3d_cuda.h}. */
    public enum Flag {
        /**
         * Every call checks its arguments and does its host work and synchronisation but launches no
         * kernel: the step's host overhead, for the FFM overhead benchmark.
         */
        SKIP_KERNELS(1),
        /** Samples the device's free memory after every step and densification, for {@link #memory()}. */
        TRACK_MEMORY(2);

        final int bit;

        Flag(int bit) {
            this.bit = bit;
        }
    }

    /**
     * Device memory around a session.
     *
     * @param baselineFreeBytes free bytes on the device just before the session allocated anything
     * @param lowestFreeBytes   the lowest free bytes sampled since (with {@link Flag#TRACK_MEMORY})
     * @param heldBytes         the session's own allocations now (model, work buffers, images)
     */
    public record Memory(long baselineFreeBytes, long lowestFreeBytes, long heldBytes) {
        /** The most device memory in use since the session was created, over what was in use before it. */
        public long peakBytes() {
            return baselineFreeBytes - lowestFreeBytes;
        }
    }

    private final CudaRuntime runtime;
    private final ForgeCudaBindings bindings;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment view = arena.allocate(JAVA_FLOAT, VIEW_FLOATS);
    private final MemorySegment rates = arena.allocate(JAVA_FLOAT, LEARNING_RATES);
    private final MemorySegment densifySettings = arena.allocate(JAVA_FLOAT, DENSIFY_SETTINGS);
    private final MemorySegment counts = arena.allocate(JAVA_INT, 4);
    private final MemorySegment loss = arena.allocate(JAVA_FLOAT);
    private final Map<float[], CachedImage> images = new IdentityHashMap<>();
    private MemorySegment handle;
    private int count;
    private int shDegree;
    /** A native call failed: closing then reports nothing more, so the first failure is the one seen. */
    private boolean failed;

    private CudaSplatSession(CudaRuntime runtime, MemorySegment handle, int count) {
        this.runtime = runtime;
        this.bindings = runtime.bindings();
        this.handle = handle;
        this.count = count;
    }

    /**
     * Copies {@code initial} to {@code device} and holds it there with zero Adam moments.
     *
     * @throws Forge3dException {@code invalid_param} for more Gaussians than {@code settings.maxGaussians()};
     *                          {@code out_of_memory} when the device has no room for them
     */
    public static CudaSplatSession open(CudaRuntime runtime, int device, SplatArrays initial, SplatSettings settings,
                                        Flag... flags) {
        CudaRuntime.checkDevice(device);
        if (initial == null || settings == null) {
            throw new Forge3dException(ErrorCode.INVALID_PARAM, "a splat session needs the initial Gaussians and settings");
        }
        if (initial.count() > settings.maxGaussians()) {
            throw Forge3dException.invalidParam("initial Gaussians", initial.count(),
                    "at most maxGaussians (" + settings.maxGaussians() + ")");
        }
        int flagBits = 0;
        for (Flag flag : flags) {
            flagBits |= flag.bit;
        }
        int bits = flagBits;
        int n = initial.count();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            MemorySegment background = toNative(call, settings.background());
            MemorySegment means = toNative(call, initial.means());
            MemorySegment logScales = toNative(call, initial.logScales());
            MemorySegment rotations = toNative(call, initial.rotations());
            MemorySegment opacity = toNative(call, initial.opacityLogits());
            MemorySegment shDc = toNative(call, initial.shDc());
            MemorySegment shRest = toNative(call, initial.shRest());
            int status = call(() -> (int) runtime.bindings().f3d_splat_session_create.invokeExact(device, n, means,
                    logScales, rotations, opacity, shDc, shRest, settings.sceneExtent(), settings.maxGaussians(),
                    background, settings.seed(), bits, out));
            runtime.check(status, "f3d_splat_session_create", n + " Gaussians on device " + device);
            return new CudaSplatSession(runtime, out.get(ADDRESS, 0), n);
        }
    }

    @Override
    public synchronized int count() {
        return count;
    }

    @Override
    public synchronized void setShDegree(int degree) {
        if (degree < 0 || degree > 3) {
            throw new IllegalArgumentException("SH degree must be 0..3: " + degree);
        }
        shDegree = degree;
    }

    @Override
    public synchronized float step(SplatView view, float[] target, SplatLearningRates rates) {
        MemorySegment session = open();
        checkView(view);
        // The loss's limit, checked before anything is uploaded or the session's Adam step advances.
        if ((long) view.width() * view.height() > CudaPhotometricLoss.MAX_PIXELS) {
            throw Forge3dException.invalidParam("training image size", view.width() + "x" + view.height(),
                    "at most " + CudaPhotometricLoss.MAX_PIXELS + " pixels on the GPU; train with a higher "
                            + "--downscale or with --device cpu");
        }
        checkImage("target", target, view);
        if (rates == null) {
            throw new Forge3dException(ErrorCode.INVALID_PARAM, "learning rates are missing");
        }
        float[] values = {rates.means(), rates.logScales(), rates.rotations(), rates.opacityLogits(), rates.shDc(),
                rates.shRest()};
        for (int g = 0; g < values.length; g++) {
            if (!(values[g] >= 0) || !Float.isFinite(values[g])) {
                throw Forge3dException.invalidParam("learning rate of group " + g, values[g], "finite and >= 0");
            }
        }
        int image = imageIndex(session, target, view);
        writeView(view);
        MemorySegment.copy(values, 0, this.rates, JAVA_FLOAT, 0, LEARNING_RATES);
        int width = view.width();
        int height = view.height();
        int degree = shDegree;
        int status = call(() -> (int) bindings.f3d_splat_session_step.invokeExact(session, image, this.view, width,
                height, this.rates, degree, loss));
        check(status, "f3d_splat_session_step", count + " Gaussians, image " + image + " at " + width + "x"
                + height);
        return loss.get(JAVA_FLOAT, 0);
    }

    @Override
    public synchronized void render(SplatView view, float[] image) {
        MemorySegment session = open();
        checkView(view);
        checkImage("image", image, view);
        writeView(view);
        int width = view.width();
        int height = view.height();
        int degree = shDegree;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(JAVA_FLOAT, image.length);
            int status = call(() -> (int) bindings.f3d_splat_session_render.invokeExact(session, this.view, width,
                    height, degree, out));
            check(status, "f3d_splat_session_render", count + " Gaussians at " + width + "x" + height);
            MemorySegment.copy(out, JAVA_FLOAT, 0, image, 0, image.length);
        }
    }

    @Override
    public synchronized DensifyCounts densify(DensifySettings settings) {
        MemorySegment session = open();
        if (settings == null) {
            throw new Forge3dException(ErrorCode.INVALID_PARAM, "densify settings are missing");
        }
        float[] values = {settings.gradientThreshold(), settings.percentDense(), settings.minOpacity(),
                settings.maxScreenRadius(), settings.maxWorldScale()};
        for (int k = 0; k < values.length; k++) {
            if (!(values[k] >= 0) || !Float.isFinite(values[k])) {
                throw Forge3dException.invalidParam("densify setting " + k, values[k], "finite and >= 0");
            }
        }
        MemorySegment.copy(values, 0, densifySettings, JAVA_FLOAT, 0, DENSIFY_SETTINGS);
        int status = call(() -> (int) bindings.f3d_splat_session_densify.invokeExact(session, densifySettings,
                counts));
        check(status, "f3d_splat_session_densify", count + " Gaussians");
        count = counts.get(JAVA_INT, 12);
        return new DensifyCounts(counts.get(JAVA_INT, 0), counts.get(JAVA_INT, 4), counts.get(JAVA_INT, 8), count);
    }

    @Override
    public synchronized void resetOpacity(float maxOpacity) {
        MemorySegment session = open();
        if (!(maxOpacity > 0 && maxOpacity <= 1)) {
            throw Forge3dException.invalidParam("maxOpacity", maxOpacity, "above 0, at most 1");
        }
        float cap = opacityLogit(maxOpacity);
        int status = call(() -> (int) bindings.f3d_splat_session_reset_opacity.invokeExact(session, cap));
        check(status, "f3d_splat_session_reset_opacity", count + " Gaussians");
    }

    /** The logit of an opacity, rounded as the CPU twin's Densification.logit rounds it. */
    static float opacityLogit(float opacity) {
        return (float) Math.log(opacity / (1 - opacity));
    }

    @Override
    public synchronized SplatArrays download() {
        MemorySegment session = open();
        int n;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(JAVA_INT);
            check(call(() -> (int) bindings.f3d_splat_session_count.invokeExact(session, out)),
                    "f3d_splat_session_count", "");
            n = out.get(JAVA_INT, 0);
        }
        if (n != count) {
            throw new Forge3dException(ErrorCode.INTERNAL_ERROR, "the native session holds " + n
                    + " Gaussians but Java counted " + count);
        }
        SplatArrays result = SplatArrays.allocate(n);
        if (n == 0) {
            return result;
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment means = call.allocate(JAVA_FLOAT, result.means().length);
            MemorySegment logScales = call.allocate(JAVA_FLOAT, result.logScales().length);
            MemorySegment rotations = call.allocate(JAVA_FLOAT, result.rotations().length);
            MemorySegment opacity = call.allocate(JAVA_FLOAT, result.opacityLogits().length);
            MemorySegment shDc = call.allocate(JAVA_FLOAT, result.shDc().length);
            MemorySegment shRest = call.allocate(JAVA_FLOAT, result.shRest().length);
            int status = call(() -> (int) bindings.f3d_splat_session_download.invokeExact(session, means, logScales,
                    rotations, opacity, shDc, shRest));
            check(status, "f3d_splat_session_download", n + " Gaussians");
            copy(means, result.means());
            copy(logScales, result.logScales());
            copy(rotations, result.rotations());
            copy(opacity, result.opacityLogits());
            copy(shDc, result.shDc());
            copy(shRest, result.shRest());
        }
        return result;
    }

    /** Device memory use; the peak is tracked only for a session opened with {@link Flag#TRACK_MEMORY}. */
    public synchronized Memory memory() {
        MemorySegment session = open();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment baseline = call.allocate(JAVA_LONG);
            MemorySegment lowest = call.allocate(JAVA_LONG);
            MemorySegment held = call.allocate(JAVA_LONG);
            int status = call(() -> (int) bindings.f3d_splat_session_memory.invokeExact(session, baseline, lowest,
                    held));
            check(status, "f3d_splat_session_memory", "");
            return new Memory(baseline.get(JAVA_LONG, 0), lowest.get(JAVA_LONG, 0), held.get(JAVA_LONG, 0));
        }
    }

    /** Frees the session's device and host memory; a second call does nothing. */
    @Override
    public synchronized void close() {
        MemorySegment closing = handle;
        if (closing == null) {
            return;
        }
        handle = null; // cleared first: the native side frees the session even when it reports an error
        images.clear();
        try {
            int status = call(() -> (int) bindings.f3d_splat_session_destroy.invokeExact(closing));
            if (!failed) {
                check(status, "f3d_splat_session_destroy", "");
            }
        } finally {
            arena.close();
        }
    }

    // ---- helpers ----

    private void check(int status, String function, String context) {
        if (status != NativeStatus.F3D_OK.code()) {
            failed = true;
            runtime.check(status, function, context);
        }
    }

    private MemorySegment open() {
        HostMemoryChecks.checkOpen("splat session", handle);
        return handle;
    }

    /** Where a target array's image is cached on the device, and at what size it was uploaded. */
    private record CachedImage(int index, int width, int height) {
    }

    /**
     * The cached image of {@code target}, uploaded on first use, and again under its index when the
     * view gives the same array another size (the step refuses an image of another size than the view's).
     */
    private int imageIndex(MemorySegment session, float[] target, SplatView view) {
        int width = view.width();
        int height = view.height();
        CachedImage known = images.get(target);
        if (known != null && known.width() == width && known.height() == height) {
            return known.index();
        }
        int index = known != null ? known.index() : images.size();
        if (index >= MAX_IMAGES) {
            throw Forge3dException.invalidParam("training images", index + 1, "at most " + MAX_IMAGES);
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment rgb = toNative(call, target);
            int status = call(() -> (int) bindings.f3d_splat_session_upload_image.invokeExact(session, index, rgb,
                    width, height));
            check(status, "f3d_splat_session_upload_image", "image " + index + " at " + width + "x" + height
                    + ", " + count + " Gaussians");
        }
        images.put(target, new CachedImage(index, width, height));
        return index;
    }

    private void writeView(SplatView v) {
        view.setAtIndex(JAVA_FLOAT, 0, v.fx());
        view.setAtIndex(JAVA_FLOAT, 1, v.fy());
        view.setAtIndex(JAVA_FLOAT, 2, v.cx());
        view.setAtIndex(JAVA_FLOAT, 3, v.cy());
        MemorySegment.copy(v.worldToCamera(), 0, view, JAVA_FLOAT, 4L * Float.BYTES, 12);
        // The centre as the CPU twin computes it, so that both evaluate SH from the same point.
        MemorySegment.copy(v.cameraCentre(), 0, view, JAVA_FLOAT, 16L * Float.BYTES, 3);
    }

    private static void checkView(SplatView view) {
        if (view == null) {
            throw new Forge3dException(ErrorCode.INVALID_PARAM, "view is missing");
        }
        if (view.width() > MAX_IMAGE_SIDE || view.height() > MAX_IMAGE_SIDE) {
            throw Forge3dException.invalidParam("view size", view.width() + "x" + view.height(),
                    "at most " + MAX_IMAGE_SIDE + " per side");
        }
        if (!(view.fx() > 0) || !(view.fy() > 0) || !Float.isFinite(view.fx()) || !Float.isFinite(view.fy())
                || !Float.isFinite(view.cx()) || !Float.isFinite(view.cy())) {
            throw Forge3dException.invalidParam("view intrinsics", view.fx() + " " + view.fy() + " " + view.cx() + " "
                    + view.cy(), "finite, with focal lengths > 0");
        }
        requireFinite("view worldToCamera", view.worldToCamera());
        // The session is passed the centre too, and refuses a non-finite one: -R^T t of finite values
        // can still overflow float.
        requireFinite("view camera centre", view.cameraCentre());
    }

    private static void requireFinite(String name, float[] values) {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                throw Forge3dException.invalidParam(name, value, "finite values");
            }
        }
    }

    private static void checkImage(String name, float[] image, SplatView view) {
        long expected = 3L * view.width() * view.height();
        if (image == null || image.length != expected) {
            throw Forge3dException.invalidParam(name + " length", image == null ? null : image.length,
                    expected + " floats (3 x " + view.width() + " x " + view.height() + ")");
        }
    }

    private static MemorySegment toNative(Arena arena, float[] values) {
        MemorySegment segment = arena.allocate(JAVA_FLOAT, Math.max(1, values.length));
        MemorySegment.copy(values, 0, segment, JAVA_FLOAT, 0, values.length);
        return segment;
    }

    private static void copy(MemorySegment from, float[] to) {
        MemorySegment.copy(from, JAVA_FLOAT, 0, to, 0, to.length);
    }


}
