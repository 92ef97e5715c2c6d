package dev.forge3d.cuda.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Copies between Java arrays and the start of a device buffer, each one complete when it returns:
 * the array is staged in native memory, the copy enqueued on the stream, and the stream
 * synchronized before the staging memory is freed. For tests, benchmarks and one-off transfers;
 * a training loop keeps its data on the device instead.
 */
public final class HostArrayTransfers {
    private HostArrayTransfers() {
    }

    /** Writes {@code values} to the first {@code values.length} floats of {@code target}. */
    public static void upload(CudaStream stream, DeviceBuffer target, float[] values) {
        if (values.length == 0) {
            return;
        }
        try (Arena staging = Arena.ofConfined()) {
            MemorySegment segment = staging.allocate(JAVA_FLOAT, values.length);
            MemorySegment.copy(values, 0, segment, JAVA_FLOAT, 0, values.length);
            target.upload(stream, segment, 0);
            stream.synchronize();
        }
    }

    /** Writes {@code values} to the first {@code values.length} ints of {@code target}. */
    public static void upload(CudaStream stream, DeviceBuffer target, int[] values) {
        if (values.length == 0) {
            return;
        }
        try (Arena staging = Arena.ofConfined()) {
            MemorySegment segment = staging.allocate(JAVA_INT, values.length);
            MemorySegment.copy(values, 0, segment, JAVA_INT, 0, values.length);
            target.upload(stream, segment, 0);
            stream.synchronize();
        }
    }

    /** Fills {@code values} from the first {@code values.length} floats of {@code source}. */
    public static void download(CudaStream stream, DeviceBuffer source, float[] values) {
        if (values.length == 0) {
            return;
        }
        try (Arena staging = Arena.ofConfined()) {
            MemorySegment segment = staging.allocate(JAVA_FLOAT, values.length);
            source.download(stream, 0, segment);
            stream.synchronize();
            MemorySegment.copy(segment, JAVA_FLOAT, 0, values, 0, values.length);
        }
    }

    /** Fills {@code values} from the first {@code values.length} ints of {@code source}. */
    public static void download(CudaStream stream, DeviceBuffer source, int[] values) {
        if (values.length == 0) {
            return;
        }
        try (Arena staging = Arena.ofConfined()) {
            MemorySegment segment = staging.allocate(JAVA_INT, values.length);
            source.download(stream, 0, segment);
            stream.synchronize();
            MemorySegment.copy(segment, JAVA_INT, 0, values, 0, values.length);
        }
    }
}
