package dev.forge3d.api.spi;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds compute backends and picks the one a job asked for. */
public final class Backends {
    private Backends() {
    }

    /** Every backend on the class path, CPU first. */
    public static List<ComputeBackend> discover() {
        List<ComputeBackend> found = new ArrayList<>();
        ServiceLoader.load(ComputeBackend.class).forEach(found::add);
        found.sort(Comparator.comparing(ComputeBackend::kind));
        return List.copyOf(found);
    }

    /**
     * AUTO picks CUDA when it is available and the CPU otherwise; CPU and CUDA pick exactly that.
     *
     * @throws Forge3dException {@link ErrorCode#BACKEND_UNAVAILABLE} with the backend's own reason
     */
    public static ComputeBackend select(DeviceKind requested, List<ComputeBackend> backends) {
        if (requested == DeviceKind.AUTO) {
            ComputeBackend cuda = find(DeviceKind.CUDA, backends);
            return cuda != null && cuda.isAvailable() ? cuda : select(DeviceKind.CPU, backends);
        }
        ComputeBackend backend = find(requested, backends);
        if (backend == null) {
            throw new Forge3dException(ErrorCode.BACKEND_UNAVAILABLE,
                    requested.wireName() + " backend is not on the class path");
        }
        if (!backend.isAvailable()) {
            throw new Forge3dException(ErrorCode.BACKEND_UNAVAILABLE,
                    requested.wireName() + " backend is unavailable: " + backend.info().reason());
        }
        return backend;
    }

    private static ComputeBackend find(DeviceKind kind, List<ComputeBackend> backends) {
        for (ComputeBackend backend : backends) {
            if (backend.kind() == kind) {
                return backend;
            }
        }
        return null;
    }
}
