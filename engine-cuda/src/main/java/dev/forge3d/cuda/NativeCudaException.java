package dev.forge3d.cuda;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

/**
 * A call into {@code libforge3d_cuda.so} failed. Carries the C function, its status code and the
 * native library's own message (its thread-local last error).
 */
public final class NativeCudaException extends Forge3dException {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final int nativeStatus;
    private final String nativeMessage;

    public NativeCudaException(ErrorCode code, String function, int nativeStatus, String nativeMessage,
                               String context) {
        super(code, function + (context.isEmpty() ? "" : " (" + context + ")") + " failed with status "
                + nativeStatus + ": " + (nativeMessage.isEmpty() ? "no message" : nativeMessage));
        this.function = function;
        this.nativeStatus = nativeStatus;
        this.nativeMessage = nativeMessage;
    }

    /** The C function that failed, for example {@code f3d_buffer_alloc}. */
    public String function() {
        return function;
    }

    /** The {@code f3d_status} it returned. */
    public int nativeStatus() {
        return nativeStatus;
    }

    /** The native library's message, from {@code f3d_last_error}. */
    public String nativeMessage() {
        return nativeMessage;
    }
}
