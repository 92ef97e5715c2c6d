package dev.forge3d.cuda.internal;

import dev.forge3d.api.spi.AdamHyperParams;
import dev.forge3d.cuda.NativeCudaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What CudaAdam asks of the library: the calls, their sizes and bias corrections, and that every
 * stream and buffer is released on success and on failure. The GPU tests check the arithmetic.
 */
class CudaAdamSequenceTest {
    private final FakeCudaLibrary fake = new FakeCudaLibrary();
    private final CudaAdam adam = new CudaAdam(fake.runtime(), 0);

    @AfterEach
    void tearDown() {
        fake.close();
        assertEquals(List.of(), fake.handlerErrors());
    }

    @Test
    void uploadsRunsTheKernelDownloadsAndReleasesEverything() {
        int count = 1000;
        AdamHyperParams hyper = new AdamHyperParams(0.01f, 0.9f, 0.999f, 1e-8f);
        adam.update(new float[count], new float[count], new float[count], new float[count], hyper, 3);

        assertEquals(List.of("f3d_stream_create", "f3d_buffer_alloc", "f3d_buffer_alloc", "f3d_buffer_alloc",
                "f3d_buffer_alloc", "f3d_copy_host_to_device", "f3d_copy_host_to_device", "f3d_copy_host_to_device",
                "f3d_copy_host_to_device", "f3d_adam_update", "f3d_copy_device_to_host", "f3d_copy_device_to_host",
                "f3d_copy_device_to_host", "f3d_stream_synchronize", "f3d_buffer_free", "f3d_buffer_free",
                "f3d_buffer_free", "f3d_buffer_free", "f3d_stream_destroy"), fake.functionsCalled());
        for (FakeCudaLibrary.Call alloc : fake.callsOf("f3d_buffer_alloc")) {
            assertEquals(4000L, alloc.arguments().get(1), "bytes per buffer");
        }
        for (FakeCudaLibrary.Call copy : fake.callsOf("f3d_copy_host_to_device")) {
            assertEquals(4000L, copy.arguments().get(4), "bytes per upload");
        }
        List<Object> kernel = fake.callsOf("f3d_adam_update").getFirst().arguments();
        assertEquals(List.of((long) count, 0.01f, 0.9f, 0.999f, 1e-8f,
                (float) (1.0 - Math.pow(0.9f, 3)), (float) (1.0 - Math.pow(0.999f, 3))), kernel.subList(5, 12));
        assertEquals(Set.of(), fake.liveHandles(), "every stream and buffer is released");
    }

    @Test
    void kernelFailureReleasesEverythingAndLeavesTheArraysAlone() {
        fake.fail("f3d_adam_update", NativeStatus.F3D_ERROR_CUDA, "f3d_adam_update: launch of 4 blocks: too many resources");
        float[] params = {1, 2, 3};
        float[] moment1 = {4, 5, 6};
        assertThrows(NativeCudaException.class, () -> adam.update(params, new float[3], moment1, new float[3],
                AdamHyperParams.withLearningRate(0.1f), 1));
        assertArrayEquals(new float[] {1, 2, 3}, params);
        assertArrayEquals(new float[] {4, 5, 6}, moment1);
        assertEquals(Set.of(), fake.liveHandles());
        assertEquals(0, fake.count("f3d_copy_device_to_host"));
    }

    @Test
    void allocationFailureReleasesWhatWasAllocated() {
        fake.failOnCall("f3d_buffer_alloc", 3, NativeStatus.F3D_ERROR_OUT_OF_MEMORY, "out of memory");
        assertThrows(NativeCudaException.class, () -> adam.update(new float[8], new float[8], new float[8],
                new float[8], AdamHyperParams.withLearningRate(0.1f), 1));
        assertEquals(3, fake.count("f3d_buffer_alloc"));
        assertEquals(2, fake.count("f3d_buffer_free"), "the two buffers allocated before the failure");
        assertEquals(1, fake.count("f3d_stream_destroy"));
        assertEquals(Set.of(), fake.liveHandles());
    }

    @Test
    void emptyArraysNeedNoNativeCall() {
        adam.update(new float[0], new float[0], new float[0], new float[0], AdamHyperParams.withLearningRate(0.1f), 1);
        assertEquals(List.of(), fake.functionsCalled());
    }
}
