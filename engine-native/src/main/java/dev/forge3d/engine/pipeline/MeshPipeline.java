package dev.forge3d.engine.pipeline;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.JobKind;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.OutputFormat;
import dev.forge3d.api.Resolution;
import dev.forge3d.api.View;
import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.engine.estimate.CostModel;
import dev.forge3d.engine.input.ImageDimensions;
import dev.forge3d.engine.input.ResolvedInput;
import dev.forge3d.engine.io.FileNames;
import dev.forge3d.engine.io.OutputLocations;
import dev.forge3d.engine.jobs.JobContext;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;
import dev.forge3d.engine.media.ImageDecoding;
import dev.forge3d.engine.mesh.CpuMeshKernels;
import dev.forge3d.engine.mesh.DenseSurface;
import dev.forge3d.engine.mesh.EdgeSplitting;
import dev.forge3d.engine.mesh.MeshAsset;
import dev.forge3d.engine.mesh.MeshBuild;
import dev.forge3d.engine.mesh.MeshSimplifier;
import dev.forge3d.engine.mesh.MirrorPlanes;
import dev.forge3d.engine.mesh.PosedView;
import dev.forge3d.engine.mesh.Segmentation;
import dev.forge3d.engine.mesh.SilhouetteGeometryModel;
import dev.forge3d.engine.mesh.TriMesh;
import dev.forge3d.engine.mesh.ViewImage;
import dev.forge3d.engine.mesh.ViewNormalisation;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The mesh job: one to four photos to a textured mesh. Segmentation, silhouette geometry,
 * simplification, UV and texture bake, placement, then the requested formats.
 */
public final class MeshPipeline {
    /** Set once a mesh job has written its outputs in this process: libraries loaded, stages compiled. */
    private static final AtomicBoolean RAN_IN_THIS_PROCESS = new AtomicBoolean();

    private MeshPipeline() {
    }

    /** Whether a mesh job has run to its end in this process, which makes later ones faster (the estimate's warm-up). */
    public static boolean hasRunInThisProcess() {
        return RAN_IN_THIS_PROCESS.get();
    }

    /** What the stages hand on to each other. */
    private static final class State {
        MeshKernels kernels;
        List<PosedView> views;
        DenseSurface dense;
        TriMesh simplified;
        MeshAsset asset;
    }

