package dev.forge3d.cuda.internal;

import dev.forge3d.api.Forge3dException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.stream.Stream;

import static dev.forge3d.cuda.internal.NativeCalls.call;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Tile binning and the tile rasteriser on the GPU, through {@code f3d_splat_bin_tiles},
 * {@code f3d_splat_rasterise_forward} and {@code f3d_splat_rasterise_backward}: the kernels the
 * training session chains, exposed one at a time so that tests and benchmarks can set them against
 * their CPU twins (TileBinning and Rasteriser in engine-native). Every size is checked here before
 * the native call, which checks again. Each native call bins afresh and synchronizes its stream.
 */
public final class CudaTileRasteriser {
    /** Projection.TILE. */
    public static final int TILE = 16;
    /** ScreenGradients.STRIDE: d u, d v, d conic a, b, c, d opacity, d r, d g, d b. */
    public static final int SCREEN_GRADIENT_STRIDE = 9;
    /** The kernels index a Gaussian's screen gradients in int32. */
    public static final int MAX_GAUSSIANS = Integer.MAX_VALUE / SCREEN_GRADIENT_STRIDE;

    private final CudaRuntime runtime;
    private final int device;

    public CudaTileRasteriser(CudaRuntime runtime, int device) {
        CudaRuntime.checkDevice(device);
        this.runtime = runtime;
        this.device = device;
    }

    /** The twin's ProjectedGaussians arrays on the device. */
    public record ProjectedBuffers(DeviceBuffer mean2d, DeviceBuffer conic, DeviceBuffer depth, DeviceBuffer tileRect,
                                   DeviceBuffer tilesTouched, DeviceBuffer rgb, DeviceBuffer opacity) {
        /** The seven arrays, followed by {@code outputs} (what one rasteriser call touches). */
        private DeviceBuffer[] with(DeviceBuffer... outputs) {
            return Stream.concat(Stream.of(mean2d, conic, depth, tileRect, tilesTouched, rgb, opacity),
                    Stream.of(outputs)).toArray(DeviceBuffer[]::new);
        }
    }

    /** The twin's ProjectedGaussians arrays on the host, for {@code count} Gaussians (they may be longer). */
    public record ProjectedHost(int count, float[] mean2d, float[] conic, float[] depth, int[] tileRect,
                                int[] tilesTouched, float[] rgb, float[] opacity) {
        /**
         * @throws Forge3dException {@code invalid_param} when an array is missing or too short for
         *                          count, or a Gaussian that touches a tile has a depth that is not
         *                          finite and positive: binning orders entries by the depth's float
         *                          bits, which order like the depths only for positive floats, and
         *                          the twin (signed) and the kernel (unsigned) would order a negative
         *                          one differently. The projection culls every Gaussian in front of
         *                          its near plane, so its depths always are.
         */
        public ProjectedHost {
            if (count < 0) {
                throw Forge3dException.invalidParam("Gaussian count", count, ">= 0");
            }
            checkLength("mean2d", mean2d == null ? -1 : mean2d.length, 2L * count);
            checkLength("conic", conic == null ? -1 : conic.length, 3L * count);
            checkLength("depth", depth == null ? -1 : depth.length, count);
            checkLength("tileRect", tileRect == null ? -1 : tileRect.length, 4L * count);
            checkLength("tilesTouched", tilesTouched == null ? -1 : tilesTouched.length, count);
            checkLength("rgb", rgb == null ? -1 : rgb.length, 3L * count);
            checkLength("opacity", opacity == null ? -1 : opacity.length, count);
            for (int g = 0; g < count; g++) {
                if (tilesTouched[g] != 0 && !(depth[g] > 0 && depth[g] < Float.POSITIVE_INFINITY)) {
                    throw Forge3dException.invalidParam("depth of Gaussian " + g, depth[g],
                            "finite and > 0 where it touches a tile");
                }
            }
        }
    }

