package dev.forge3d.cuda.internal;

import java.util.ArrayList;
import java.util.List;

/** Allocation and release of the per-array buffers of a structure-of-arrays on the device. */
final class DeviceBufferGroup {
    private DeviceBufferGroup() {
    }

    /**
     * One buffer per entry of {@code elementsPerItem}, each holding that many 4-byte values per item
     * (at least one byte, so that an empty group still has open buffers). Frees what it allocated
     * when an allocation fails.
     */
    static List<DeviceBuffer> allocate(CudaRuntime runtime, int device, int items, int[] elementsPerItem) {
        List<DeviceBuffer> buffers = new ArrayList<>(elementsPerItem.length);
        try {
            for (int elements : elementsPerItem) {
                long bytes = Math.max(1L, (long) items * elements * Float.BYTES);
                buffers.add(DeviceBuffer.allocate(runtime, device, bytes));
            }
        } catch (RuntimeException e) {
            try {
                close(buffers);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return List.copyOf(buffers);
    }

    /** Closes every buffer, even when one close fails; rethrows the first failure. */
    static void close(List<DeviceBuffer> buffers) {
        RuntimeException first = null;
        for (DeviceBuffer buffer : buffers) {
            try {
                buffer.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
