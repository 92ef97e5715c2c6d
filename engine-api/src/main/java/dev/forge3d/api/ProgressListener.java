package dev.forge3d.api;

/** Called on the job's worker thread whenever its progress changes; keep it quick. */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(Job job, JobProgress progress);
}
