package dev.forge3d.engine.jobs;

import dev.forge3d.api.JobKind;

import java.util.List;

/** What a job runs: its stages, in order. */
public record Pipeline(JobKind kind, List<Stage> stages) {
    public Pipeline {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one stage");
        }
        stages = List.copyOf(stages);
    }

    public double totalWeight() {
        return stages.stream().mapToDouble(Stage::weight).sum();
    }
}
