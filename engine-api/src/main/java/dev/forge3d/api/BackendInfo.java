package dev.forge3d.api;

import java.util.Map;

/**
 * What a compute backend reports about itself.
 *
 * @param name              {@code cpu} or {@code cuda}
 * @param available         whether jobs can run on it
 * @param reason            why it is unavailable; empty when available
 * @param deviceName        the device, for example the GPU model or the CPU
 * @param totalMemoryBytes  device memory; for the CPU backend the Java heap's maximum, which its
 *                          jobs compute in
 * @param freeMemoryBytes   free device memory when queried (for the CPU backend, of that heap)
 * @param details           versions and capabilities, for example {@code compute_capability}
 */
public record BackendInfo(String name, boolean available, String reason, String deviceName,
                          long totalMemoryBytes, long freeMemoryBytes, Map<String, String> details) {
    public BackendInfo {
        reason = reason == null ? "" : reason;
        deviceName = deviceName == null ? "" : deviceName;
        details = Map.copyOf(details);
    }

    public static BackendInfo unavailable(String name, String reason) {
        return new BackendInfo(name, false, reason, "", 0, 0, Map.of());
    }
}
