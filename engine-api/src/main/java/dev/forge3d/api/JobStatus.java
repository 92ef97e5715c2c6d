package dev.forge3d.api;

/** The life of a job: QUEUED, then RUNNING, then one terminal status. */
public enum JobStatus implements WireNamed {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
