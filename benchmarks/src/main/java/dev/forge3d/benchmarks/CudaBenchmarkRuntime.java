package dev.forge3d.benchmarks;

import dev.forge3d.cuda.CudaBackend;
import dev.forge3d.cuda.internal.CudaProbe;
import dev.forge3d.cuda.internal.CudaRuntime;

/**
 * The CUDA runtime for the benchmarks that drive kernels directly, below the public backend. It
 * asks the backend first, so a benchmark runs on the GPU exactly when {@link BenchmarkMain} would
 * offer {@code cuda}, and fails its setup with the backend's reason otherwise.
 */
public final class CudaBenchmarkRuntime {
    private CudaBenchmarkRuntime() {
    }

    /** @throws IllegalStateException with the backend's reason when CUDA cannot run here */
    public static CudaRuntime require() {
        CudaBackend backend = new CudaBackend();
        if (!backend.isAvailable() || !(CudaProbe.shared() instanceof CudaProbe.Ready ready)) {
            throw new IllegalStateException("cuda backend is unavailable: " + backend.info().reason());
        }
        return ready.runtime();
    }
}
