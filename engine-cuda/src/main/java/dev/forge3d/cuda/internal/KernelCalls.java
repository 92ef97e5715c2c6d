package dev.forge3d.cuda.internal;

import dev.forge3d.api.Forge3dException;

import java.lang.foreign.MemorySegment;

/**
 * The checks every kernel wrapper runs on its device buffers before the native call (which checks
 * again), and the native call itself.
 */
final class KernelCalls {
    private KernelCalls() {
    }

    static void checkHolds(String what, DeviceBuffer buffer, long elements, int elementBytes) {
        if (buffer == null) {
            throw Forge3dException.invalidParam(what, null, "an open device buffer");
        }
        buffer.handle(); // fails when closed
        if (buffer.sizeBytes() / elementBytes < elements) {
            throw Forge3dException.invalidParam(what + " buffer size", buffer.sizeBytes() + " bytes",
                    ">= " + elements + " elements of " + elementBytes + " bytes");
        }
    }

    static void checkDistinct(DeviceBuffer... buffers) {
        for (int i = 0; i < buffers.length; i++) {
            for (int j = 0; j < i; j++) {
                if (buffers[i] == buffers[j]) {
                    throw Forge3dException.invalidParam("device buffers", "one buffer in two roles",
                            "a distinct buffer per role");
                }
            }
        }
    }

    /** The stream's handle, after checking that every buffer lives on its device. */
    static MemorySegment sameDevice(CudaStream stream, DeviceBuffer... buffers) {
        MemorySegment queue = null;
        for (DeviceBuffer buffer : buffers) {
            queue = buffer.sameDevice(stream);
        }
        return queue;
    }


}