    /**
     * Binning's result: per sorted entry its key ({@code tile << 32 | depth bits}) and its Gaussian,
     * per tile (row-major) its start and end entry.
     */
    public record TileBins(long[] sortedKeys, int[] entryGaussian, int[] tileRanges) {
    }

    /** The forward pass's outputs: planar RGB image, per-pixel final transmittance and contributor count. */
    public record ForwardResult(float[] image, float[] finalT, int[] contributors) {
    }

    // ---- device buffers ----

    /** The number of (Gaussian, tile) entries binning will produce. Synchronizes the stream. */
    public long countEntries(CudaStream stream, ProjectedBuffers projected, int count, int width, int height) {
        checkImage(count, width, height);
        MemorySegment queue = checkBinningInputs(stream, projected, count);
        return bin(queue, projected, count, width, height, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL);
    }

    /**
     * Bins into the three output buffers and returns the entry count. tileRanges is checked here; the
     * two entry-sized buffers are checked by the native side once it knows the count (ask
     * {@link #countEntries} first to size them). Synchronizes the stream.
     */
    public long binTiles(CudaStream stream, ProjectedBuffers projected, int count, int width, int height,
                         DeviceBuffer sortedKeys, DeviceBuffer entryGaussian, DeviceBuffer tileRanges) {
        checkImage(count, width, height);
        MemorySegment queue = checkBinningInputs(stream, projected, count);
        checkHolds("tileRanges", tileRanges, stream, 2 * tileCount(width, height), Integer.BYTES);
        checkOpenOnDevice("sortedKeys", sortedKeys, stream);
        checkOpenOnDevice("entryGaussian", entryGaussian, stream);
        KernelCalls.checkDistinct(projected.depth(), projected.tileRect(), projected.tilesTouched(), sortedKeys,
                entryGaussian, tileRanges);
        return bin(queue, projected, count, width, height, sortedKeys.handle(), entryGaussian.handle(),
                tileRanges.handle());
    }

    /** Renders into image (3 planes), finalT and contributors. Synchronizes the stream. */
    public void forward(CudaStream stream, ProjectedBuffers projected, int count, int width, int height,
                        float[] background, DeviceBuffer image, DeviceBuffer finalT, DeviceBuffer contributors) {
        checkImage(count, width, height);
        checkBackground(background);
        MemorySegment queue = checkProjected(stream, projected, count);
        long pixels = (long) width * height;
        checkHolds("image", image, stream, 3 * pixels, Float.BYTES);
        checkHolds("finalT", finalT, stream, pixels, Float.BYTES);
        checkHolds("contributors", contributors, stream, pixels, Integer.BYTES);
        KernelCalls.checkDistinct(projected.with(image, finalT, contributors));
        int status = call(() -> (int) runtime.bindings().f3d_splat_rasterise_forward.invokeExact(queue,
                projected.mean2d().handle(), projected.conic().handle(), projected.depth().handle(),
                projected.tileRect().handle(), projected.tilesTouched().handle(), projected.rgb().handle(),
                projected.opacity().handle(), count, width, height, background[0], background[1], background[2],
                image.handle(), finalT.handle(), contributors.handle()));
        runtime.check(status, "f3d_splat_rasterise_forward", describe(count, width, height));
    }

    /** Overwrites screenGradients (9 floats per Gaussian). Synchronizes the stream. */
    public void backward(CudaStream stream, ProjectedBuffers projected, int count, int width, int height,
                         float[] background, DeviceBuffer imageGradient, DeviceBuffer finalT, DeviceBuffer contributors,
                         DeviceBuffer screenGradients) {
        checkImage(count, width, height);
        checkBackground(background);
        MemorySegment queue = checkProjected(stream, projected, count);
        long pixels = (long) width * height;
        checkHolds("imageGradient", imageGradient, stream, 3 * pixels, Float.BYTES);
        checkHolds("finalT", finalT, stream, pixels, Float.BYTES);
        checkHolds("contributors", contributors, stream, pixels, Integer.BYTES);
        checkHolds("screenGradients", screenGradients, stream, (long) SCREEN_GRADIENT_STRIDE * count, Float.BYTES);
        KernelCalls.checkDistinct(projected.with(imageGradient, finalT, contributors, screenGradients));
        int status = call(() -> (int) runtime.bindings().f3d_splat_rasterise_backward.invokeExact(queue,
                projected.mean2d().handle(), projected.conic().handle(), projected.depth().handle(),
                projected.tileRect().handle(), projected.tilesTouched().handle(), projected.rgb().handle(),
                projected.opacity().handle(), count, width, height, background[0], background[1], background[2],
                imageGradient.handle(), finalT.handle(), contributors.handle(), screenGradients.handle()));
        runtime.check(status, "f3d_splat_rasterise_backward", describe(count, width, height));
    }