    public static Pipeline create(MeshRequest request, Map<View, ResolvedInput> views) {
        checkOutputs(request, views);
        MeshParams params = request.params();
        Set<OutputFormat> formats = formats(request);
        State state = new State();
        return new Pipeline(JobKind.MESH, List.of(
                new Stage("segmentation", 10, context -> state.views = segment(views, params, context)),
                new Stage("geometry", 30, context -> {
                    state.kernels = kernels(context);
                    try {
                        // Silhouettes only: the views' cameras are assumed (a typical lens, 90 degrees
                        // apart, an estimated elevation), too rough for colour carving, which needs
                        // pixel-accurate poses.
                        state.dense = MeshBuild.reconstruct(state.views, params.resolution(),
                                new SilhouetteGeometryModel(false, state.kernels),
                                f -> context.progress(f, "carving the volume"));
                    } catch (SilhouetteGeometryModel.EmptyReconstructionException e) {
                        throw new Forge3dException(ErrorCode.RECONSTRUCTION_FAILED, "geometry: " + e.getMessage()
                                + (state.views.size() > 1 ? "; check that the views show one object 90 degrees apart"
                                : ""));
                    }
                    context.metric("dense_faces", state.dense.mesh().faceCount());
                }),
                new Stage("simplification", 10, context -> {
                    int dense = state.dense.mesh().faceCount();
                    int target = MeshSimplifier.targetFaces(dense, params.faces(), params.simplifyRatio());
                    if (params.simplifyRatio() > 0 && target > MeshSimplifier.facesLeftBy(dense, params.simplifyRatio())) {
                        context.message("--simplify " + params.simplifyRatio() + " would leave fewer than "
                                + MeshParams.MIN_FACES + " faces; kept " + target);
                    }
                    state.simplified = MeshSimplifier.simplify(state.dense.mesh(), target);
                    if (state.simplified.faceCount() == 0) {
                        throw new Forge3dException(ErrorCode.RECONSTRUCTION_FAILED,
                                "simplification left no faces of the " + dense);
                    }
                    if (state.simplified.faceCount() < target * 0.98) {
                        // The count asked for is written even when the volume gave fewer faces;
                        // the note says that the added faces add no detail.
                        state.simplified = EdgeSplitting.splitTo(state.simplified, target);
                        if (dense < target) {
                            context.message(splitNote(dense, target, params.resolution()));
                        }
                    }
                }),
                new Stage("texture", 25, context -> {
                    int mirrorPlanes = MirrorPlanes.of(params.symmetry(), state.views);
                    context.metric("mirror_planes", MirrorPlanes.names(mirrorPlanes));
                    state.asset = MeshBuild.texture(state.simplified, state.dense, state.views, params, mirrorPlanes,
                            context::checkCancelled, state.kernels);
                }),
                new Stage("placement", 2, context -> {
                    double[] size = new double[3];
                    state.asset = MeshBuild.place(state.asset, params, size);
                    context.metric("faces", state.asset.mesh().faceCount());
                    context.metric("vertices", state.asset.mesh().vertexCount());
                    context.metric("texture_size", params.textureSize());
                    // Significant digits, not decimals: a box may be a micrometre or a kilometre wide.
                    context.metric("bbox_m", List.of(MetricRounding.significant(size[0], 5),
                            MetricRounding.significant(size[1], 5), MetricRounding.significant(size[2], 5)));
                }),
                new Stage("outputs", 23, context -> {
                    MeshOutputs.write(state.asset, params.topology(), formats, request.output(), context);
                    RAN_IN_THIS_PROCESS.set(true);
                })));
    }

    /**
     * The checks of a request whose views were read that submit makes before the job is queued,
     * and the estimate makes too: every file the job would write, companions included, can be
     * written and is none of the views.
     *
     * @throws Forge3dException {@link ErrorCode#INVALID_PARAM} naming the output
     */
    public static void checkOutputs(MeshRequest request, Map<View, ResolvedInput> views) {
        OutputLocations.requireFiles(MeshOutputs.files(formats(request), request.output(), request.params().pbr()),
                views.values().stream().map(ResolvedInput::file).toList(), List.of());
    }

    /**
     * The views as the estimate counts them ({@link CostModel.MeshViews}): each view's pixels as
     * its header declares them, and at its working size ({@link MeshViewSize}); a view whose
     * header gave no size counts as the largest working size, so that the estimate errs on the
     * safe side.
     */
    public static CostModel.MeshViews estimatedViews(Map<View, ResolvedInput> views) {
        ImageDimensions largest = new ImageDimensions(MeshViewSize.MAX_WORKING_SIDE, MeshViewSize.MAX_WORKING_SIDE);
        long decoded = 0, working = 0;
        for (ResolvedInput view : views.values()) {
            ImageDimensions size = view.imageSize().orElse(largest);
            decoded += size.pixels();
            working += MeshViewSize.workingSize(size).pixels();
        }
        return new CostModel.MeshViews(views.size(), decoded, working);
    }

    /** The note for a face count reached by splitting edges; high_poly is advised only where it is not in use. */
    static String splitNote(int denseFaces, int target, Resolution resolution) {
        return "the reconstruction has " + denseFaces + " faces, fewer than the " + target + " asked for: its "
                + "longest edges were split to reach that count, which adds no detail"
                + (resolution == Resolution.LOW_POLY ? "; --resolution high_poly gives more" : "");
    }

