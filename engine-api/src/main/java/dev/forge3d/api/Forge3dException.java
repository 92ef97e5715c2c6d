package dev.forge3d.api;

import java.util.Objects;

/** The one exception type of the Forge3D API: every failure carries a typed {@link ErrorCode}. */
public class Forge3dException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public Forge3dException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public Forge3dException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    public JobError toJobError() {
        return new JobError(code, getMessage());
    }

    /** An {@link ErrorCode#INVALID_PARAM} naming the field, the value and the allowed values. */
    public static Forge3dException invalidParam(String field, Object value, String allowed) {
        return new Forge3dException(ErrorCode.INVALID_PARAM,
                "invalid " + field + ": " + value + " (allowed: " + allowed + ")");
    }

    @Override
    public String toString() {
        return code.wireName() + ": " + getMessage();
    }
}
