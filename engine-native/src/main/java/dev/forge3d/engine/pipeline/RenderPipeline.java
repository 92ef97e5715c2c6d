package dev.forge3d.engine.pipeline;

import dev.forge3d.api.JobKind;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatSession;
import dev.forge3d.api.spi.SplatSessionFactory;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;
import dev.forge3d.engine.dataset.CameraIntrinsics;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.dataset.PosedFrame;
import dev.forge3d.engine.dataset.TransformsJson;
import dev.forge3d.engine.io.FileNames;
import dev.forge3d.engine.io.GaussianPly;
import dev.forge3d.engine.io.OutputLocations;
import dev.forge3d.engine.jobs.JobContext;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;
import dev.forge3d.engine.splat.CpuSplatSession;
import dev.forge3d.engine.splat.PlanarImages;
import dev.forge3d.engine.splat.SplatViews;
import dev.forge3d.engine.synthetic.Mp4VideoWriter;
import org.joml.Matrix4d;
import org.joml.Vector3d;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code forge3d render}: a 3DGS PLY rendered at the poses of a transforms.json (one PNG per
 * frame, named after the frame's image), or as a 360 degree turntable MP4 around the scene.
 */
public final class RenderPipeline {
    static final int TURNTABLE_FRAMES = 120;
    static final int TURNTABLE_WIDTH = 640;
    static final int TURNTABLE_HEIGHT = 360;

    private RenderPipeline() {
    }

    /** Whether a folder holds only PNG files, as an earlier render's does. */
    private static boolean holdsOnlyImages(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.allMatch(entry -> Files.isRegularFile(entry)
                    && FileNames.extension(entry).equalsIgnoreCase(".png"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The poses are read here, at submit, as {@link TrainPipeline#create} reads its dataset: what is
     * wrong with them is thrown by submit, typed and naming the file.
     *
     * @param maxImagePixels the engine's limit: views are rendered at their camera's size
     */
    public static Pipeline poses(Path scenePly, Path transformsJson, Path outputFolder, long maxImagePixels) {
        PosedDataset poses = TransformsJson.read(transformsJson, maxImagePixels);
        List<Path> inputs = new ArrayList<>(List.of(scenePly, transformsJson));
        poses.frames().forEach(frame -> inputs.add(frame.file()));
        OutputLocations.requireFolder(outputFolder, inputs, RenderPipeline::holdsOnlyImages, "render output");
        return new Pipeline(JobKind.RENDER, List.of(new Stage("render views", 1, context -> {
            SplatArrays gaussians = GaussianPly.read(scenePly);
            Path staged = Files.createDirectories(context.stageOutput("frames", outputFolder));
            try (SplatSession session = open(context, gaussians)) {
                List<PosedFrame> frames = poses.frames();
                for (int i = 0; i < frames.size(); i++) {
                    context.progress((double) i / frames.size(), "rendering view " + (i + 1) + "/" + frames.size());
                    PosedFrame frame = frames.get(i);
                    SplatView view = SplatViews.of(poses.camera(frame), frame);
                    float[] image = new float[3 * view.pixelCount()];
                    session.render(view, image);
                    String name = FileNames.stem(frame.file()) + ".png";
                    PlanarImages.writeSideBySide(List.of(image), view.width(), view.height(), staged.resolve(name));
                }
                context.metric("views", frames.size());
                context.metric("gaussians", gaussians.count());
            }
        })));
    }

    /**
     * The poses, when given, are read at submit as in {@link #poses}.
     *
     * @param maxImagePixels the engine's limit, which the poses' cameras are held to as any dataset's
     */
    public static Pipeline turntable(Path scenePly, Path transformsJsonOrNull, Path outputMp4, long maxImagePixels) {
        OutputLocations.requireFile(outputMp4);
        PosedDataset poses = transformsJsonOrNull == null ? null
                : TransformsJson.read(transformsJsonOrNull, maxImagePixels);
        return new Pipeline(JobKind.RENDER, List.of(new Stage("render turntable", 1, context -> {
            SplatArrays gaussians = GaussianPly.read(scenePly);
            Path staged = context.stageOutput("video", outputMp4);
            try (SplatSession session = open(context, gaussians);
                 Mp4VideoWriter video = new Mp4VideoWriter(staged, TURNTABLE_WIDTH, TURNTABLE_HEIGHT, 30)) {
                List<SplatView> views = orbit(gaussians, poses);
                float[] image = new float[3 * TURNTABLE_WIDTH * TURNTABLE_HEIGHT];
                for (int i = 0; i < views.size(); i++) {
                    context.progress((double) i / views.size(), "rendering frame " + (i + 1) + "/" + views.size());
                    session.render(views.get(i), image);
                    video.write(PlanarImages.toRgb(image, TURNTABLE_WIDTH, TURNTABLE_HEIGHT));
                }
                context.metric("frames", views.size());
                context.metric("gaussians", gaussians.count());
            }
        })));
    }

    private static SplatSession open(JobContext context, SplatArrays gaussians) {
        SplatSessionFactory factory = context.backend().splatSessions().orElse(CpuSplatSession::new);
        SplatSession session = factory.open(gaussians, new SplatSettings(1f, Math.max(1, gaussians.count()),
                new float[] {0, 0, 0}, 0, context.threads()));
        session.setShDegree(3);
        return session;
    }

    /**
     * The turntable: 120 views on a circle around the Gaussians' median centre, 20 degrees above
     * it, looking at it. With poses, the circle's axis is the cameras' mean up direction and its
     * radius their mean distance; without, -y is up (the up of an upright OpenCV camera, so of
     * scans from {@code poses} and of COLMAP-posed scenes) and the radius 2.5 times the scene's
     * 90th percentile radius.
     */
    static List<SplatView> orbit(SplatArrays g, PosedDataset poses) {
        double[] centre = new double[3];
        for (int k = 0; k < 3; k++) {
            float[] values = new float[g.count()];
            for (int i = 0; i < g.count(); i++) {
                values[i] = g.means()[3 * i + k];
            }
            Arrays.sort(values);
            centre[k] = values.length == 0 ? 0 : values[values.length / 2];
        }
        Vector3d c = new Vector3d(centre[0], centre[1], centre[2]);
        Vector3d up = new Vector3d(0, -1, 0);
        double radius;
        if (poses != null && !poses.frames().isEmpty()) {
            up.zero();
            radius = 0;
            for (PosedFrame f : poses.frames()) {
                Matrix4d m = new Matrix4d(f.cameraToWorld());
                up.add(-m.m10(), -m.m11(), -m.m12());
                radius += new Vector3d(m.m30(), m.m31(), m.m32()).distance(c) / poses.frames().size();
            }
            up.normalize();
        } else {
            double[] distances = new double[g.count()];
            for (int i = 0; i < g.count(); i++) {
                distances[i] = c.distance(g.means()[3 * i], g.means()[3 * i + 1], g.means()[3 * i + 2]);
            }
            Arrays.sort(distances);
            radius = 2.5 * Math.max(1e-3, distances.length == 0 ? 1 : distances[(int) (0.9 * (distances.length - 1))]);
        }
        Vector3d seed = Math.abs(up.x) < 0.9 ? new Vector3d(1, 0, 0) : new Vector3d(0, 0, 1);
        Vector3d a = seed.sub(new Vector3d(up).mul(up.dot(seed))).normalize();
        Vector3d b = new Vector3d(up).cross(a);
        double elevation = Math.toRadians(20);
        double f = 0.5 * TURNTABLE_WIDTH / Math.tan(Math.toRadians(30));
        CameraIntrinsics camera = new CameraIntrinsics(TURNTABLE_WIDTH, TURNTABLE_HEIGHT, f, f,
                TURNTABLE_WIDTH / 2.0, TURNTABLE_HEIGHT / 2.0, 0);
        SplatView[] views = new SplatView[TURNTABLE_FRAMES];
        for (int i = 0; i < TURNTABLE_FRAMES; i++) {
            double angle = 2 * Math.PI * i / TURNTABLE_FRAMES;
            Vector3d eye = new Vector3d(a).mul(Math.cos(angle) * Math.cos(elevation))
                    .add(new Vector3d(b).mul(Math.sin(angle) * Math.cos(elevation)))
                    .add(new Vector3d(up).mul(Math.sin(elevation))).mul(radius).add(c);
            Vector3d z = new Vector3d(c).sub(eye).normalize();
            Vector3d x = new Vector3d(z).cross(up).normalize();
            Vector3d y = new Vector3d(z).cross(x);
            Matrix4d c2w = new Matrix4d(x.x, x.y, x.z, 0, y.x, y.y, y.z, 0, z.x, z.y, z.z, 0, eye.x, eye.y, eye.z, 1);
            views[i] = SplatViews.of(camera, c2w);
        }
        return List.of(views);
    }
}
