package dev.forge3d.api;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * A mesh job: one to four photos of an object in, a textured mesh out.
 *
 * @param views  the photos by view; {@link View#FRONT} is required
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
        if (!views.containsKey(View.FRONT)) {
            throw new Forge3dException(ErrorCode.MISSING_IMAGE, "the front view is required");
        }
        views = Map.copyOf(new EnumMap<>(views));
    }
}
