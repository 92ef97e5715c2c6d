package dev.forge3d.api;

/**
 * What a job is expected to cost on the backend that would run it.
 *
 * @param backend       the backend name, {@code cpu} or {@code cuda}
 * @param seconds       expected wall time
 * @param peakHostBytes expected peak host memory
 * @param peakGpuBytes  expected peak GPU memory; 0 on the CPU backend
 */
public record Estimate(String backend, double seconds, long peakHostBytes, long peakGpuBytes) {
}
