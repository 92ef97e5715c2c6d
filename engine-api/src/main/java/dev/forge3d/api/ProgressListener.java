package dev.forge3d.api;

/**
 * Called on one of the job's worker threads whenever its progress changes, one call at a time and
 * in order (the percent never goes back); keep it quick, since workers reporting meanwhile wait.
 */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(Job job, JobProgress progress);
}
