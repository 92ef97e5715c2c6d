package dev.forge3d.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** An asynchronous job: poll it, listen to it, wait on it, or cancel it. */
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
     * @return false when the job had already ended, or had begun putting its outputs in place
     *         (it then ends {@link JobStatus#DONE})
     */
    boolean cancel();

    /**
     * Completes with the result, or exceptionally with a {@link Forge3dException} carrying the
     * job's error code ({@link ErrorCode#CANCELLED} for a cancelled job).
     */
    CompletableFuture<JobResult> completion();

    /**
     * Adds a listener; it is also called once at once with the current progress. An ended job
     * calls it only that once, and a job lets go of its listeners when it ends.
     */
    void addProgressListener(ProgressListener listener);
}
