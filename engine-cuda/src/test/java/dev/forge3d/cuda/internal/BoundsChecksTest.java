package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.AdamHyperParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Java checks every length, offset and handle before a native call: bad input is an
 * {@code invalid_param} error and the (fake) library never sees the call. Runs without a GPU.
 */
class BoundsChecksTest {
    private static final AdamHyperParams HYPER = AdamHyperParams.withLearningRate(0.01f);

    private FakeCudaLibrary fake;
    private CudaRuntime runtime;
    private Arena arena;
    private CudaStream stream;
    private DeviceBuffer buffer;

    @BeforeEach
    void setUp() {
        fake = new FakeCudaLibrary();
        runtime = fake.runtime();
        arena = Arena.ofConfined();
        stream = CudaStream.create(runtime, 0);
        buffer = DeviceBuffer.allocate(runtime, 0, 64);
    }

    @AfterEach
    void tearDown() {
        arena.close();
        fake.close();
        assertEquals(List.of(), fake.handlerErrors());
    }

    @Test
    void inBoundsCopiesReachTheLibrary() {
        // The control for every rejection below: the same calls with good arguments do get through.
        buffer.upload(stream, arena.allocate(16), 48);
        buffer.download(stream, 0, arena.allocate(64));
        buffer.upload(stream, arena.allocate(0), 64);
        assertEquals(2, fake.count("f3d_copy_host_to_device"));
        assertEquals(1, fake.count("f3d_copy_device_to_host"));
    }

    @Test
    void uploadRejectsRangesOutsideTheBuffer() {
        assertRejectedBeforeNative(() -> buffer.upload(stream, arena.allocate(16), -1));
        assertRejectedBeforeNative(() -> buffer.upload(stream, arena.allocate(16), 49));
        assertRejectedBeforeNative(() -> buffer.upload(stream, arena.allocate(65), 0));
        assertRejectedBeforeNative(() -> buffer.upload(stream, arena.allocate(1), 65));
        // offset + length overflows a long: a naive "offset + length > size" check would pass it
        assertRejectedBeforeNative(() -> buffer.upload(stream, arena.allocate(16), Long.MAX_VALUE - 8));
    }

    @Test
    void downloadRejectsRangesOutsideTheBuffer() {
        assertRejectedBeforeNative(() -> buffer.download(stream, -4, arena.allocate(4)));
        assertRejectedBeforeNative(() -> buffer.download(stream, 61, arena.allocate(4)));
        assertRejectedBeforeNative(() -> buffer.download(stream, Long.MAX_VALUE, arena.allocate(4)));
    }

    @Test
    void copiesRejectHostMemoryTheyCannotUseAsynchronously() {
        assertRejectedBeforeNative(() -> buffer.upload(stream, MemorySegment.ofArray(new float[4]), 0));
        assertRejectedBeforeNative(() -> buffer.upload(stream, null, 0));
        assertRejectedBeforeNative(() -> buffer.download(stream, 0, arena.allocate(8).asReadOnly()));
        MemorySegment freed;
        try (Arena closed = Arena.ofConfined()) {
            freed = closed.allocate(8);
        }
        MemorySegment dangling = freed;
        assertRejectedBeforeNative(() -> buffer.download(stream, 0, dangling));
    }

    @Test
    void closedHandlesAreRejected() {
        buffer.close();
        assertRejectedBeforeNative(() -> buffer.upload(stream, arena.allocate(4), 0));
        DeviceBuffer open = DeviceBuffer.allocate(runtime, 0, 64);
        stream.close();
        assertRejectedBeforeNative(() -> open.download(stream, 0, arena.allocate(4)));
        assertRejectedBeforeNative(stream::synchronize);
        open.close();
        open.close(); // closing twice frees once
        assertEquals(2, fake.count("f3d_buffer_free"));
    }

    @Test
    void streamsOnAnotherDeviceAreRejected() {
        CudaStream other = CudaStream.create(runtime, 1);
        assertRejectedBeforeNative(() -> buffer.upload(other, arena.allocate(4), 0));
        assertRejectedBeforeNative(() -> buffer.upload(null, arena.allocate(4), 0));
    }

