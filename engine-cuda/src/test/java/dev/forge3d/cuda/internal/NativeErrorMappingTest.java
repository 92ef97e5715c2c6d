package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.cuda.NativeCudaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A non-OK status becomes a typed exception carrying the native message (through a fake library). */
class NativeErrorMappingTest {
    private final FakeCudaLibrary fake = new FakeCudaLibrary();
    private final CudaRuntime runtime = fake.runtime();

    @AfterEach
    void tearDown() {
        fake.close();
        assertEquals(List.of(), fake.handlerErrors());
    }

    @Test
    void outOfMemoryNamesTheBytesAskedFor() {
        fake.fail("f3d_buffer_alloc", NativeStatus.F3D_ERROR_OUT_OF_MEMORY,
                "cudaMalloc of 1099511627776 bytes on device 0: out of memory (cudaErrorMemoryAllocation)");
        NativeCudaException error = assertThrows(NativeCudaException.class,
                () -> DeviceBuffer.allocate(runtime, 0, 1L << 40));
        assertEquals(ErrorCode.OUT_OF_MEMORY, error.code());
        assertEquals("f3d_buffer_alloc", error.function());
        assertEquals(NativeStatus.F3D_ERROR_OUT_OF_MEMORY.code(), error.nativeStatus());
        assertTrue(error.getMessage().contains("asked for 1099511627776 bytes on device 0"), error.getMessage());
        assertTrue(error.getMessage().contains("out of memory (cudaErrorMemoryAllocation)"), error.getMessage());
        assertEquals(1, fake.count("f3d_last_error"), "the message is read once, right after the failure");
    }

    @Test
    void missingDriverMeansTheBackendIsUnavailable() {
        fake.fail("f3d_device_count", NativeStatus.F3D_ERROR_NO_DEVICE,
                "no CUDA driver: libcuda.so.1: cannot open shared object file");
        NativeCudaException error = assertThrows(NativeCudaException.class, runtime::deviceCount);
        assertEquals(ErrorCode.BACKEND_UNAVAILABLE, error.code());
        assertEquals("no CUDA driver: libcuda.so.1: cannot open shared object file", error.nativeMessage());
    }

    @Test
    void otherFailuresAreInternalErrorsWithTheNativeMessage() {
        fake.fail("f3d_stream_synchronize", NativeStatus.F3D_ERROR_CUDA,
                "cudaStreamSynchronize(device 0): an illegal memory access was encountered");
        fake.fail("f3d_copy_host_to_device", NativeStatus.F3D_ERROR_INVALID_ARGUMENT,
                "f3d_copy_host_to_device: range at offset 0 of 8 bytes is outside the 4-byte buffer");
        try (CudaStream stream = CudaStream.create(runtime, 0);
             DeviceBuffer buffer = DeviceBuffer.allocate(runtime, 0, 8);
             java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            NativeCudaException failed = assertThrows(NativeCudaException.class, stream::synchronize);
            assertEquals(ErrorCode.INTERNAL_ERROR, failed.code());
            assertTrue(failed.getMessage().contains("an illegal memory access"), failed.getMessage());
            // Java's own check passed but the library's fired: that is a bug here, not bad input.
            NativeCudaException rejected = assertThrows(NativeCudaException.class,
                    () -> buffer.upload(stream, arena.allocate(8), 0));
            assertEquals(ErrorCode.INTERNAL_ERROR, rejected.code());
            assertTrue(rejected.nativeMessage().endsWith("outside the 4-byte buffer"), rejected.nativeMessage());
        }
    }

    @Test
    void anUnknownStatusIsStillAnError() {
        fake.fail("f3d_driver_version", 99, "");
        NativeCudaException error = assertThrows(NativeCudaException.class, runtime::driverVersion);
        assertEquals(ErrorCode.INTERNAL_ERROR, error.code());
        assertEquals(99, error.nativeStatus());
        assertTrue(error.getMessage().endsWith("failed with status 99: no message"), error.getMessage());
    }

    @Test
    void successReadsTheOutParameters() {
        assertEquals(13000, runtime.runtimeVersion());
        assertEquals("Fake GPU", runtime.deviceName(0));
        assertEquals(new CudaRuntime.DeviceMemory(8L << 30, 6L << 30), runtime.deviceMemory(0));
        assertEquals("8.6", runtime.computeCapability(0).toString());
        assertEquals(0, fake.count("f3d_last_error"), "no failure, no message to read");
    }
}
