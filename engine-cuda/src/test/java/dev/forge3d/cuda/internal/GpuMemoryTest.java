package dev.forge3d.cuda.internal;

import dev.forge3d.api.BackendInfo;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.cuda.CudaBackend;
import dev.forge3d.cuda.NativeCudaException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device memory, copies and native errors on a real GPU. */
@Tag("gpu")
class GpuMemoryTest {

    @Test
    void copiesRoundTripWithOffsets() {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        int ints = 1 << 16;
        try (Arena arena = Arena.ofConfined();
             CudaStream stream = CudaStream.create(runtime, 0);
             DeviceBuffer buffer = DeviceBuffer.allocate(runtime, 0, ints * 4L)) {
            MemorySegment source = arena.allocate(JAVA_INT, ints);
            for (int i = 0; i < ints; i++) {
                source.setAtIndex(JAVA_INT, i, i * 31 + 7);
            }
            buffer.upload(stream, source, 0);
            MemorySegment whole = arena.allocate(JAVA_INT, ints);
            MemorySegment tail = arena.allocate(JAVA_INT, 100);
            buffer.download(stream, 0, whole);
            buffer.download(stream, (ints - 100) * 4L, tail);
            // Overwrite the middle from another host range, then read it back.
            MemorySegment patch = arena.allocate(JAVA_INT, 10);
            patch.fill((byte) 0x7F);
            buffer.upload(stream, patch, 1000 * 4L);
            MemorySegment patched = arena.allocate(JAVA_INT, 12);
            buffer.download(stream, 999 * 4L, patched);
            stream.synchronize();

            assertEquals(-1L, source.mismatch(whole), "whole buffer");
            assertEquals(-1L, source.asSlice((ints - 100) * 4L).mismatch(tail), "tail at an offset");
            assertEquals(999 * 31 + 7, patched.getAtIndex(JAVA_INT, 0));
            for (int i = 1; i <= 10; i++) {
                assertEquals(0x7F7F7F7F, patched.getAtIndex(JAVA_INT, i));
            }
            assertEquals(1010 * 31 + 7, patched.getAtIndex(JAVA_INT, 11));
        }
    }

    @Test
    void hugeAllocationIsOutOfMemoryNamingTheSize() {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        long petabyte = 1L << 50;
        NativeCudaException error = assertThrows(NativeCudaException.class,
                () -> DeviceBuffer.allocate(runtime, 0, petabyte));
        assertEquals(ErrorCode.OUT_OF_MEMORY, error.code(), error.getMessage());
        assertTrue(error.getMessage().contains(Long.toString(petabyte)), error.getMessage());
        assertTrue(error.nativeMessage().contains("cudaErrorMemoryAllocation"), error.nativeMessage());
        // Out of memory is not sticky: the device still works.
        try (DeviceBuffer small = DeviceBuffer.allocate(runtime, 0, 1024)) {
            assertEquals(1024, small.sizeBytes());
        }
    }

    @Test
    void nativeBoundsCheckCarriesItsMessage() throws Throwable {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        ForgeCudaBindings c = runtime.bindings();
        try (Arena arena = Arena.ofConfined();
             CudaStream stream = CudaStream.create(runtime, 0);
             DeviceBuffer buffer = DeviceBuffer.allocate(runtime, 0, 16)) {
            MemorySegment host = arena.allocate(32);
            // Past Java's checks on purpose: the library must refuse on its own.
            int status = (int) c.f3d_copy_host_to_device.invokeExact(stream.handle(), buffer.handle(), 8L, host, 16L);
            NativeCudaException error = assertThrows(NativeCudaException.class,
                    () -> runtime.check(status, "f3d_copy_host_to_device", ""));
            assertEquals(NativeStatus.F3D_ERROR_INVALID_ARGUMENT.code(), error.nativeStatus());
            assertEquals("f3d_copy_host_to_device: range at offset 8 of 16 bytes is outside the 16-byte buffer",
                    error.nativeMessage());
        }
    }

    @Test
    void backendDescribesTheDevice() {
        GpuTestSupport.runtimeOrSkip();
        BackendInfo info = new CudaBackend().info();
        assertTrue(info.available(), info.reason());
        assertEquals("", info.reason());
        assertFalse(info.deviceName().isBlank());
        assertTrue(info.totalMemoryBytes() > 0 && info.freeMemoryBytes() <= info.totalMemoryBytes());
        assertTrue(info.details().get("compute_capability").matches("\\d+\\.\\d+"), info.details().toString());
        assertTrue(info.details().get("cuda_driver").matches("\\d+\\.\\d+"), info.details().toString());
        assertTrue(info.details().get("cuda_runtime").matches("\\d+\\.\\d+"), info.details().toString());
    }
}
