package dev.forge3d.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a successful job produced.
 *
 * @param outputs        named output files, for example {@code ply -> scene.ply}
 * @param metrics        named numbers and strings, for example {@code registered_frames}
 * @param elapsedSeconds wall time from start to finish
 */
public record JobResult(Map<String, Path> outputs, Map<String, Object> metrics, double elapsedSeconds) {
    public JobResult {
        outputs = Map.copyOf(outputs);
        metrics = Map.copyOf(metrics);
    }
}
