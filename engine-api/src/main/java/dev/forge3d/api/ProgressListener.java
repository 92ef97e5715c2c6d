package dev.forge3d.api;

/**
 * Receives a job's progress whenever it changes, one call at a time and in order (the percent
 * never goes back): on one of the job's worker threads, except for the first call, which
 * {@link Job#addProgressListener} makes on its caller's thread. Keep it quick, since workers
 * reporting meanwhile wait. An exception it throws is logged and does not affect the job.
 */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(Job job, JobProgress progress);
}
