package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.cuda.NativeCudaException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static dev.forge3d.cuda.internal.NativeCalls.call;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Typed calls into the native library: each method makes one call through {@link ForgeCudaBindings}
 * and turns a non-OK status into a {@link NativeCudaException} carrying the native message. Argument
 * checks that guard memory live in {@link DeviceBuffer}, {@link CudaStream} and {@link CudaAdam},
 * which are the only callers of the handle-taking methods here.
 */
public final class CudaRuntime {
    /** Large enough for any message: the native side keeps at most 1023 bytes. */
    private static final int MESSAGE_CAPACITY = 1024;
    private static final int NAME_CAPACITY = 256;

    private final ForgeCudaBindings bindings;

    public CudaRuntime(ForgeCudaBindings bindings) {
        this.bindings = bindings;
    }

    public ForgeCudaBindings bindings() {
        return bindings;
    }

    public record DeviceMemory(long totalBytes, long freeBytes) {
    }

    public record ComputeCapability(int major, int minor) {
        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    public int abiVersion() {
        return readInt("f3d_abi_version", out -> (int) bindings.f3d_abi_version.invokeExact(out));
    }

    /** CUDA's encoding: 1000 * major + 10 * minor. */
    public int runtimeVersion() {
        return readInt("f3d_runtime_version", out -> (int) bindings.f3d_runtime_version.invokeExact(out));
    }

    public int driverVersion() {
        return readInt("f3d_driver_version", out -> (int) bindings.f3d_driver_version.invokeExact(out));
    }

    /** @throws NativeCudaException {@code backend_unavailable} with the reason when there is no usable driver */
    public int deviceCount() {
        return readInt("f3d_device_count", out -> (int) bindings.f3d_device_count.invokeExact(out));
    }

    public String deviceName(int device) {
        checkDevice(device);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(NAME_CAPACITY);
            int status = call(() -> (int) bindings.f3d_device_name.invokeExact(device, name, (long) NAME_CAPACITY));
            check(status, "f3d_device_name", "device " + device);
            return name.getString(0, StandardCharsets.UTF_8);
        }
    }

