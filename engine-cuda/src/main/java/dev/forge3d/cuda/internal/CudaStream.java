package dev.forge3d.cuda.internal;

import java.lang.foreign.MemorySegment;

/**
 * A CUDA stream on one device. Copies and kernels enqueued on it run in order, asynchronously to
 * the host; {@link #synchronize()} waits for them. Closing waits for pending work, then destroys
 * the stream. Not thread-safe: use one from one thread at a time.
 */
public final class CudaStream implements AutoCloseable {
    private final CudaRuntime runtime;
    private final int device;
    private MemorySegment handle;

    private CudaStream(CudaRuntime runtime, int device, MemorySegment handle) {
        this.runtime = runtime;
        this.device = device;
        this.handle = handle;
    }

    public static CudaStream create(CudaRuntime runtime, int device) {
        CudaRuntime.checkDevice(device);
        return new CudaStream(runtime, device, runtime.createStream(device));
    }

    public int device() {
        return device;
    }

    /** Blocks until the stream's work is done; throws if any of it failed. */
    public void synchronize() {
        runtime.synchronize(handle());
    }

    /** The native handle; fails with {@code invalid_param} once closed. */
    MemorySegment handle() {
        HostMemoryChecks.checkOpen("stream", handle);
        return handle;
    }

    @Override
    public void close() {
        MemorySegment closing = handle;
        if (closing != null) {
            handle = null; // cleared first: the native side frees the handle even when it reports an error
            runtime.destroyStream(closing);
        }
    }
}
