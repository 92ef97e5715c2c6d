package dev.forge3d.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a successful job produced.
 *
 * @param outputs        named output files, for example {@code ply -> scene.ply}
 * @param metrics        named numbers, strings and booleans, and immutable lists of numbers (for
 *                       example {@code registered_frames}, {@code bbox_m}); anything else, an
 *                       array included, is refused
 * @param elapsedSeconds wall time from start to finish, finite and at least 0
 */
public record JobResult(Map<String, Path> outputs, Map<String, Object> metrics, double elapsedSeconds) {
    public JobResult {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(metrics, "metrics");
        outputs.forEach((name, file) -> {
            Objects.requireNonNull(name, "an output's name");
            Objects.requireNonNull(file, () -> "output " + name);
        });
        if (!(elapsedSeconds >= 0 && elapsedSeconds < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("elapsedSeconds must be finite and >= 0: " + elapsedSeconds);
        }
        // Insertion order is kept: metrics read best in the order the stages produced them.
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        LinkedHashMap<String, Object> checked = new LinkedHashMap<>();
        metrics.forEach((name, value) -> checked.put(Objects.requireNonNull(name, "a metric's name"),
                checkedMetric(name, value)));
        metrics = Collections.unmodifiableMap(checked);
    }

    /**
     * A metric's value as a result stores it: scalars as they are, lists copied so that the result
     * cannot change. An engine checks each metric with this as it is recorded, so that a wrong
     * one fails the stage that made it rather than the finished job.
     *
     * @throws IllegalArgumentException when the value is not a number, string, boolean or list of numbers
     */
    public static Object checkedMetric(String name, Object value) {
        if (value instanceof Number || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof List<?> list && list.stream().allMatch(item -> item instanceof Number)) {
            return List.copyOf(list);
        }
        throw new IllegalArgumentException("metric " + name + " must be a number, string, boolean or list of numbers, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