    // ---- host arrays: upload, run, download (the twin tests and the benchmarks) ----

    public TileBins binTiles(ProjectedHost projected, int width, int height) {
        checkPresent("projected", projected);
        checkImage(projected.count(), width, height);
        try (Arena host = Arena.ofConfined();
             CudaStream stream = CudaStream.create(runtime, device);
             UploadedProjected uploaded = upload(host, stream, projected)) {
            long entries = countEntries(stream, uploaded.buffers(), projected.count(), width, height);
            int tiles = (int) tileCount(width, height);
            try (DeviceBuffer keys = allocate(entries * Long.BYTES);
                 DeviceBuffer gaussians = allocate(entries * Integer.BYTES);
                 DeviceBuffer ranges = allocate(2L * tiles * Integer.BYTES)) {
                long binned = binTiles(stream, uploaded.buffers(), projected.count(), width, height, keys, gaussians,
                        ranges);
                if (binned != entries) {
                    throw new IllegalStateException("binning counted " + entries + " entries, then made " + binned);
                }
                int n = (int) entries;
                MemorySegment hostKeys = host.allocate(JAVA_LONG, n);
                MemorySegment hostGaussians = host.allocate(JAVA_INT, n);
                MemorySegment hostRanges = host.allocate(JAVA_INT, 2L * tiles);
                if (n > 0) {
                    keys.download(stream, 0, hostKeys);
                    gaussians.download(stream, 0, hostGaussians);
                }
                ranges.download(stream, 0, hostRanges);
                stream.synchronize();
                return new TileBins(hostKeys.toArray(JAVA_LONG), hostGaussians.toArray(JAVA_INT),
                        hostRanges.toArray(JAVA_INT));
            }
        }
    }

    public ForwardResult forward(ProjectedHost projected, int width, int height, float[] background) {
        checkPresent("projected", projected);
        checkImage(projected.count(), width, height);
        checkBackground(background);
        long pixels = (long) width * height;
        try (Arena host = Arena.ofConfined();
             CudaStream stream = CudaStream.create(runtime, device);
             UploadedProjected uploaded = upload(host, stream, projected);
             DeviceBuffer image = allocate(3 * pixels * Float.BYTES);
             DeviceBuffer finalT = allocate(pixels * Float.BYTES);
             DeviceBuffer contributors = allocate(pixels * Integer.BYTES)) {
            forward(stream, uploaded.buffers(), projected.count(), width, height, background, image, finalT,
                    contributors);
            MemorySegment hostImage = host.allocate(JAVA_FLOAT, 3 * pixels);
            MemorySegment hostFinalT = host.allocate(JAVA_FLOAT, pixels);
            MemorySegment hostContributors = host.allocate(JAVA_INT, pixels);
            image.download(stream, 0, hostImage);
            finalT.download(stream, 0, hostFinalT);
            contributors.download(stream, 0, hostContributors);
            stream.synchronize();
            return new ForwardResult(hostImage.toArray(JAVA_FLOAT), hostFinalT.toArray(JAVA_FLOAT),
                    hostContributors.toArray(JAVA_INT));
        }
    }

