package dev.forge3d.engine.jobs;

/**
 * One step of a job's pipeline.
 *
 * @param name   shown in progress, for example {@code matching features}
 * @param weight this stage's share of the job's progress bar, relative to the other stages
 * @param work   the work; it reports progress and checks for cancellation through the context
 */
public record Stage(String name, double weight, StageWork work) {
    public Stage {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("stage weight must be > 0: " + weight);
        }
    }

    /** The body of a stage. */
    @FunctionalInterface
    public interface StageWork {
        void run(JobContext context) throws Exception;
    }
}
