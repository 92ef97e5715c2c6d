package dev.forge3d.api;

/**
 * Progress of a job.
 *
 * @param percent 0-100, never decreasing during a job
 * @param stage   what is happening, for example {@code matching features 41/120}
 */
public record JobProgress(int percent, String stage) {
    public JobProgress {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0-100: " + percent);
        }
        stage = stage == null ? "" : stage;
    }
}