    @Test
    void badSizesAndDeviceIndicesAreRejected() {
        int before = fake.count("f3d_buffer_alloc");
        assertInvalid(() -> DeviceBuffer.allocate(runtime, 0, 0));
        assertInvalid(() -> DeviceBuffer.allocate(runtime, 0, -8));
        assertInvalid(() -> DeviceBuffer.allocate(runtime, -1, 8));
        assertInvalid(() -> CudaStream.create(runtime, -1));
        assertInvalid(() -> runtime.deviceName(-1));
        assertInvalid(() -> runtime.deviceMemory(-1));
        assertInvalid(() -> runtime.computeCapability(-1));
        assertInvalid(() -> new CudaAdam(runtime, -1));
        assertEquals(before, fake.count("f3d_buffer_alloc"));
        assertEquals(1, fake.count("f3d_stream_create"));
        assertEquals(0, fake.count("f3d_device_name") + fake.count("f3d_device_memory")
                + fake.count("f3d_device_compute_capability"));
    }

    @Test
    void adamKernelRejectsBuffersThatDoNotFit() {
        CudaAdam adam = new CudaAdam(runtime, 0);
        DeviceBuffer g = DeviceBuffer.allocate(runtime, 0, 64);
        DeviceBuffer m = DeviceBuffer.allocate(runtime, 0, 64);
        DeviceBuffer small = DeviceBuffer.allocate(runtime, 0, 60);
        assertRejectedBeforeNative(() -> adam.enqueueUpdate(stream, buffer, g, m, small, 16, HYPER, 1));
        assertRejectedBeforeNative(() -> adam.enqueueUpdate(stream, buffer, g, m, buffer, 15, HYPER, 1));
        assertRejectedBeforeNative(() -> adam.enqueueUpdate(stream, buffer, g, m, small, -1, HYPER, 1));
        assertRejectedBeforeNative(() -> adam.enqueueUpdate(stream, buffer, g, m, small, 15, HYPER, 0));
        assertRejectedBeforeNative(() -> adam.enqueueUpdate(stream, buffer, null, m, small, 15, HYPER, 1));
        small.close();
        assertRejectedBeforeNative(() -> adam.enqueueUpdate(stream, buffer, g, m, small, 15, HYPER, 1));
        DeviceBuffer fits = DeviceBuffer.allocate(runtime, 0, 60);
        adam.enqueueUpdate(stream, buffer, g, m, fits, 15, HYPER, 1); // the control: 15 floats fit in 60 bytes
        assertEquals(1, fake.count("f3d_adam_update"));
    }

    @Test
    void adamUpdateRejectsMismatchedArraysBeforeAnyNativeCall() {
        CudaAdam adam = new CudaAdam(runtime, 0);
        int before = fake.functionsCalled().size();
        assertInvalid(() -> adam.update(new float[4], new float[3], new float[4], new float[4], HYPER, 1));
        assertInvalid(() -> adam.update(new float[4], new float[4], new float[4], new float[5], HYPER, 1));
        assertInvalid(() -> adam.update(new float[4], new float[4], new float[4], new float[4], HYPER, 0));
        assertEquals(before, fake.functionsCalled().size(), "no stream, no buffer, no copy");
    }

    private void assertRejectedBeforeNative(Executable call) {
        int copies = fake.count("f3d_copy_host_to_device") + fake.count("f3d_copy_device_to_host");
        int kernels = fake.count("f3d_adam_update") + fake.count("f3d_stream_synchronize");
        assertInvalid(call);
        assertEquals(copies, fake.count("f3d_copy_host_to_device") + fake.count("f3d_copy_device_to_host"),
                "a rejected copy must not reach the library");
        assertEquals(kernels, fake.count("f3d_adam_update") + fake.count("f3d_stream_synchronize"),
                "a rejected kernel must not reach the library");
    }

    private static void assertInvalid(Executable call) {
        Forge3dException error = assertThrows(Forge3dException.class, call);
        assertEquals(ErrorCode.INVALID_PARAM, error.code(), error.getMessage());
    }
}
