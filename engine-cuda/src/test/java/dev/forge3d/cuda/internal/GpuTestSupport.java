package dev.forge3d.cuda.internal;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Entry point of the GPU tests: the runtime of a usable GPU, or a skipped test that says why. With
 * {@code -Dforge3d.test.requireGpu=true} (the GPU bundle's --require-gpu) a missing GPU fails
 * instead, so a run on the GPU machine cannot pass by skipping everything.
 */
public final class GpuTestSupport {
    public static final String REQUIRE_GPU_PROPERTY = "forge3d.test.requireGpu";

    private GpuTestSupport() {
    }

    public static CudaRuntime runtimeOrSkip() {
        CudaProbe.Result probe = CudaProbe.shared();
        if (probe instanceof CudaProbe.Ready ready) {
            return ready.runtime();
        }
        String reason = ((CudaProbe.NotReady) probe).reason();
        if (Boolean.getBoolean(REQUIRE_GPU_PROPERTY)) {
            fail("a GPU is required (" + REQUIRE_GPU_PROPERTY + ") but CUDA is unavailable: " + reason);
        }
        return abort("no usable GPU: " + reason);
    }
}
