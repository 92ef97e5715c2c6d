package dev.forge3d.api;

/**
 * Typed error codes. The wire name ({@link #wireName()}, the constant's name in lower case, for
 * example {@code invalid_param}) is the stable name used in JSON output and by other tools; never
 * rename or remove a constant. Tools should treat a code they do not know as
 * {@link #INTERNAL_ERROR}, so that one can be added.
 */
public enum ErrorCode implements WireNamed {
    /** A malformed request (missing field, unparsable flag), or a submission to a closed engine. */
    VALIDATION_ERROR,
    /** A value out of range; the message names the field and the allowed range. */
    INVALID_PARAM,
    /** The input is not one of the accepted formats. */
    UNSUPPORTED_MEDIA,
    /** The input is over its size limit. */
    INPUT_TOO_LARGE,
    /** A missing, corrupt or undecodable input. */
    UNREADABLE_INPUT,
    /** The {@code front} view is missing. */
    MISSING_IMAGE,
    /**
     * There are too few views. Not raised by this version: a video or photo folder with fewer
     * than two frames is {@link #UNREADABLE_INPUT}, and frames that do not register are
     * {@link #RECONSTRUCTION_FAILED}. Kept for its wire name.
     */
    INSUFFICIENT_VIEWS,
    /** The reconstruction did not succeed. */
    RECONSTRUCTION_FAILED,
    /** The job queue is full. */
    CONCURRENT_LIMIT_REACHED,
    /** The requested backend cannot be used. */
    BACKEND_UNAVAILABLE,
    /** Host or GPU memory ran out, or a scan's frames could not all be held for training (refused at submit). */
    OUT_OF_MEMORY,
    /** The job was cancelled. */
    CANCELLED,
    /** Anything else. */
    INTERNAL_ERROR;

    /** True for the codes that mean the request itself was wrong (CLI exit code 2). */
    public boolean isRequestError() {
        return switch (this) {
            case VALIDATION_ERROR, INVALID_PARAM, UNSUPPORTED_MEDIA, INPUT_TOO_LARGE, MISSING_IMAGE -> true;
            default -> false;
        };
    }

}
