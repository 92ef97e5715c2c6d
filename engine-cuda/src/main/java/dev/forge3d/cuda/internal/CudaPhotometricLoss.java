package dev.forge3d.cuda.internal;

import dev.forge3d.api.Forge3dException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The loss kernels ({@code f3d_splat_loss}) for one image size: {@code 0.8 L1 + 0.2 (1 - SSIM)} of
 * a rendered image against its target (planar RGB) and the gradient with respect to the image,
 * the GPU twin of PhotometricLoss.lossAndGradient in engine-native. Owns its scratch and the
 * one-float loss buffer; closing frees both. Every argument is checked before the native call.
 */
public final class CudaPhotometricLoss implements AutoCloseable {
    /** The kernels' limit on width * height. */
    public static final long MAX_PIXELS = 1L << 26;

    private final CudaRuntime runtime;
    private final int width;
    private final int height;
    private final DeviceBuffer loss;
    private final DeviceBuffer scratch;

    private CudaPhotometricLoss(CudaRuntime runtime, int width, int height, DeviceBuffer loss, DeviceBuffer scratch) {
        this.runtime = runtime;
        this.width = width;
        this.height = height;
        this.loss = loss;
        this.scratch = scratch;
    }

    /**
     * @throws Forge3dException {@code invalid_param} for a size that is not positive or has more
     *                          than {@link #MAX_PIXELS} pixels; {@code out_of_memory} when the device
     *                          has no room for the scratch
     */
    public static CudaPhotometricLoss create(CudaRuntime runtime, int device, int width, int height) {
        checkSize(width, height);
        long scratchBytes = scratchBytes(runtime, width, height);
        DeviceBuffer loss = DeviceBuffer.allocate(runtime, device, Float.BYTES);
        try {
            return new CudaPhotometricLoss(runtime, width, height, loss,
                    DeviceBuffer.allocate(runtime, device, scratchBytes));
        } catch (RuntimeException e) {
            loss.close();
            throw e;
        }
    }

    static void checkSize(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
            throw Forge3dException.invalidParam("loss image size", width + "x" + height,
                    "positive, at most " + MAX_PIXELS + " pixels");
        }
    }

    private static long scratchBytes(CudaRuntime runtime, int width, int height) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(JAVA_LONG);
            int status = NativeCalls.call(
                    () -> (int) runtime.bindings().f3d_splat_loss_scratch_bytes.invokeExact(width, height, bytes));
            runtime.check(status, "f3d_splat_loss_scratch_bytes", width + "x" + height);
            return Math.max(1L, bytes.get(JAVA_LONG, 0));
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Where {@link #enqueue} writes the loss: one float. */
    public DeviceBuffer lossBuffer() {
        return loss;
    }

    /**
     * Enqueues the loss of {@code image} against {@code target} (3 * width * height floats each) and
     * writes dLoss/dimage into {@code imageGradient}; the loss lands in {@link #lossBuffer()}.
     */
    public void enqueue(CudaStream stream, DeviceBuffer image, DeviceBuffer target, DeviceBuffer imageGradient) {
        CudaProjection.checkPresent("stream", stream);
        CudaProjection.checkPresent("image", image);
        CudaProjection.checkPresent("target", target);
        CudaProjection.checkPresent("imageGradient", imageGradient);
        long bytes = 3L * width * height * Float.BYTES;
        checkHolds("image", image, bytes);
        checkHolds("target", target, bytes);
        checkHolds("imageGradient", imageGradient, bytes);
        MemorySegment queue = CudaProjection.checkBuffers(stream, List.of(image, target, imageGradient, loss, scratch));
        int status = NativeCalls.call(() -> (int) runtime.bindings().f3d_splat_loss.invokeExact(queue, image.handle(),
                target.handle(), width, height, imageGradient.handle(), loss.handle(), scratch.handle()));
        runtime.check(status, "f3d_splat_loss", width + "x" + height + " pixels");
    }

    /** Waits for the stream, then reads the loss of the last {@link #enqueue}. */
    public float readLoss(CudaStream stream) {
        float[] value = new float[1];
        HostArrayTransfers.download(stream, loss, value);
        return value[0];
    }

    private static void checkHolds(String name, DeviceBuffer buffer, long bytes) {
        if (buffer.sizeBytes() < bytes) {
            throw Forge3dException.invalidParam(name + " buffer size", buffer.sizeBytes() + " bytes",
                    ">= " + bytes + " bytes (3 floats per pixel)");
        }
    }

    @Override
    public void close() {
        DeviceBufferGroup.close(List.of(scratch, loss));
    }
}
