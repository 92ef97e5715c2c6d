package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.cuda.NativeCudaException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real library's own checks and error messages, through the raw handles (bypassing Java's
 * checks). Needs the built library but no GPU: every call here fails before touching the driver,
 * or is about the missing driver itself.
 */
class NativeLibraryErrorsTest {
    private static ForgeCudaBindings c;
    private static CudaRuntime runtime;

    @BeforeAll
    static void load() throws Exception {
        c = new ForgeCudaBindings(PackedLibrary.loadedOrSkip().symbols());
        runtime = new CudaRuntime(c);
    }

    @Test
    void reportsItsAbiAndRuntimeVersionsWithoutADriver() {
        assertEquals(ForgeCudaBindings.ABI_VERSION, runtime.abiVersion());
        int version = runtime.runtimeVersion();
        assertTrue(version >= 12000 && version % 10 == 0, "CUDA runtime version " + version);
    }

    @Test
    void nullOutPointerFailsWithAMessageNamingIt() throws Throwable {
        int status = (int) c.f3d_device_count.invokeExact(MemorySegment.NULL);
        assertEquals(NativeStatus.F3D_ERROR_INVALID_ARGUMENT.code(), status);
        assertEquals("f3d_device_count: count is null", runtime.lastError());
    }

    @Test
    void emptyAllocationIsRejectedBeforeTheDriverIsNeeded() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int status = (int) c.f3d_buffer_alloc.invokeExact(0, 0L, out);
            assertEquals(NativeStatus.F3D_ERROR_INVALID_ARGUMENT.code(), status);
            assertEquals("f3d_buffer_alloc: size 0 bytes < 1", runtime.lastError());
            assertEquals(MemorySegment.NULL, out.get(ADDRESS, 0), "no handle on failure");
        }
    }

    @Test
    void copiesAndKernelsRejectMissingHandles() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(16);
            int copy = (int) c.f3d_copy_host_to_device.invokeExact(MemorySegment.NULL, MemorySegment.NULL, 0L, host,
                    16L);
            assertEquals(NativeStatus.F3D_ERROR_INVALID_ARGUMENT.code(), copy);
            assertEquals("f3d_copy_host_to_device: stream is null", runtime.lastError());
            int kernel = (int) c.f3d_adam_update.invokeExact(MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL,
                    MemorySegment.NULL, MemorySegment.NULL, 4L, 0.1f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f);
            assertEquals(NativeStatus.F3D_ERROR_INVALID_ARGUMENT.code(), kernel);
            assertEquals("f3d_adam_update: stream is null", runtime.lastError());
        }
    }

    @Test
    void freeingNothingIsANoOp() throws Throwable {
        assertEquals(0, (int) c.f3d_buffer_free.invokeExact(MemorySegment.NULL));
        assertEquals(0, (int) c.f3d_stream_destroy.invokeExact(MemorySegment.NULL));
    }

    @Test
    void lastErrorIsTruncatedToTheCallersBuffer() throws Throwable {
        int failed = (int) c.f3d_device_count.invokeExact(MemorySegment.NULL);
        assertEquals(NativeStatus.F3D_ERROR_INVALID_ARGUMENT.code(), failed);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8);
            buffer.fill((byte) 'x');
            assertEquals(0, (int) c.f3d_last_error.invokeExact(buffer, 5L));
            assertEquals("f3d_", buffer.getString(0, StandardCharsets.UTF_8));
            assertEquals('x', (char) buffer.get(JAVA_BYTE, 5), "nothing past capacity");
            assertEquals(NativeStatus.F3D_ERROR_INVALID_ARGUMENT.code(),
                    (int) c.f3d_last_error.invokeExact(buffer, 0L));
        }
    }

    @Test
    void lastErrorBelongsToTheThreadThatFailed() throws Throwable {
        int failed = (int) c.f3d_device_count.invokeExact(MemorySegment.NULL);
        assertEquals(NativeStatus.F3D_ERROR_INVALID_ARGUMENT.code(), failed);
        AtomicReference<String> seenElsewhere = new AtomicReference<>();
        Thread other = Thread.ofPlatform().start(() -> seenElsewhere.set(runtime.lastError()));
        other.join();
        assertEquals("", seenElsewhere.get(), "a thread that made no failing call has no last error");
        assertEquals("f3d_device_count: count is null", runtime.lastError(), "and this thread's is intact");
    }

    @Test
    void withoutADriverTheDeviceQueryExplainsWhy() {
        assumeTrue(!DriverPresence.libcudaLoads(), "this machine has a CUDA driver");
        NativeCudaException error = assertThrows(NativeCudaException.class, runtime::deviceCount);
        assertEquals(ErrorCode.BACKEND_UNAVAILABLE, error.code());
        assertTrue(error.nativeMessage().startsWith("no CUDA driver: libcuda.so.1"), error.nativeMessage());
        NativeCudaException alloc = assertThrows(NativeCudaException.class, () -> DeviceBuffer.allocate(runtime, 0, 64));
        assertEquals(ErrorCode.BACKEND_UNAVAILABLE, alloc.code());
    }
}
