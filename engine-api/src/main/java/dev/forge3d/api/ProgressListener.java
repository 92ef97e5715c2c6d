package dev.forge3d.api;

/**
 * Receives a job's progress whenever it changes, one call at a time and in order (the percent
 * never goes back): on a delivery thread of the job's own, except for the first call, which
 * {@link Job#addProgressListener} makes on its caller's thread. The job does not wait for it: a
 * slow listener holds up neither the job's workers nor its {@link Job#completion()}. The
 * progress that changes while it is busy is handed over as one report, the latest, so it may
 * skip intermediate ones; it always hears the job's last report, and that last. An exception it
 * throws is logged and does not affect the job.
 */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(Job job, JobProgress progress);
}
