package dev.forge3d.engine.pipeline;

import dev.forge3d.api.JobKind;
import dev.forge3d.api.ScanParams;
import dev.forge3d.engine.input.MediaKind;
import dev.forge3d.engine.input.ResolvedInput;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in demo: renders the synthetic ground-truth orbit (frames, MP4, masks, mesh, poses),
 * then runs scan on its video — poses with unknown intrinsics, then splat training with every 8th
 * frame held out — and writes {@code demo.ply} and {@code preview.png} beside the ground truth.
 * Everything is built in the job's folder and published as one folder at the end.
 */
public final class DemoPipeline {
    public static final String PLY = "demo.ply";
    public static final String PREVIEW = "preview.png";

    private DemoPipeline() {
    }

    /**
     * @param steps     training steps; the demo keeps them low enough for about three minutes on two cores
     * @param downscale image downscale of the frames that poses and training use
     */
    public static Pipeline create(GenerationSpec spec, Path jobFolder, Path outputFolder, int steps, int downscale) {
        Path demo = jobFolder.resolve("demo");
        Path dataset = jobFolder.resolve("poses-dataset");
        long seed = spec.scene().seed();
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage("render synthetic orbit", 2, context -> {
            GeneratedScene scene = SceneGenerator.generate(spec, demo, (done, total) ->
                    context.progress((double) done / total, "rendering frame " + done + "/" + total));
            context.metric("frames", scene.frameCount());
            context.metric("width", spec.intrinsics().width());
            context.metric("height", spec.intrinsics().height());
            context.metric("video_encoder", scene.groundTruth().video().encoder());
            context.metric("seed", seed);
        }));
        int frames = Math.clamp(spec.rig().size(), ScanParams.MIN_FRAMES, ScanParams.MAX_FRAMES);
        ScanParams poses = ScanParams.builder().frames(frames).downscale(downscale).seed(seed).build();
        ResolvedInput video = new ResolvedInput(List.of(demo.resolve(SceneGenerator.VIDEO_FILE)), MediaKind.MP4, false);
        stages.addAll(PosesPipeline.stages(poses, video, dataset));
        // The extracted frames are already downscaled: train on them as they are.
        TrainOptions training = new TrainOptions(steps, 1, seed, true, TrainOptions.defaultCap());
        stages.addAll(TrainPipeline.stagesInto(() -> TrainPipeline.readDataset(dataset), training,
                SyntheticPosedDataset.background(spec.scene()), () -> demo.resolve(PLY), () -> demo.resolve(PREVIEW)));
        stages.add(new Stage("publish", 0.5, context -> Files.move(demo, context.stageOutput("demo", outputFolder))));
        return new Pipeline(JobKind.DEMO, stages);
    }
}
