package dev.forge3d.api;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The Forge3D engine: submits scan and mesh jobs and runs them in-process. Close it to cancel
 * what is still running and free every native and GPU resource.
 *
 * <pre>{@code
 * try (Engine engine = Engine.open()) {
 *     Job job = engine.submit(new ScanRequest(InputSource.of(video), ScanParams.defaults(), out));
 *     JobResult result = job.completion().join();
 * }
 * }</pre>
 */
public interface Engine extends AutoCloseable {

    /**
     * Opens the engine implementation found on the class path ({@code engine-native}).
     *
     * @throws Forge3dException {@link ErrorCode#INTERNAL_ERROR} when no implementation is present
     */
    static Engine open(EngineConfig config) {
        return ServiceLoader.load(EngineProvider.class).findFirst()
                .orElseThrow(() -> new Forge3dException(ErrorCode.INTERNAL_ERROR,
                        "no Forge3D engine on the class path: add dev.forge3d:engine-native"))
                .open(config);
    }

    static Engine open() {
        return open(EngineConfig.defaults());
    }

    /**
     * Validates and queues a scan.
     *
     * @throws Forge3dException a request error ({@link ErrorCode#isRequestError()}),
     *                          {@link ErrorCode#UNREADABLE_INPUT}, {@link ErrorCode#BACKEND_UNAVAILABLE}
     *                          or {@link ErrorCode#CONCURRENT_LIMIT_REACHED}; nothing is queued then
     */
    Job submit(ScanRequest request);

    /** Validates and queues a mesh job; fails as {@link #submit(ScanRequest)} does. */
    Job submit(MeshRequest request);

    /** The expected time and peak memory of a scan on the backend that would run it. */
    Estimate estimate(ScanRequest request);

    /** The expected time and peak memory of a mesh job on the backend that would run it. */
    Estimate estimate(MeshRequest request);

    /** The job with this id, while {@link #jobs()} lists it. */
    Optional<Job> job(String id);

    /**
     * The unfinished jobs and the {@link EngineConfig#keptFinishedJobs()} finished ones that ended
     * last, in the order they were submitted.
     */
    List<Job> jobs();

    /** Every compute backend found, available or not. */
    List<BackendInfo> backends();

    /** Cancels unfinished jobs, waits for them to stop and frees the backends. */
    @Override
    void close();
}
