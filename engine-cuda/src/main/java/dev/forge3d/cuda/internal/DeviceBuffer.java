package dev.forge3d.cuda.internal;

import dev.forge3d.api.Forge3dException;

import java.lang.foreign.MemorySegment;

/**
 * Device memory of a fixed size on one device, freed by {@link #close()}. Every copy is checked
 * against the size in Java before the native call (which checks again). Not thread-safe: use one
 * from one thread at a time.
 */
public final class DeviceBuffer implements AutoCloseable {
    private final CudaRuntime runtime;
    private final int device;
    private final long sizeBytes;
    private MemorySegment handle;

    private DeviceBuffer(CudaRuntime runtime, int device, long sizeBytes, MemorySegment handle) {
        this.runtime = runtime;
        this.device = device;
        this.sizeBytes = sizeBytes;
        this.handle = handle;
    }

    /**
     * @throws Forge3dException {@code invalid_param} for a device below 0 or a size below 1;
     *                          {@code out_of_memory} naming the size when the device has no room
     */
    public static DeviceBuffer allocate(CudaRuntime runtime, int device, long sizeBytes) {
        CudaRuntime.checkDevice(device);
        if (sizeBytes < 1) {
            throw Forge3dException.invalidParam("device buffer size", sizeBytes, ">= 1 byte");
        }
        return new DeviceBuffer(runtime, device, sizeBytes, runtime.allocateBuffer(device, sizeBytes));
    }

    public int device() {
        return device;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /**
     * Enqueues a copy of all of {@code source} into this buffer at {@code offsetBytes}. The source must
     * stay alive until the stream is synchronized.
     */
    public void upload(CudaStream stream, MemorySegment source, long offsetBytes) {
        MemorySegment target = handle();
        HostMemoryChecks.checkHostSegment("upload source", source, false);
        HostMemoryChecks.checkRange("upload into device buffer", offsetBytes, source.byteSize(), sizeBytes);
        MemorySegment queue = sameDevice(stream);
        runtime.copyHostToDevice(queue, target, offsetBytes, source);
    }

    /**
     * Enqueues a copy from this buffer at {@code offsetBytes} filling all of {@code destination}. Read
     * the destination only after the stream is synchronized.
     */
    public void download(CudaStream stream, long offsetBytes, MemorySegment destination) {
        MemorySegment source = handle();
        HostMemoryChecks.checkHostSegment("download destination", destination, true);
        HostMemoryChecks.checkRange("download from device buffer", offsetBytes, destination.byteSize(), sizeBytes);
        MemorySegment queue = sameDevice(stream);
        runtime.copyDeviceToHost(queue, destination, source, offsetBytes);
    }

    /** The native handle; fails with {@code invalid_param} once closed. */
    MemorySegment handle() {
        HostMemoryChecks.checkOpen("device buffer", handle);
        return handle;
    }

    /** The stream's handle, after checking that it runs on this buffer's device. */
    MemorySegment sameDevice(CudaStream stream) {
        if (stream == null) {
            throw Forge3dException.invalidParam("stream", null, "an open stream");
        }
        if (stream.device() != device) {
            throw Forge3dException.invalidParam("stream device", stream.device(),
                    "the buffer's device " + device);
        }
        return stream.handle();
    }

    @Override
    public void close() {
        MemorySegment closing = handle;
        if (closing != null) {
            handle = null; // cleared first: the native side frees the handle even when it reports an error
            runtime.freeBuffer(closing);
        }
    }
}
