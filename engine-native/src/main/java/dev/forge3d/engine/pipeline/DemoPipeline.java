package dev.forge3d.engine.pipeline;

import dev.forge3d.api.JobKind;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in demo: renders the synthetic ground-truth orbit (frames, MP4, masks, mesh, poses),
 * then trains Gaussian splats on it from the ground-truth cameras, holding out every 8th frame,
 * and writes {@code demo.ply} and {@code preview.png} into the same folder. When the poses
 * stages land, the demo runs {@code scan} on the video instead.
 */
public final class DemoPipeline {
    public static final String PLY = "demo.ply";
    public static final String PREVIEW = "preview.png";
    static final int OBJECT_POINTS = 20_000;
    static final int GROUND_POINTS = 10_000;

    private DemoPipeline() {
    }

    /**
     * @param steps training steps; the demo keeps them low enough for about three minutes on two cores
     */
    public static Pipeline create(GenerationSpec spec, Path outputFolder, int steps, int downscale) {
        GeneratedScene[] scene = new GeneratedScene[1];
        Path[] staged = new Path[1];
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage("render synthetic orbit", 2, context -> {
            staged[0] = context.stageOutput("scene", outputFolder);
            scene[0] = SceneGenerator.generate(spec, staged[0], (done, total) ->
                    context.progress((double) done / total, "rendering frame " + done + "/" + total));
            context.metric("frames", scene[0].frameCount());
            context.metric("width", spec.intrinsics().width());
            context.metric("height", spec.intrinsics().height());
            context.metric("video_encoder", scene[0].groundTruth().video().encoder());
            context.metric("seed", scene[0].groundTruth().scene().seed());
            context.message("camera poses come from the generator's ground truth; the demo runs scan on the "
                    + "video once the poses stages are in this build");
        }));
        TrainOptions options = new TrainOptions(steps, downscale, spec.scene().seed(), true, TrainOptions.defaultCap());
        // The trained scene and its preview are written into the staged demo folder, which is
        // published as a whole.
        stages.addAll(TrainPipeline.stagesInto(() -> dataset(scene[0]),
                options, SyntheticPosedDataset.background(spec.scene()), () -> staged[0].resolve(PLY),
                () -> staged[0].resolve(PREVIEW)));
        return new Pipeline(JobKind.DEMO, stages);
    }

    private static PosedDataset dataset(GeneratedScene scene) {
        try {
            return SyntheticPosedDataset.from(scene, OBJECT_POINTS, GROUND_POINTS, scene.scene().seed());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
