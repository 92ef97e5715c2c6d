package dev.forge3d.cuda;

import dev.forge3d.api.BackendInfo;
import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.ComputeBackend;
import dev.forge3d.api.spi.DescriptorMatcher;
import dev.forge3d.api.spi.FusedAdam;
import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.api.spi.SplatSessionFactory;
import dev.forge3d.cuda.internal.CudaAdam;
import dev.forge3d.cuda.internal.CudaDescriptorMatcher;
import dev.forge3d.cuda.internal.CudaMeshKernels;
import dev.forge3d.cuda.internal.CudaProbe;
import dev.forge3d.cuda.internal.CudaRuntime;
import dev.forge3d.cuda.internal.CudaSplatSession;
import dev.forge3d.cuda.internal.CudaVersions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The CUDA backend: kernels in {@code libforge3d_cuda.so}, called through Panama FFM, on the first
 * GPU. Unavailable, with the reason, when the library was not built, the driver is missing or too
 * old, or there is no GPU; {@link #info()} never throws.
 */
public final class CudaBackend implements ComputeBackend {
    public static final String NAME = "cuda";
    /** Jobs run on the first GPU; picking among several is for a later issue. */
    private static final int DEVICE = 0;

    private final Supplier<CudaProbe.Result> probe;
    private volatile BackendInfo info;

    /** The backend of the library packed in this jar; what {@link java.util.ServiceLoader} creates. */
    public CudaBackend() {
        this(CudaProbe::shared);
    }

    /** A backend over another probe, for tests. */
    CudaBackend(Supplier<CudaProbe.Result> probe) {
        this.probe = probe;
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.CUDA;
    }

    @Override
    public BackendInfo info() {
        BackendInfo known = info;
        if (known == null) {
            known = describe();
            info = known;
        }
        return known;
    }

    @Override
    public FusedAdam fusedAdam() {
        return new CudaAdam(runtime(), DEVICE);
    }

    /**
     * Splat training with the whole state on the GPU ({@link CudaSplatSession}), when the backend is
     * available; empty otherwise. A session that does not fit in device memory fails with
     * {@code out_of_memory}; nothing falls back to the CPU silently.
     */
    @Override
    public Optional<SplatSessionFactory> splatSessions() {
        if (!isAvailable()) {
            return Optional.empty();
        }
        CudaRuntime runtime = runtime();
        return Optional.of((initial, settings) -> CudaSplatSession.open(runtime, DEVICE, initial, settings));
    }

    /** The GPU matcher when the backend is available; empty otherwise, and callers match on the CPU. */
    @Override
    public Optional<DescriptorMatcher> descriptorMatcher() {
        return isAvailable() ? Optional.of(new CudaDescriptorMatcher(runtime(), DEVICE)) : Optional.empty();
    }

    /** The GPU volume carving, marching cubes and texture bake when the backend is available; empty otherwise. */
    @Override
    public Optional<MeshKernels> meshKernels() {
        return isAvailable() ? Optional.of(new CudaMeshKernels(runtime(), DEVICE)) : Optional.empty();
    }

    /** @throws Forge3dException {@code backend_unavailable} with the reason when the backend is unavailable */
    private CudaRuntime runtime() {
        BackendInfo current = info();
        if (!current.available() || !(probe.get() instanceof CudaProbe.Ready ready)) {
            throw new Forge3dException(ErrorCode.BACKEND_UNAVAILABLE,
                    "cuda backend is unavailable: " + current.reason());
        }
        return ready.runtime();
    }

    private BackendInfo describe() {
        try {
            return switch (probe.get()) {
                case CudaProbe.NotReady notReady ->
                        new BackendInfo(NAME, false, notReady.reason(), "", 0, 0, notReady.details());
                case CudaProbe.Ready ready -> describe(ready);
            };
        } catch (RuntimeException | LinkageError e) {
            // A broken installation must not break backend discovery: report it instead.
            return BackendInfo.unavailable(NAME, "probing the CUDA backend failed: " + e);
        }
    }

    private static BackendInfo describe(CudaProbe.Ready ready) {
        CudaRuntime runtime = ready.runtime();
        CudaRuntime.DeviceMemory memory = runtime.deviceMemory(DEVICE);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("compute_capability", runtime.computeCapability(DEVICE).toString());
        details.put("cuda_driver", CudaVersions.format(runtime.driverVersion()));
        details.put("cuda_runtime", CudaVersions.format(runtime.runtimeVersion()));
        details.put("device_count", Integer.toString(runtime.deviceCount()));
        details.put("device_index", Integer.toString(DEVICE));
        details.put("library", ready.library());
        return new BackendInfo(NAME, true, "", runtime.deviceName(DEVICE), memory.totalBytes(), memory.freeBytes(),
                details);
    }
}
