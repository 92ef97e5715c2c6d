package dev.forge3d.api;

/** Why a job failed or was cancelled. */
public record JobError(ErrorCode code, String message) {
    public JobError {
        Check.present("code", code);
        message = message == null ? code.wireName() : message;
    }
}
