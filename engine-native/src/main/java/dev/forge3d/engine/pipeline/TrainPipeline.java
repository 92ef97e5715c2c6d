package dev.forge3d.engine.pipeline;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.JobKind;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatSession;
import dev.forge3d.api.spi.SplatSessionFactory;
import dev.forge3d.engine.dataset.CameraIntrinsics;
import dev.forge3d.engine.dataset.ColmapModelReader;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.dataset.PosedFrame;
import dev.forge3d.engine.dataset.SparsePoint;
import dev.forge3d.engine.dataset.TransformsJson;
import dev.forge3d.engine.io.FileNames;
import dev.forge3d.engine.io.GaussianPly;
import dev.forge3d.engine.io.OutputLocations;
import dev.forge3d.engine.jobs.JobContext;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;
import dev.forge3d.engine.splat.CpuSplatSession;
import dev.forge3d.engine.splat.ImageMetrics;
import dev.forge3d.engine.splat.PlanarImages;
import dev.forge3d.engine.splat.SplatInitialisation;
import dev.forge3d.engine.splat.SplatTrainer;
import dev.forge3d.engine.splat.SplatViews;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Splat training as job stages: load the posed images, train, evaluate the held-out frames,
 * write the 3DGS PLY. {@link #stages} is reusable, so {@code scan} is the poses stages followed
 * by these.
 */
public final class TrainPipeline {
    static final float[] BLACK = {0, 0, 0};
    private static final int RANDOM_INIT_POINTS = 20_000;

    private TrainPipeline() {
    }

    /**
     * {@code forge3d train}: a dataset folder (transforms.json or COLMAP) to a PLY. The downscale
     * is of the source: frames that {@code forge3d poses} already shrank (it records by how much)
     * are shrunk only by what is left, so poses then train trains at the size scan does.
     *
     * @param maxImagePixels the engine's {@link dev.forge3d.api.EngineConfig#maxImagePixels()}: a
     *                       dataset camera over it is {@link ErrorCode#INPUT_TOO_LARGE}
     */
    public static Pipeline create(Path datasetFolder, TrainOptions options, Path outputPly, long maxImagePixels) {
        // The dataset is read once, here, at submit: what is wrong with it is thrown by submit,
        // typed and naming the file, as Engine.submit does for every other input; and the job
        // trains on what was checked, whatever happens to the files while it waits.
        TransformsJson.Contents read = readWithSourceDownscale(datasetFolder, maxImagePixels);
        PosedDataset dataset = read.dataset();
        // No output may overwrite a file of the dataset: a frame (named by the dataset file, wherever
        // it is), or the dataset's own files (transforms.json, its points, the COLMAP model).
        List<Path> datasetFiles = new ArrayList<>(dataset.frames().stream().map(PosedFrame::file).toList());
        datasetFiles.addAll(filesIn(datasetFolder));
        datasetFiles.addAll(filesIn(datasetFolder.resolve(PosesPipeline.SPARSE_FOLDER)));
        OutputLocations.requireFiles(List.of(outputPly, previewPath(outputPly)), datasetFiles, List.of());
        int source = read.sourceDownscale();
        List<Stage> stages = new ArrayList<>();
        if (options.downscale() < source) {
            stages.add(new Stage("dataset scale", 0.1, context -> context.message("the dataset's frames are already "
                    + "1/" + source + " of their source, so downscale " + options.downscale()
                    + " cannot be met: they are used as they are")));
        }
        stages.addAll(stages(() -> dataset, options.relativeToSource(source), BLACK, outputPly,
                previewPath(outputPly)));
        return new Pipeline(JobKind.TRAIN, stages);
    }

    /** Where the preview goes beside {@code SCENE.ply}: {@code SCENE-preview.png}. */
    public static Path previewPath(Path outputPly) {
        // Only .ply is dropped; any other name stays whole in the preview's (scene.bin-preview.png).
        String stem = FileNames.extension(outputPly).equalsIgnoreCase(".ply") ? FileNames.stem(outputPly)
                : outputPly.getFileName().toString();
        return outputPly.resolveSibling(stem + "-preview.png");
    }

    /** The regular files directly in {@code folder}; none when it is missing or cannot be listed. */
    private static List<Path> filesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Reads transforms.json when the folder has one, the COLMAP model otherwise, holding its
     * cameras to {@code maxImagePixels}.
     */
    public static PosedDataset readDataset(Path folder, long maxImagePixels) {
        return readWithSourceDownscale(folder, maxImagePixels).dataset();
    }

    /** {@link #readDataset}, with the source downscale transforms.json records (a COLMAP model records none: 1). */
    private static TransformsJson.Contents readWithSourceDownscale(Path folder, long maxImagePixels) {
        Path transforms = folder.resolve(TransformsJson.FILE_NAME);
        if (Files.isRegularFile(transforms)) {
            return TransformsJson.readContents(transforms, maxImagePixels);
        }
        return new TransformsJson.Contents(ColmapModelReader.read(folder, maxImagePixels), 1);
    }

    /** State handed from one training stage to the next. */
    private static final class Run {
        PosedDataset dataset;
        final List<SplatTrainer.Frame> train = new ArrayList<>();
        final List<SplatTrainer.Frame> test = new ArrayList<>();
        SplatSession session;
    }

    /**
     * @param dataset    called in the first stage (so a previous stage may produce it)
     * @param background the colour behind the Gaussians
     * @param previewPng the held-out view (or, without eval, the first view) next to its ground truth
     */
    public static List<Stage> stages(Supplier<PosedDataset> dataset, TrainOptions options, float[] background,
                                     Path outputPly, Path previewPng) {
        return stages(dataset, options, background, context -> context.stageOutput("scene", outputPly),
                previewPng == null ? null : context -> context.stageOutput("preview", previewPng));
    }

    /**
     * The same stages writing into files inside an output that an earlier stage staged (the demo
     * folder, published whole).
     */
    public static List<Stage> stagesInto(Supplier<PosedDataset> dataset, TrainOptions options, float[] background,
                                         Supplier<Path> plyFile, Supplier<Path> previewFile) {
        return stages(dataset, options, background, context -> plyFile.get(), context -> previewFile.get());
    }

    /** Where a stage writes an output. */
    @FunctionalInterface
    private interface OutputFile {
        Path in(JobContext context) throws java.io.IOException;
    }

    private static List<Stage> stages(Supplier<PosedDataset> dataset, TrainOptions options, float[] background,
                                      OutputFile ply, OutputFile preview) {
        Run run = new Run();
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage("load images", 1, context -> loadImages(context, run, dataset, options)));
        stages.add(new Stage("train splats", 20, context -> train(context, run, options, background)));
        stages.add(new Stage("evaluate", 1, context -> evaluate(context, run, preview)));
        stages.add(new Stage("write ply", 0.5, context -> {
            SplatArrays gaussians = run.session.download();
            GaussianPly.write(gaussians, ply.in(context));
            context.metric("gaussians", gaussians.count());
        }));
        return stages;
    }

    private static void loadImages(JobContext context, Run run, Supplier<PosedDataset> source, TrainOptions options) {
        PosedDataset dataset = source.get();
        if (dataset.frames().isEmpty()) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, dataset.folder() + ": the dataset has no images");
        }
        run.dataset = dataset;
        boolean anyDistortion = false;
        List<PosedFrame> frames = dataset.frames();
        long pixels = 0;
        for (PosedFrame frame : frames) {
            // Not CameraIntrinsics.downscaled, which throws on a frame with no pixels left: the loop
            // below reports that case as invalid_param.
            CameraIntrinsics own = dataset.camera(frame);
            pixels += (long) (own.width() / options.downscale()) * (own.height() / options.downscale());
        }
        TrainingImageHeap.requireRoom(pixels, dataset.folder() + ": the " + frames.size() + " images");
        for (int i = 0; i < frames.size(); i++) {
            context.progress((double) i / frames.size(), "loading image " + (i + 1) + "/" + frames.size());
            PosedFrame frame = frames.get(i);
            CameraIntrinsics own = dataset.camera(frame);
            if (own.width() < options.downscale() || own.height() < options.downscale()) {
                throw new Forge3dException(ErrorCode.INVALID_PARAM, String.format(Locale.ROOT,
                        "%s: a %d x %d frame has no pixels left at a downscale of %d; use a smaller --downscale",
                        frame.filePath(), own.width(), own.height(), options.downscale()));
            }
            CameraIntrinsics camera = own.downscaled(options.downscale());
            anyDistortion |= camera.k1() != 0;
            if (!Files.isRegularFile(frame.file())) {
                throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, frame.file() + ": frame image does not exist");
            }
            float[] image = PlanarImages.load(frame.file(), camera.width(), camera.height());
            SplatTrainer.Frame f = new SplatTrainer.Frame(SplatViews.of(camera, frame), image);
            boolean heldOut = options.eval() && frames.size() > 1 && i % TrainOptions.HOLD_OUT_EVERY == 0;
            (heldOut ? run.test : run.train).add(f);
        }
        if (anyDistortion) {
            context.message("radial distortion (k1) is not modelled by the rasteriser; images are used as they are");
        }
        context.metric("train_frames", run.train.size());
        context.metric("test_frames", run.test.size());
        context.metric("image_width", run.train.getFirst().view().width());
        context.metric("image_height", run.train.getFirst().view().height());
    }

    private static void train(JobContext context, Run run, TrainOptions options, float[] background) {
        SplatSessionFactory factory = context.backend().splatSessions().orElse(null);
        if (factory == null) {
            context.message(context.backend().info().name() + " has no splat training yet; training on the CPU");
            factory = CpuSplatSession::new;
        }
        List<SparsePoint> points = run.dataset.points();
        if (points.isEmpty()) {
            context.message("the dataset has no sparse points; starting from " + RANDOM_INIT_POINTS
                    + " random points around the cameras' centre");
            points = randomPoints(run.train, options.seed());
        }
        SplatArrays initial = SplatInitialisation.fromPoints(points);
        context.metric("initial_gaussians", initial.count());
        long start = System.nanoTime();
        SplatTrainer.Options trainerOptions = SplatTrainer.Options.of(options.steps(), options.seed(), context.threads(),
                options.maxGaussians(), background);
        try {
            run.session = context.closeAtEnd(SplatTrainer.train(factory, initial, run.train, trainerOptions,
                    (step, steps, loss, gaussians) -> {
                        if (step % 10 == 0 || step == steps) {
                            context.progress((double) step / steps, String.format(Locale.ROOT,
                                    "step %d/%d loss %.4f, %d gaussians", step, steps, loss, gaussians));
                        } else {
                            context.checkCancelled();
                        }
                    }));
        } catch (Forge3dException e) {
            throw e.code() == ErrorCode.OUT_OF_MEMORY && context.backend().kind() == DeviceKind.CUDA
                    ? gpuOutOfMemory(e) : e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        context.metric("steps", options.steps());
        context.metric("train_seconds", MetricRounding.round(seconds, 1));
    }

    /** No silent fallback to the CPU: the user picks what to give up. */
    private static Forge3dException gpuOutOfMemory(Forge3dException e) {
        return new Forge3dException(ErrorCode.OUT_OF_MEMORY, "the GPU ran out of memory while training splats ("
                + e.getMessage() + "); run with --device cpu, or with a higher --downscale (2 or 4) for smaller images",
                e);
    }

    private static void evaluate(JobContext context, Run run, OutputFile previewPng) throws Exception {
        List<SplatTrainer.Frame> frames = run.test.isEmpty() ? run.train : run.test;
        double psnr = 0;
        double ssim = 0;
        float[] preview = null;
        for (int i = 0; i < frames.size(); i++) {
            context.progress((double) i / frames.size(), "rendering view " + (i + 1) + "/" + frames.size());
            SplatTrainer.Frame f = frames.get(i);
            float[] image = new float[f.image().length];
            run.session.render(f.view(), image);
            if (i == 0) {
                preview = image;
            }
            if (!run.test.isEmpty()) {
                psnr += ImageMetrics.psnr(image, f.image()) / frames.size();
                ssim += ImageMetrics.ssim(image, f.image(), f.view().width(), f.view().height()) / frames.size();
            }
        }
        if (!run.test.isEmpty()) {
            context.metric("psnr", MetricRounding.round(psnr, 2));
            context.metric("ssim", MetricRounding.round(ssim, 4));
        }
        if (previewPng != null) {
            SplatTrainer.Frame first = frames.getFirst();
            PlanarImages.writeSideBySide(List.of(preview, first.image()), first.view().width(), first.view().height(),
                    previewPng.in(context));
        }
    }

    /** 3DGS's fallback without SfM points: random points in a ball around the cameras' look-at region. */
    private static List<SparsePoint> randomPoints(List<SplatTrainer.Frame> frames, long seed) {
        float extent = SplatTrainer.sceneExtent(frames);
        double[] centre = new double[3];
        for (SplatTrainer.Frame f : frames) {
            float[] c = f.view().cameraCentre();
            for (int k = 0; k < 3; k++) {
                centre[k] += c[k] / frames.size();
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<SparsePoint> points = new ArrayList<>();
        while (points.size() < RANDOM_INIT_POINTS) {
            double x = random.nextDouble(-1, 1), y = random.nextDouble(-1, 1), z = random.nextDouble(-1, 1);
            if (x * x + y * y + z * z <= 1) {
                points.add(new SparsePoint(centre[0] + x * extent, centre[1] + y * extent, centre[2] + z * extent,
                        random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            }
        }
        return points;
    }
}
