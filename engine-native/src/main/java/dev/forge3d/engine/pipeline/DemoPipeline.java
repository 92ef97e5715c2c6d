package dev.forge3d.engine.pipeline;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.JobKind;
import dev.forge3d.api.ScanParams;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.input.MediaKind;
import dev.forge3d.engine.input.ResolvedInput;
import dev.forge3d.engine.io.OutputLocations;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The built-in demo: renders the synthetic ground-truth orbit (frames, MP4, masks, mesh, poses),
 * then runs scan on its video — poses with unknown intrinsics, then splat training with every 8th
 * frame held out — and writes {@code demo.ply} and {@code preview.png} beside the ground truth.
 * Everything is built in the job's folder and published as one folder at the end.
 *
 * <p>With {@code groundTruthPoses}, training uses the generator's cameras and sampled surface
 * points instead of the poses stages: the reference run that separates training quality from
 * pose quality ({@code scripts/bench-splat-synthetic.sh}).
 */
public final class DemoPipeline {
    public static final String PLY = "demo.ply";
    public static final String PREVIEW = "preview.png";
    private static final int OBJECT_POINTS = 20_000;
    private static final int GROUND_POINTS = 10_000;

    private DemoPipeline() {
    }

    /**
     * @param steps     training steps; the demo keeps them low enough for about three minutes on two cores
     * @param downscale image downscale of the frames that poses and training use
     * @param groundTruthPoses train from the generator's cameras instead of estimating poses
     */
    public static Pipeline create(GenerationSpec spec, Path jobFolder, Path outputFolder, int steps, int downscale,
                                  boolean groundTruthPoses) {
        OutputLocations.requireFolder(outputFolder, List.of(), folder -> Files.isRegularFile(folder.resolve(PLY)),
                "demo output");
        Path demo = jobFolder.resolve("demo");
        long seed = spec.scene().seed();
        GeneratedScene[] scene = new GeneratedScene[1];
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage("render synthetic orbit", 2, context -> {
            scene[0] = SceneGenerator.generate(spec, demo, (done, total) ->
                    context.progress((double) done / total, "rendering frame " + done + "/" + total));
            context.metric("frames", scene[0].frameCount());
            context.metric("width", spec.intrinsics().width());
            context.metric("height", spec.intrinsics().height());
            context.metric("video_encoder", scene[0].groundTruth().video().encoder());
            context.metric("seed", seed);
        }));
        Supplier<PosedDataset> dataset;
        int trainingDownscale;
        if (groundTruthPoses) {
            dataset = () -> groundTruthDataset(scene[0]);
            trainingDownscale = downscale;
        } else {
            Path posesFolder = jobFolder.resolve("poses-dataset");
            int frames = Math.clamp(spec.rig().size(), ScanParams.MIN_FRAMES, ScanParams.MAX_FRAMES);
            ScanParams poses = ScanParams.builder().frames(frames).downscale(downscale).seed(seed).build();
            Path videoFile = demo.resolve(SceneGenerator.VIDEO_FILE);
            ResolvedInput video = new ResolvedInput(videoFile.toString(), List.of(videoFile), MediaKind.MP4, false,
                    Optional.empty(), List.of());
            stages.addAll(PosesPipeline.stages(poses, video, posesFolder));
            // The frames are the generator's, not a user's input, which the engine's limit is for.
            dataset = () -> TrainPipeline.readDataset(posesFolder, EngineConfig.DEFAULT_MAX_IMAGE_PIXELS);
            trainingDownscale = 1; // the extracted frames are already downscaled
        }
        TrainOptions training = new TrainOptions(steps, trainingDownscale, seed, true, TrainOptions.defaultCap());
        stages.addAll(TrainPipeline.stagesInto(dataset, training, SyntheticPosedDataset.background(spec.scene()),
                () -> demo.resolve(PLY), () -> demo.resolve(PREVIEW)));
        stages.add(new Stage("publish", 0.5, context -> Files.move(demo, context.stageOutput("demo", outputFolder))));
        return new Pipeline(JobKind.DEMO, stages);
    }

    private static PosedDataset groundTruthDataset(GeneratedScene scene) {
        try {
            return SyntheticPosedDataset.from(scene, OBJECT_POINTS, GROUND_POINTS, scene.scene().seed());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