    /** The screen gradients, 9 floats per Gaussian. */
    public float[] backward(ProjectedHost projected, int width, int height, float[] background, float[] imageGradient,
                            float[] finalT, int[] contributors) {
        checkPresent("projected", projected);
        checkImage(projected.count(), width, height);
        checkBackground(background);
        long pixels = (long) width * height;
        checkLength("imageGradient", imageGradient == null ? -1 : imageGradient.length, 3 * pixels);
        checkLength("finalT", finalT == null ? -1 : finalT.length, pixels);
        checkLength("contributors", contributors == null ? -1 : contributors.length, pixels);
        int count = projected.count();
        try (Arena host = Arena.ofConfined();
             CudaStream stream = CudaStream.create(runtime, device);
             UploadedProjected uploaded = upload(host, stream, projected);
             DeviceBuffer deviceImageGradient = uploadFloats(host, stream, imageGradient, 3 * pixels);
             DeviceBuffer deviceFinalT = uploadFloats(host, stream, finalT, pixels);
             DeviceBuffer deviceContributors = uploadInts(host, stream, contributors, pixels);
             DeviceBuffer screenGradients = allocate((long) SCREEN_GRADIENT_STRIDE * count * Float.BYTES)) {
            backward(stream, uploaded.buffers(), count, width, height, background, deviceImageGradient, deviceFinalT,
                    deviceContributors, screenGradients);
            MemorySegment hostGradients = host.allocate(JAVA_FLOAT, (long) SCREEN_GRADIENT_STRIDE * count);
            if (count > 0) {
                screenGradients.download(stream, 0, hostGradients);
            }
            stream.synchronize();
            return hostGradients.toArray(JAVA_FLOAT);
        }
    }

    // ---- checks ----

    static long tileCount(int width, int height) {
        return (long) ((width + TILE - 1) / TILE) * ((height + TILE - 1) / TILE);
    }

    private static void checkImage(int count, int width, int height) {
        if (count < 0 || count > MAX_GAUSSIANS) {
            throw Forge3dException.invalidParam("Gaussian count", count, "0 to " + MAX_GAUSSIANS);
        }
        if (width < 1 || height < 1 || 3L * width * height > Integer.MAX_VALUE) {
            throw Forge3dException.invalidParam("image size", width + " x " + height,
                    "1 to " + Integer.MAX_VALUE / 3 + " pixels");
        }
    }

    private static void checkBackground(float[] background) {
        if (background == null || background.length != 3) {
            throw Forge3dException.invalidParam("background", background == null ? null : background.length + " floats",
                    "3 floats (RGB)");
        }
    }

    private static void checkPresent(String name, Object value) {
        if (value == null) {
            throw Forge3dException.invalidParam(name, null, "present");
        }
    }

    private static void checkLength(String name, long length, long needed) {
        if (length < needed) {
            throw Forge3dException.invalidParam(name + " length", length < 0 ? null : length, ">= " + needed);
        }
    }

    private static void checkOpenOnDevice(String name, DeviceBuffer buffer, CudaStream stream) {
        if (buffer == null) {
            throw Forge3dException.invalidParam(name, null, "an open device buffer");
        }
        buffer.handle(); // fails once closed
        buffer.sameDevice(stream);
    }

    private static void checkHolds(String name, DeviceBuffer buffer, CudaStream stream, long elements,
                                   int elementBytes) {
        checkOpenOnDevice(name, buffer, stream);
        if (buffer.sizeBytes() / elementBytes < elements) {
            throw Forge3dException.invalidParam(name + " buffer size", buffer.sizeBytes() + " bytes",
                    ">= " + elements + " elements of " + elementBytes + " bytes");
        }
    }

    /** The stream's handle, after checking what binning reads. */
    private static MemorySegment checkBinningInputs(CudaStream stream, ProjectedBuffers projected, int count) {
        checkPresent("projected", projected);
        checkPresent("stream", stream);
        checkHolds("depth", projected.depth(), stream, count, Float.BYTES);
        checkHolds("tileRect", projected.tileRect(), stream, 4L * count, Integer.BYTES);
        checkHolds("tilesTouched", projected.tilesTouched(), stream, count, Integer.BYTES);
        return stream.handle();
    }

