package dev.forge3d.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous job: poll it, listen to it, wait on it, or cancel it. A job is thread-safe, and
 * its status, result and error change together: once {@link #status()} is terminal, exactly one
 * of {@link #result()} and {@link #error()} is present.
 */
public interface Job {
    String id();

    JobKind kind();

    JobStatus status();

    JobProgress progress();

    /** Present once the status is {@link JobStatus#DONE}. */
    Optional<JobResult> result();

    /** Present once the status is {@link JobStatus#FAILED} or {@link JobStatus#CANCELLED}. */
    Optional<JobError> error();

    /** Notes for the user that are not errors, such as "the video has only 83 frames; using all". */
    List<String> messages();

    /**
     * Asks the job to stop. A queued job is cancelled at once; a running one stops at its next
     * check, frees its native and GPU memory and leaves no output behind.
     *
     * @return true when the job will not end {@link JobStatus#DONE}: it ends
     *         {@link JobStatus#CANCELLED}, or {@link JobStatus#FAILED} when it failed before it
     *         saw the request (true again while a cancelled job is still stopping); false when the
     *         job had already ended, or had begun putting its outputs in place (it then ends
     *         {@link JobStatus#DONE}, or {@link JobStatus#FAILED} when that fails)
     */
    boolean cancel();

    /**
     * Completes with the result, or exceptionally with a {@link Forge3dException} carrying the
     * job's error code and message ({@link ErrorCode#CANCELLED} for a cancelled job) and, when
     * the job failed on an exception, that exception as its cause. So {@code join()} throws a
     * {@link java.util.concurrent.CompletionException} and {@code get()} an
     * {@link java.util.concurrent.ExecutionException} whose cause is that Forge3dException.
     *
     * <p>It completes after the status has become terminal. Each call returns a new future:
     * completing or cancelling it does not touch the job; use {@link #cancel()} to stop the job.
     * Dependent actions added without {@code Async} run on the engine's worker thread that ended
     * the job, which runs no queued job until they return: give long ones an executor.
     */
    CompletableFuture<JobResult> completion();

    /**
     * Adds a listener; it is also called once at once, on the calling thread, with the current
     * progress. An ended job calls it only that once, and a job lets go of its listeners once
     * they have heard its last report. Listeners hear progress, not the end: a failed or
     * cancelled job's last report is below 100, and {@link #completion()} may complete before
     * a listener has heard the last report; use it to learn how the job ended.
     *
     * @throws NullPointerException when {@code listener} is null
     */
    void addProgressListener(ProgressListener listener);
}
