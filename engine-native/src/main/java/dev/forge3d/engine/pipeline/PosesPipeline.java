package dev.forge3d.engine.pipeline;

import dev.forge3d.api.JobKind;
import dev.forge3d.api.ScanParams;
import dev.forge3d.api.spi.DescriptorMatcher;
import dev.forge3d.engine.cpu.CpuDescriptorMatcher;
import dev.forge3d.engine.dataset.ColmapTextWriter;
import dev.forge3d.engine.dataset.TransformsJson;
import dev.forge3d.engine.features.ImageFeatures;
import dev.forge3d.engine.features.SiftExtractor;
import dev.forge3d.engine.input.ResolvedInput;
import dev.forge3d.engine.io.OutputLocations;
import dev.forge3d.engine.jobs.JobContext;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;
import dev.forge3d.engine.matching.FeatureMatching;
import dev.forge3d.engine.matching.ImagePair;
import dev.forge3d.engine.matching.PairSelection;
import dev.forge3d.engine.matching.VerifiedPair;
import dev.forge3d.engine.sfm.IncrementalMapper;
import dev.forge3d.engine.sfm.Reconstruction;
import dev.forge3d.engine.sfm.ReconstructionExport;
import dev.forge3d.engine.video.ExtractedFrames;
import dev.forge3d.engine.video.FrameExtractor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Video or photo folder to camera poses: frames, SIFT features, matching, incremental SfM, and
 * a dataset folder with {@code images/}, {@code transforms.json} and {@code sparse/0/}.
 * {@link #stages} is the first half of {@code scan}; {@link #create} is the {@code poses} job.
 */
public final class PosesPipeline {
    /** The COLMAP model's folder inside the dataset folder. */
    public static final String SPARSE_FOLDER = "sparse/0";

    private PosesPipeline() {
    }

    /** The poses job: the stages below, then the dataset folder is published as {@code outputFolder}. */
    public static Pipeline create(ScanParams params, ResolvedInput input, Path jobFolder, Path outputFolder) {
        return create(params, input, jobFolder, outputFolder, SiftExtractor.DEFAULT_MAX_FEATURES);
    }

    /** The poses job with a cap on SIFT features per image other than the default 8,192. */
    public static Pipeline create(ScanParams params, ResolvedInput input, Path jobFolder, Path outputFolder,
                                  int maxFeatures) {
        OutputLocations.requireFolder(outputFolder, input.files(),
                folder -> Files.isRegularFile(folder.resolve(TransformsJson.FILE_NAME)), "poses output");
        Path dataset = jobFolder.resolve("poses-dataset");
        List<Stage> stages = new ArrayList<>(stages(params, input, dataset, maxFeatures));
        stages.add(new Stage("publish", 1, context -> {
            Path staged = context.stageOutput("poses", outputFolder);
            Files.move(dataset, staged);
        }));
        return new Pipeline(JobKind.POSES, stages);
    }

    /**
     * The stages that write a posed dataset into {@code datasetFolder} (created by them): frames in
     * {@code images/}, {@code transforms.json}, {@code sparse_pc.ply} and {@code sparse/0/*.txt}.
     * They report {@code registered_frames}, {@code total_frames}, {@code points},
     * {@code mean_reprojection_error_px} and {@code focal_px}.
     */
    public static List<Stage> stages(ScanParams params, ResolvedInput input, Path datasetFolder) {
        return stages(params, input, datasetFolder, SiftExtractor.DEFAULT_MAX_FEATURES);
    }

    /** {@link #stages(ScanParams, ResolvedInput, Path)} with at most {@code maxFeatures} SIFT features per image. */
    public static List<Stage> stages(ScanParams params, ResolvedInput input, Path datasetFolder, int maxFeatures) {
        if (maxFeatures < 1) {
            throw new IllegalArgumentException("maxFeatures must be >= 1: " + maxFeatures);
        }
        State state = new State();
        return List.of(
                new Stage("extract frames", 10, context -> {
                    Files.createDirectories(datasetFolder);
                    context.progress(0, "extracting frames");
                    state.frames = input.folder()
                            ? FrameExtractor.fromPhotos(input.files(), params.downscale(), datasetFolder,
                            context::progress)
                            : FrameExtractor.fromVideo(input.file(), input.name(), params.frames(), params.downscale(),
                            datasetFolder, context::message, context::progress);
                    context.metric("total_frames", state.frames.files().size());
                }),
                new Stage("extract features", 15, context -> {
                    List<Path> files = state.frames.files();
                    ImageFeatures[] features = new ImageFeatures[files.size()];
                    AtomicInteger done = new AtomicInteger();
                    IntStream.range(0, files.size()).parallel().forEach(i -> {
                        ImageFeatures own = SiftExtractor.extract(files.get(i), maxFeatures);
                        // The mapper estimates one camera: it sees every frame's keypoints in the reference image.
                        features[i] = own.inReference(state.frames.mappings().get(i));
                        int n = done.incrementAndGet();
                        context.progress((double) n / files.size(), "features " + n + "/" + files.size());
                    });
                    state.features = List.of(features);
                }),
                new Stage("match features", 40, context -> {
                    List<ImagePair> pairs = PairSelection.select(params.matching(), state.features, params.seed());
                    DescriptorMatcher matcher = matcher(context);
                    state.pairs = FeatureMatching.matchAndVerify(state.features, pairs, matcher, n ->
                            context.progress((double) n / pairs.size(), "matching pair " + n + "/" + pairs.size()));
                    context.metric("matched_pairs", pairs.size());
                    context.metric("verified_pairs", state.pairs.size());
                }),
                new Stage("reconstruct", 30, context -> {
                    ExtractedFrames frames = state.frames;
                    state.model = IncrementalMapper.reconstruct(state.features, state.pairs, frames.width(),
                            frames.height(), new IncrementalMapper.Listener() {
                                @Override
                                public void registered(int registered, int total) {
                                    context.progress((double) registered / total,
                                            "registered " + registered + "/" + total + " frames");
                                }

                                @Override
                                public void message(String message) {
                                    context.message(message);
                                }
                            });
                    Reconstruction model = state.model;
                    int left = model.imageCount() - model.registeredCount();
                    if (left > 0) {
                        context.message(left + " of " + model.imageCount() + " frames could not be registered "
                                + "to the model and were left out");
                    }
                    context.metric("registered_frames", model.registeredCount());
                    context.metric("points", model.pointIds().length);
                    context.metric("mean_reprojection_error_px", MetricRounding.round(model.meanReprojectionError(), 4));
                    context.metric("focal_px", MetricRounding.round(model.focal(), 3));
                }),
                new Stage("write dataset", 5, context -> {
                    Reconstruction model = state.model;
                    List<String> paths = new ArrayList<>();
                    List<String> names = new ArrayList<>();
                    for (int i = 0; i < model.imageCount(); i++) {
                        paths.add(FrameExtractor.framePath(i));
                        names.add(Path.of(FrameExtractor.framePath(i)).getFileName().toString());
                    }
                    ReconstructionExport export = new ReconstructionExport(model, state.frames.mappings());
                    TransformsJson.write(export.dataset(datasetFolder, paths), params.downscale());
                    ColmapTextWriter.write(export.colmap(names),
                            datasetFolder.resolve(SPARSE_FOLDER));
                }));
    }

    private static DescriptorMatcher matcher(JobContext context) {
        return context.backend().descriptorMatcher().orElseGet(() -> {
            context.message("the " + context.backend().info().name() + " backend has no descriptor matcher; "
                    + "matching on the CPU");
            return new CpuDescriptorMatcher(true);
        });
    }

    /** What one stage hands the next. */
    private static final class State {
        ExtractedFrames frames;
        List<ImageFeatures> features;
        List<VerifiedPair> pairs;
        Reconstruction model;
    }
}