    private static MemorySegment checkProjected(CudaStream stream, ProjectedBuffers projected, int count) {
        MemorySegment queue = checkBinningInputs(stream, projected, count);
        checkHolds("mean2d", projected.mean2d(), stream, 2L * count, Float.BYTES);
        checkHolds("conic", projected.conic(), stream, 3L * count, Float.BYTES);
        checkHolds("rgb", projected.rgb(), stream, 3L * count, Float.BYTES);
        checkHolds("opacity", projected.opacity(), stream, count, Float.BYTES);
        return queue;
    }

    private static String describe(int count, int width, int height) {
        return count + " Gaussians on a " + width + " x " + height + " image";
    }

    // ---- native plumbing ----

    private long bin(MemorySegment queue, ProjectedBuffers projected, int count, int width, int height,
                     MemorySegment sortedKeys, MemorySegment entryGaussian, MemorySegment tileRanges) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment entries = arena.allocate(JAVA_LONG);
            int status = call(() -> (int) runtime.bindings().f3d_splat_bin_tiles.invokeExact(queue,
                    projected.depth().handle(), projected.tileRect().handle(), projected.tilesTouched().handle(),
                    count, width, height, sortedKeys, entryGaussian, tileRanges, entries));
            runtime.check(status, "f3d_splat_bin_tiles", describe(count, width, height));
            return entries.get(JAVA_LONG, 0);
        }
    }



    /** Device buffers need at least one byte: empty arrays get a one-byte buffer nothing reads. */
    private DeviceBuffer allocate(long bytes) {
        return DeviceBuffer.allocate(runtime, device, Math.max(1, bytes));
    }

    private DeviceBuffer uploadFloats(Arena host, CudaStream stream, float[] values, long length) {
        DeviceBuffer buffer = allocate(length * Float.BYTES);
        try {
            if (length > 0) {
                MemorySegment segment = host.allocate(JAVA_FLOAT, length);
                MemorySegment.copy(values, 0, segment, JAVA_FLOAT, 0, (int) length);
                buffer.upload(stream, segment, 0);
            }
            return buffer;
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
    }

    private DeviceBuffer uploadInts(Arena host, CudaStream stream, int[] values, long length) {
        DeviceBuffer buffer = allocate(length * Integer.BYTES);
        try {
            if (length > 0) {
                MemorySegment segment = host.allocate(JAVA_INT, length);
                MemorySegment.copy(values, 0, segment, JAVA_INT, 0, (int) length);
                buffer.upload(stream, segment, 0);
            }
            return buffer;
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
    }

    /** The seven uploaded arrays, freed together. */
    private record UploadedProjected(ProjectedBuffers buffers) implements AutoCloseable {
        /** Every buffer is freed even when one fails; the first failure is thrown, the rest suppressed. */
        @Override
        public void close() {
            DeviceBufferGroup.close(Stream.of(buffers.with()).filter(Objects::nonNull).toList());
        }
    }

    private UploadedProjected upload(Arena host, CudaStream stream, ProjectedHost p) {
        int n = p.count();
        DeviceBuffer[] made = new DeviceBuffer[7];
        try {
            made[0] = uploadFloats(host, stream, p.mean2d(), 2L * n);
            made[1] = uploadFloats(host, stream, p.conic(), 3L * n);
            made[2] = uploadFloats(host, stream, p.depth(), n);
            made[3] = uploadInts(host, stream, p.tileRect(), 4L * n);
            made[4] = uploadInts(host, stream, p.tilesTouched(), n);
            made[5] = uploadFloats(host, stream, p.rgb(), 3L * n);
            made[6] = uploadFloats(host, stream, p.opacity(), n);
        } catch (RuntimeException e) {
            for (DeviceBuffer buffer : made) {
                if (buffer != null) {
                    buffer.close();
                }
            }
            throw e;
        }
        return new UploadedProjected(new ProjectedBuffers(made[0], made[1], made[2], made[3], made[4], made[5],
                made[6]));
    }
}
