package dev.forge3d.benchmarks;

import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.cuda.CudaBackend;
import dev.forge3d.engine.mesh.CpuMeshKernels;

/** The mesh kernels a benchmark's {@code backend} parameter names. */
final class BackendMeshKernels {
    private BackendMeshKernels() {
    }

    /**
     * The CPU twins for {@code cpu}, the CUDA backend's kernels for {@code cuda}.
     *
     * @throws IllegalStateException with the backend's reason when CUDA cannot run here
     */
    static MeshKernels of(String backend) {
        return switch (backend) {
            case "cpu" -> new CpuMeshKernels();
            case "cuda" -> {
                CudaBackend cuda = new CudaBackend();
                yield cuda.meshKernels().orElseThrow(() -> new IllegalStateException(
                        "cuda backend is unavailable: " + cuda.info().reason()));
            }
            default -> throw new IllegalArgumentException("unknown backend " + backend + " (cpu or cuda)");
        };
    }
}
