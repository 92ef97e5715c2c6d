package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.lang.foreign.MemorySegment;

/**
 * The checks run in Java before a native call touches memory, so a bad offset or length becomes an
 * {@code invalid_param} error instead of a crash or a silent overwrite.
 */
final class HostMemoryChecks {
    private HostMemoryChecks() {
    }

    /** [offset, offset + length) must lie inside [0, capacity); written so that no sum overflows. */
    static void checkRange(String what, long offset, long length, long capacity) {
        if (offset < 0 || length < 0 || offset > capacity || length > capacity - offset) {
            throw Forge3dException.invalidParam(what, "offset " + offset + ", length " + length,
                    "a range inside 0.." + capacity);
        }
    }

    /**
     * Asynchronous copies read and write host memory after the call returns, so it must be native
     * memory (a heap array may move) and still alive.
     */
    static void checkHostSegment(String what, MemorySegment segment, boolean written) {
        if (segment == null) {
            throw new Forge3dException(ErrorCode.INVALID_PARAM, what + " is null");
        }
        if (!segment.isNative()) {
            throw Forge3dException.invalidParam(what, "a heap segment", "native memory, for example from an Arena");
        }
        if (!segment.scope().isAlive()) {
            throw new Forge3dException(ErrorCode.INVALID_PARAM, what + " belongs to a closed arena");
        }
        if (written && segment.isReadOnly()) {
            throw new Forge3dException(ErrorCode.INVALID_PARAM, what + " is read-only");
        }
    }

    static void checkOpen(String what, MemorySegment handle) {
        if (handle == null) {
            throw new Forge3dException(ErrorCode.INVALID_PARAM, what + " is closed");
        }
    }
}
