package dev.forge3d.cuda.internal;

import dev.forge3d.api.Check;
import dev.forge3d.api.spi.DescriptorMatcher;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Descriptor matching on the GPU ({@code matching/descriptor_match.cu}), the twin of the CPU
 * backend's {@code CpuDescriptorMatcher}: the same squared distances, ratio test and cross-check,
 * matches in increasing {@code i}. Each call uploads both sets, matches and downloads the pairs on
 * a stream and buffers of its own, so one instance may serve several threads at once.
 *
 * <p>Distances differ from the twin's by float rounding (OpenBLAS sums its dot products in an
 * order of its own), so the two can disagree only on a pair whose decision is a near tie.
 */
public final class CudaDescriptorMatcher implements DescriptorMatcher {
    private final CudaRuntime runtime;
    private final int device;

    public CudaDescriptorMatcher(CudaRuntime runtime, int device) {
        CudaRuntime.checkDevice(device);
        this.runtime = Check.present("runtime", runtime);
        this.device = device;
    }

    @Override
    public int[] match(float[] a, int countA, float[] b, int countB, int dimension, float ratio) {
        DescriptorMatcher.checkArguments(a, countA, b, countB, dimension, ratio);
        if (countA == 0 || countB == 0) {
            return new int[0];
        }
        int capacity = Math.min(countA, countB); // each row of A matches at most once
        try (Arena host = Arena.ofConfined();
             CudaStream stream = CudaStream.create(runtime, device);
             DeviceBuffer deviceA = DeviceBuffer.allocate(runtime, device, (long) a.length * Float.BYTES);
             DeviceBuffer deviceB = DeviceBuffer.allocate(runtime, device, (long) b.length * Float.BYTES);
             DeviceBuffer deviceMatches = DeviceBuffer.allocate(runtime, device, 2L * capacity * Integer.BYTES)) {
            MemorySegment hostA = host.allocate(JAVA_FLOAT, a.length);
            MemorySegment.copy(a, 0, hostA, JAVA_FLOAT, 0, a.length);
            MemorySegment hostB = host.allocate(JAVA_FLOAT, b.length);
            MemorySegment.copy(b, 0, hostB, JAVA_FLOAT, 0, b.length);
            deviceA.upload(stream, hostA, 0);
            deviceB.upload(stream, hostB, 0);
            int found = enqueueMatch(stream, deviceA, countA, deviceB, countB, dimension, ratio, deviceMatches,
                    capacity, host);
            if (found < 0 || found > capacity) {
                throw new IllegalStateException("the kernel reported " + found + " matches, more than " + capacity);
            }
            if (found == 0) {
                return new int[0];
            }
            MemorySegment hostMatches = host.allocate(JAVA_INT, 2L * found);
            deviceMatches.download(stream, 0, hostMatches);
            stream.synchronize();
            return hostMatches.toArray(JAVA_INT);
        }
    }

    /**
     * Matches rows of device buffers and waits for the stream; the first {@code min(found,
     * capacity)} pairs of {@code matches} are then written.
     *
     * @return how many pairs matched
     */
    int enqueueMatch(CudaStream stream, DeviceBuffer a, int countA, DeviceBuffer b, int countB, int dimension,
                     float ratio, DeviceBuffer matches, int capacity, Arena host) {
        if (countA < 0 || countB < 0 || dimension < 1 || capacity < 0) {
            throw new IllegalArgumentException("counts " + countA + ", " + countB + " and capacity " + capacity
                    + " must be >= 0, dimension " + dimension + " >= 1");
        }
        KernelCalls.checkHolds("descriptors A", a, (long) countA * dimension, Float.BYTES);
        KernelCalls.checkHolds("descriptors B", b, (long) countB * dimension, Float.BYTES);
        KernelCalls.checkHolds("matches", matches, 2L * capacity, Integer.BYTES);
        KernelCalls.checkDistinct(a, b, matches);
        MemorySegment queue = KernelCalls.sameDevice(stream, a, b, matches);
        MemorySegment found = host.allocate(JAVA_INT);
        int status = NativeCalls.call(() -> (int) runtime.bindings().f3d_match_descriptors.invokeExact(queue,
                a.handle(), countA, b.handle(), countB, dimension, ratio, matches.handle(), capacity, found));
        runtime.check(status, "f3d_match_descriptors", countA + " x " + countB + " descriptors of " + dimension);
        return found.get(JAVA_INT, 0);
    }
}
