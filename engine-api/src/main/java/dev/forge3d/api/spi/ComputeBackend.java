package dev.forge3d.api.spi;

import dev.forge3d.api.BackendInfo;
import dev.forge3d.api.DeviceKind;

import java.util.Optional;

/**
 * A compute backend, found through {@link java.util.ServiceLoader}. The CPU backend is the
 * reference; every CUDA kernel has a CPU twin behind the same operation interface.
 *
 * <p>Operations own the memory they allocate and free it when closed or when their job ends.
 * Several jobs may use one backend at once (up to the engine's running-job limit), each from
 * its own threads: {@link #info()} and the operation getters must be thread-safe, and each call
 * of a getter should hand out an operation that one job may use alone.
 */
public interface ComputeBackend extends AutoCloseable {

    /** {@link DeviceKind#CPU} or {@link DeviceKind#CUDA}. */
    DeviceKind kind();

    /** Name, availability with its reason, device and versions. Cheap after the first call. */
    BackendInfo info();

    default boolean isAvailable() {
        return info().available();
    }

    /**
     * The fused Adam update.
     *
     * @throws dev.forge3d.api.Forge3dException {@code backend_unavailable} when the backend is not available
     */
    FusedAdam fusedAdam();

    /**
     * Gaussian splat training sessions, when this backend has them; empty otherwise, and the
     * pipeline then trains on the CPU implementation and says so.
     */
    default Optional<SplatSessionFactory> splatSessions() {
        return Optional.empty();
    }

    /**
     * Descriptor matching for feature matching, when this backend has it; callers fall back to the
     * CPU twin otherwise.
     */
    default Optional<DescriptorMatcher> descriptorMatcher() {
        return Optional.empty();
    }

    /**
     * The mesh job's volume carving, marching cubes and texture bake, when this backend has them;
     * the job falls back to the CPU twins otherwise.
     */
    default Optional<MeshKernels> meshKernels() {
        return Optional.empty();
    }

    /**
     * Frees what the backend holds (a GPU context, loaded libraries). The engine calls it at most
     * once, when it closes, and only when no job uses the backend any more.
     */
    @Override
    default void close() {
    }
}
