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

    /**
     * The sample count of an {@code nx x ny x nz} grid, after checking it has at least 2 samples a
     * side and at most {@code maxSamples}. The plane is bounded before it is multiplied by
     * {@code nz}: {@code nx ny} fits a long, {@code nx ny nz} may wrap it (14511796 x 2147221520 x
     * 592 is 2^64 + 1024), and a wrapped count would pass a small field.
     */
    static long gridSamples(int nx, int ny, int nz, long maxSamples) {
        if (nx < 2 || ny < 2 || nz < 2) {
            throw Forge3dException.invalidParam("grid samples", nx + " x " + ny + " x " + nz, ">= 2 a side");
        }
        long plane = (long) nx * ny;
        if (plane > maxSamples / nz) {
            throw Forge3dException.invalidParam("grid samples", nx + " x " + ny + " x " + nz, "<= " + maxSamples);
        }
        return plane * nz;
    }

    /** A grid's voxel must be finite and positive, its origin finite. */
    static void checkGridPlacement(double originX, double originY, double originZ, double voxel) {
        if (!(voxel > 0) || !Double.isFinite(voxel)) {
            throw Forge3dException.invalidParam("voxel", voxel, "finite and > 0");
        }
        if (!Double.isFinite(originX) || !Double.isFinite(originY) || !Double.isFinite(originZ)) {
            throw Forge3dException.invalidParam("grid origin", originX + ", " + originY + ", " + originZ, "finite");
        }
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
