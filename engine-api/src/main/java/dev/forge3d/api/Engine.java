package dev.forge3d.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The Forge3D engine: submits scan and mesh jobs and runs them in-process. Close it to cancel
 * what is still running and free every native and GPU resource.
 *
 * <p>An engine is thread-safe: any thread may submit, estimate, list jobs or close it. Jobs run on
 * the engine's own worker threads, at most {@link EngineConfig#maxRunningJobs()} at a time.
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
        Objects.requireNonNull(config, "config");
        return ServiceLoader.load(EngineProvider.class).findFirst()
                .orElseThrow(() -> new Forge3dException(ErrorCode.INTERNAL_ERROR,
                        "no Forge3D engine on the class path: add dev.forge3d:engine-native"))
                .open(config);
    }

    static Engine open() {
        return open(EngineConfig.defaults());
    }

    /**
     * Validates and queues a scan: its inputs are read and checked (format, size limits) before
     * this returns, so an error in them is thrown here, not reported by the job.
     *
     * @throws Forge3dException a request error ({@link ErrorCode#isRequestError()}),
     *                          {@link ErrorCode#UNREADABLE_INPUT}, {@link ErrorCode#BACKEND_UNAVAILABLE},
     *                          {@link ErrorCode#CONCURRENT_LIMIT_REACHED}, {@link ErrorCode#VALIDATION_ERROR}
     *                          once the engine is closed, {@link ErrorCode#OUT_OF_MEMORY} when the frames
     *                          the input's headers promise could not all be held for training on this
     *                          Java heap, or {@link ErrorCode#INTERNAL_ERROR} when the job's working
     *                          folder cannot be made; nothing is queued then
     */
    Job submit(ScanRequest request);

    /** Validates and queues a mesh job; fails as {@link #submit(ScanRequest)} does. */
    Job submit(MeshRequest request);

    /**
     * The expected time and peak memory of a scan on the backend that would run it. It reads the
     * inputs as {@link #submit(ScanRequest)} does and fails with the same codes, bar
     * {@link ErrorCode#CONCURRENT_LIMIT_REACHED}, but queues nothing. It consumes a
     * {@link InputSource.FromStream}, which then cannot be submitted.
     */
    Estimate estimate(ScanRequest request);

    /**
     * The expected time and peak memory of a mesh job; as {@link #estimate(ScanRequest)}. Until a
     * mesh job has run in this process, the time includes a few seconds of loading and compiling
     * that the first one spends and later ones are spared.
     */
    Estimate estimate(MeshRequest request);

    /** The job with this id, while {@link #jobs()} lists it. */
    Optional<Job> job(String id);

    /**
     * The unfinished jobs and the {@link EngineConfig#keptFinishedJobs()} finished ones that ended
     * last, in the order they were submitted: a snapshot, which later jobs do not change.
     */
    List<Job> jobs();

    /** Every compute backend found, available or not. */
    List<BackendInfo> backends();

    /**
     * Refuses further submissions, cancels every unfinished job (queued ones at once, running
     * ones at their next check; each ends {@link JobStatus#CANCELLED} unless it was already
     * putting its outputs in place), waits for them to stop and frees the backends. A job that
     * has not stopped within a bounded wait (two minutes in the local engine) is left to finish,
     * and its backend is not freed under it. The {@link Job}s stay usable after close. Calling
     * it again does no harm and frees nothing twice. Do not call it from a job's own thread (a
     * non-async action on {@link Job#completion()}): it would wait the bound out on itself.
     */
    @Override
    void close();
}
