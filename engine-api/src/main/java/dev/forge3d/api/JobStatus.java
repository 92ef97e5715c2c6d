package dev.forge3d.api;

/** The life of a job: QUEUED, then RUNNING, then one terminal status. Names are wire names as they are. */
public enum JobStatus {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