    /** The formats asked for, and the primary output's own, which is always written. */
    static Set<OutputFormat> formats(MeshRequest request) {
        Set<OutputFormat> formats = EnumSet.copyOf(request.params().outputs());
        OutputFormat.namedBy(request.output()).ifPresent(formats::add);
        return formats;
    }

    /**
     * The backend's volume carving, marching cubes and texture bake, or the CPU twins when it has
     * none; a job on another backend than the CPU says which ran.
     */
    private static MeshKernels kernels(JobContext context) {
        String backend = context.backend().info().name();
        return context.backend().meshKernels().map(kernels -> {
            if (context.backend().kind() != DeviceKind.CPU) {
                context.message("volume carving, marching cubes and texture bake run on the " + backend + " backend");
            }
            return kernels;
        }).orElseGet(() -> {
            context.message("the " + backend + " backend has no mesh kernels; volume carving, marching cubes and "
                    + "texture bake run on the CPU");
            return new CpuMeshKernels();
        });
    }

    /** Replaces (and frees) each view longer than {@link MeshViewSize#MAX_WORKING_SIDE} by its shrunk copy. */
    private static void shrinkToWorkingSize(Map<View, Mat> images, JobContext context) {
        for (Map.Entry<View, Mat> entry : images.entrySet()) {
            Mat image = entry.getValue();
            MeshViewSize.shrunk(image).ifPresent(shrunk -> {
                context.message(String.format(Locale.ROOT, "the %s view is %d x %d pixels; the mesh job works on it at"
                                + " %d x %d (the texture is at most 2048 a side)",
                        entry.getKey().name().toLowerCase(Locale.ROOT), image.cols(), image.rows(), shrunk.cols(),
                        shrunk.rows()));
                entry.setValue(shrunk);
                image.close();
            });
        }
    }

    private static List<PosedView> segment(Map<View, ResolvedInput> views, MeshParams params, JobContext context) {
        Map<View, Mat> images = new EnumMap<>(View.class);
        Map<View, ViewImage> segmentedViews;
        try {
            int decoded = 0;
            for (Map.Entry<View, ResolvedInput> entry : new EnumMap<>(views).entrySet()) {
                context.checkCancelled();
                images.put(entry.getKey(), ImageDecoding.decode(entry.getValue().file(), entry.getValue().name()));
                context.progress(0.2 * ++decoded / views.size(), "decoded the "
                        + entry.getKey().name().toLowerCase(Locale.ROOT) + " view");
            }
            MeshViewChecks.requireOneShape(images);
            MeshViewChecks.requireDistinct(images);
            shrinkToWorkingSize(images, context);
            // All views together: opposite views' outlines help each other (Segmentation.segmentViews).
            segmentedViews = Segmentation.segmentViews(images, context::checkCancelled);
            for (Map.Entry<View, ViewImage> entry : segmentedViews.entrySet()) {
                MeshViewChecks.requireObject(entry.getKey(), entry.getValue());
                if (Segmentation.reachesBackdropBand(images.get(entry.getKey()), entry.getValue())) {
                    context.message(MeshViewChecks.cutOffNote(entry.getKey(), entry.getValue()));
                }
            }
        } finally {
            images.values().forEach(Mat::close);
        }
        context.progress(1, "segmented " + views.size() + " views");
        context.metric("views", views.size());
        return new ArrayList<>(MeshBuild.poseNormalised(
                ViewNormalisation.normalise(segmentedViews, MeshBuild.canvasHeight(params.resolution()))));
    }

    /**
     * The file of one format: the primary output itself, as it was given, for the format its name
     * ends in ({@link OutputFormat#namedBy}, any case, so {@code UP.GLB} is written as asked);
     * otherwise beside it, the same name with the format's extension.
     */
    static Path outputFile(Path primary, OutputFormat format) {
        if (OutputFormat.namedBy(primary).filter(format::equals).isPresent()) {
            return primary;
        }
        return FileNames.withExtension(primary, "." + format.wireName());
    }
}
