package dev.forge3d.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A mesh job: one to four photos of an object in, a textured mesh out.
 *
 * @param views  the photos by view; {@link View#FRONT} is required. Kept as an unmodifiable copy
 *               in {@link View} order
 * @param params validated parameters
 * @param output the primary output (for example {@code chair.glb}), written in the format its
 *               extension names whether or not {@link MeshParams#outputs()} lists it; the other
 *               formats are written beside it with their own extension
 */
public record MeshRequest(Map<View, InputSource> views, MeshParams params, Path output) {
    public MeshRequest {
        Check.present("views", views);
        Check.present("params", params);
        Check.present("output", output);
        // Checked entry by entry: a HashMap may hold a null view or photo, and Map.of refuses
        // even to look one up, so neither containsKey(null) nor a copy would give a typed error.
        EnumMap<View, InputSource> copy = new EnumMap<>(View.class);
        for (Map.Entry<View, InputSource> entry : views.entrySet()) {
            View view = Check.present("views key", entry.getKey());
            if (entry.getValue() == null && view != View.FRONT) {
                throw new Forge3dException(ErrorCode.VALIDATION_ERROR, "views." + view.wireName() + " has no photo");
            }
            copy.put(view, entry.getValue());
        }
        if (copy.get(View.FRONT) == null) {
            throw new Forge3dException(ErrorCode.MISSING_IMAGE, "the front view is required");
        }
        // An EnumMap keeps View order; Map.copyOf's order changes from one JVM run to the next.
        views = Collections.unmodifiableMap(copy);
    }
}
