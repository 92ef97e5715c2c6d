package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;

/** The {@code f3d_status} values of {@code forge3d_cuda.h}; a test checks the codes against the header. */
public enum NativeStatus {
    F3D_OK(0, ErrorCode.INTERNAL_ERROR),
    F3D_ERROR_INVALID_ARGUMENT(1, ErrorCode.INTERNAL_ERROR),
    F3D_ERROR_NO_DEVICE(2, ErrorCode.BACKEND_UNAVAILABLE),
    F3D_ERROR_OUT_OF_MEMORY(3, ErrorCode.OUT_OF_MEMORY),
    F3D_ERROR_CUDA(4, ErrorCode.INTERNAL_ERROR),
    F3D_ERROR_INTERNAL(5, ErrorCode.INTERNAL_ERROR);

    private final int code;
    private final ErrorCode errorCode;

    /**
     * @param errorCode what a failure with this status means to a caller of the Java API. An invalid
     *                  argument is an internal error: Java checks every argument before the call,
     *                  so the native check firing means the Java check has a bug.
     */
    NativeStatus(int code, ErrorCode errorCode) {
        this.code = code;
        this.errorCode = errorCode;
    }

    public int code() {
        return code;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The status with this code, or null for a code the header does not define. */
    public static NativeStatus of(int code) {
        for (NativeStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        return null;
    }
}