    public DeviceMemory deviceMemory(int device) {
        checkDevice(device);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment total = arena.allocate(JAVA_LONG);
            MemorySegment free = arena.allocate(JAVA_LONG);
            int status = call(() -> (int) bindings.f3d_device_memory.invokeExact(device, total, free));
            check(status, "f3d_device_memory", "device " + device);
            return new DeviceMemory(total.get(JAVA_LONG, 0), free.get(JAVA_LONG, 0));
        }
    }

    public ComputeCapability computeCapability(int device) {
        checkDevice(device);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment major = arena.allocate(JAVA_INT);
            MemorySegment minor = arena.allocate(JAVA_INT);
            int status = call(() -> (int) bindings.f3d_device_compute_capability.invokeExact(device, major, minor));
            check(status, "f3d_device_compute_capability", "device " + device);
            return new ComputeCapability(major.get(JAVA_INT, 0), minor.get(JAVA_INT, 0));
        }
    }

    /** The thread's last native error message; "" when there is none. */
    public String lastError() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment message = arena.allocate(MESSAGE_CAPACITY);
            int status = call(() -> (int) bindings.f3d_last_error.invokeExact(message, (long) MESSAGE_CAPACITY));
            return status == NativeStatus.F3D_OK.code() ? message.getString(0, StandardCharsets.UTF_8) : "";
        }
    }

    /**
     * Throws when {@code status} is not {@code F3D_OK}. Must run on the thread that made the call,
     * with no other native call in between: the message is the native side's thread-local last error.
     *
     * @param context what Java was doing, for example "allocating 4096 bytes on device 0"; may be empty
     */
    public void check(int status, String function, String context) {
        if (status == NativeStatus.F3D_OK.code()) {
            return;
        }
        String message = lastError();
        NativeStatus known = NativeStatus.of(status);
        ErrorCode code = known == null ? ErrorCode.INTERNAL_ERROR : known.errorCode();
        throw new NativeCudaException(code, function, status, message, context);
    }

    /** @throws Forge3dException {@code invalid_param} for a negative device index */
    static void checkDevice(int device) {
        if (device < 0) {
            throw Forge3dException.invalidParam("device", device, ">= 0");
        }
    }

    // ---- handle-level calls, used by the wrappers that check their arguments ----

    MemorySegment createStream(int device) {
        return readAddress("f3d_stream_create", "device " + device,
                out -> (int) bindings.f3d_stream_create.invokeExact(device, out));
    }

    void destroyStream(MemorySegment stream) {
        check(call(() -> (int) bindings.f3d_stream_destroy.invokeExact(stream)), "f3d_stream_destroy", "");
    }

    void synchronize(MemorySegment stream) {
        check(call(() -> (int) bindings.f3d_stream_synchronize.invokeExact(stream)), "f3d_stream_synchronize", "");
    }

    MemorySegment allocateBuffer(int device, long sizeBytes) {
        return readAddress("f3d_buffer_alloc", "asked for " + sizeBytes + " bytes on device " + device,
                out -> (int) bindings.f3d_buffer_alloc.invokeExact(device, sizeBytes, out));
    }

    void freeBuffer(MemorySegment buffer) {
        check(call(() -> (int) bindings.f3d_buffer_free.invokeExact(buffer)), "f3d_buffer_free", "");
    }

    void copyHostToDevice(MemorySegment stream, MemorySegment destination, long offsetBytes, MemorySegment source) {
        long size = source.byteSize();
        int status = call(() -> (int) bindings.f3d_copy_host_to_device.invokeExact(
                stream, destination, offsetBytes, source, size));
        check(status, "f3d_copy_host_to_device", size + " bytes at offset " + offsetBytes);
    }

    void copyDeviceToHost(MemorySegment stream, MemorySegment destination, MemorySegment source, long offsetBytes) {
        long size = destination.byteSize();
        int status = call(() -> (int) bindings.f3d_copy_device_to_host.invokeExact(
                stream, destination, source, offsetBytes, size));
        check(status, "f3d_copy_device_to_host", size + " bytes at offset " + offsetBytes);
    }

    void adamUpdate(MemorySegment stream, MemorySegment params, MemorySegment grads, MemorySegment moment1,
                    MemorySegment moment2, long count, float learningRate, float beta1, float beta2, float epsilon,
                    float biasCorrection1, float biasCorrection2) {
        int status = call(() -> (int) bindings.f3d_adam_update.invokeExact(stream, params, grads, moment1, moment2,
                count, learningRate, beta1, beta2, epsilon, biasCorrection1, biasCorrection2));
        check(status, "f3d_adam_update", count + " floats");
    }

    void textureBake(MemorySegment stream, int size, MemorySegment covered, MemorySegment position,
                     MemorySegment normal, int viewCount, MemorySegment cameras, MemorySegment viewSizes,
                     MemorySegment viewRgb, MemorySegment viewMask, MemorySegment viewDepth, double depthTolerance,
                     int mirrorPlanes, MemorySegment outRgb, MemorySegment outSeen) {
        int status = call(() -> (int) bindings.f3d_texture_bake.invokeExact(stream, size, covered, position, normal,
                viewCount, cameras, viewSizes, viewRgb, viewMask, viewDepth, depthTolerance, mirrorPlanes,
                outRgb, outSeen));
        check(status, "f3d_texture_bake", size + " x " + size + " texels, " + viewCount + " views");
    }

    void volumeHullField(MemorySegment stream, int nx, int ny, int nz, double originX, double originY, double originZ,
                         double voxel, int viewCount, MemorySegment cameras, MemorySegment layout,
                         MemorySegment distances, MemorySegment field) {
        int status = call(() -> (int) bindings.f3d_volume_hull_field.invokeExact(stream, nx, ny, nz, originX, originY,
                originZ, voxel, viewCount, cameras, layout, distances, field));
        check(status, "f3d_volume_hull_field", nx + " x " + ny + " x " + nz + " samples, " + viewCount + " views");
    }

    /** Pass one of marching cubes; returns the vertex and triangle totals. */
    long[] marchingCubesCount(MemorySegment stream, MemorySegment field, int nx, int ny, int nz,
                              MemorySegment vertexStarts, MemorySegment triangleStarts) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment vertices = arena.allocate(JAVA_LONG);
            MemorySegment triangles = arena.allocate(JAVA_LONG);
            int status = call(() -> (int) bindings.f3d_marching_cubes_count.invokeExact(stream, field, nx, ny, nz,
                    vertexStarts, triangleStarts, vertices, triangles));
            check(status, "f3d_marching_cubes_count", nx + " x " + ny + " x " + nz + " samples");
            return new long[] {vertices.get(JAVA_LONG, 0), triangles.get(JAVA_LONG, 0)};
        }
    }

    /** Pass two of marching cubes. */
    void marchingCubesEmit(MemorySegment stream, MemorySegment field, int nx, int ny, int nz, double originX,
                           double originY, double originZ, double voxel, MemorySegment vertexStarts,
                           MemorySegment triangleStarts, long vertexCount, long triangleCount,
                           MemorySegment positions, MemorySegment indices) {
        int status = call(() -> (int) bindings.f3d_marching_cubes_emit.invokeExact(stream, field, nx, ny, nz, originX,
                originY, originZ, voxel, vertexStarts, triangleStarts, vertexCount, triangleCount, positions, indices));
        check(status, "f3d_marching_cubes_emit", vertexCount + " vertices, " + triangleCount + " triangles");
    }

    // ---- plumbing ----


    @FunctionalInterface
    private interface OutParamCall {
        int invoke(MemorySegment out) throws Throwable;
    }


    private int readInt(String function, OutParamCall call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check(call(() -> call.invoke(out)), function, "");
            return out.get(JAVA_INT, 0);
        }
    }

    private MemorySegment readAddress(String function, String context, OutParamCall call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check(call(() -> call.invoke(out)), function, context);
            return out.get(ADDRESS, 0);
        }
    }
}
