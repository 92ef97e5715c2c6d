package dev.forge3d.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
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
        // Insertion order is kept: metrics read best in the order the stages produced them.
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
