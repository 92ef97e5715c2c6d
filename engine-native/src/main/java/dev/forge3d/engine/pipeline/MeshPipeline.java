package dev.forge3d.engine.pipeline;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.JobKind;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.View;
import dev.forge3d.engine.input.ResolvedInput;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;
import dev.forge3d.engine.media.ImageDecoding;

import java.util.List;
import java.util.Map;

/**
 * The mesh job: one to four photos to a textured mesh. Segmentation, geometry and texturing land
 * as their stages are built; until then the job decodes its views and then fails clearly.
 */
public final class MeshPipeline {
    private MeshPipeline() {
    }

    public static Pipeline create(MeshRequest request, Map<View, ResolvedInput> views) {
        return new Pipeline(JobKind.MESH, List.of(
                new Stage("decode views", 1, context -> {
                    for (Map.Entry<View, ResolvedInput> view : views.entrySet()) {
                        context.checkCancelled();
                        ImageDecoding.decode(view.getValue().file()).close();
                    }
                    context.metric("views", views.size());
                }),
                new Stage("reconstruct", 99, context -> {
                    throw new Forge3dException(ErrorCode.INTERNAL_ERROR,
                            "mesh: segmentation, geometry and texturing are not in this build yet; the views "
                                    + "decoded, and " + request.output() + " was not written");
                })));
    }
}
