package dev.forge3d.engine.pipeline;

import dev.forge3d.api.JobKind;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;

import java.nio.file.Path;
import java.util.List;

/**
 * The built-in demo: renders the synthetic ground-truth orbit (frames, MP4, masks, mesh, poses)
 * and publishes it as one folder. The scan of that video joins this pipeline when scan lands.
 */
public final class DemoPipeline {
    private DemoPipeline() {
    }

    public static Pipeline create(GenerationSpec spec, Path outputFolder) {
        return new Pipeline(JobKind.DEMO, List.of(new Stage("render synthetic orbit", 1, context -> {
            Path staged = context.stageOutput("scene", outputFolder);
            GeneratedScene scene = SceneGenerator.generate(spec, staged, (done, total) ->
                    context.progress((double) done / total, "rendering frame " + done + "/" + total));
            context.metric("frames", scene.frameCount());
            context.metric("width", spec.intrinsics().width());
            context.metric("height", spec.intrinsics().height());
            context.metric("video_encoder", scene.groundTruth().video().encoder());
            context.metric("seed", scene.groundTruth().scene().seed());
            context.message("the scan pipeline (poses, splat training) is not in this build yet; "
                    + "the demo renders its ground-truth input");
        })));
    }
}
