package dev.forge3d.engine.pipeline;

import dev.forge3d.api.Job;
import dev.forge3d.api.JobResult;
import dev.forge3d.api.ScanParams;
import dev.forge3d.engine.dataset.CameraIntrinsics;
import dev.forge3d.engine.dataset.ColmapModelReader;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.dataset.PosedFrame;
import dev.forge3d.engine.dataset.TransformsJson;
import dev.forge3d.engine.sfm.Sim3Alignment;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.joml.Matrix3d;
import org.joml.Matrix4d;
import org.joml.Matrix4dc;
import org.joml.Vector3d;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A folder of the synthetic orbit's photos where some are turned a quarter either way (a phone's
 * portrait shots) and some saved at half size: every photo is registered, each keeps its own size
 * and orientation in the dataset, and its pose and camera are the truth's for the photo as it is
 * (the true camera rolled a quarter for a turned photo, its focal length halved for a half-size one).
 */
class PosesMixedPhotosTest {
    static final int WIDTH = 480;
    static final int HEIGHT = 270;
    static final int FRAMES = 24;
    static final int MAX_FEATURES = 1024;

    @TempDir
    static Path folder;
    static GeneratedScene scene;
    static Path photos;

    /** How photo {@code i} is saved: as rendered, turned clockwise, turned counter-clockwise or at half size. */
    enum Saved { AS_IS, CLOCKWISE, COUNTER_CLOCKWISE, HALF }

    static Saved saved(int i) {
        return switch (i % 6) {
            case 1 -> Saved.CLOCKWISE;
            case 2 -> Saved.HALF;
            case 4 -> Saved.COUNTER_CLOCKWISE;
            default -> Saved.AS_IS;
        };
    }

    @BeforeAll
    static void generate() throws Exception {
        GenerationSpec spec = GenerationSpec.orbit(ScenePreset.COMPOSITE.onGround(11), WIDTH, HEIGHT, FRAMES)
                .withSupersampling(2).withMesh(false);
        scene = SceneGenerator.generate(spec, folder.resolve("orbit"));
        photos = Files.createDirectories(folder.resolve("photos"));
        for (int i = 0; i < FRAMES; i++) {
            try (Mat image = opencv_imgcodecs.imread(scene.image(i).toString()); Mat out = new Mat()) {
                switch (saved(i)) {
                    case CLOCKWISE -> opencv_core.rotate(image, out, opencv_core.ROTATE_90_CLOCKWISE);
                    case COUNTER_CLOCKWISE -> opencv_core.rotate(image, out, opencv_core.ROTATE_90_COUNTERCLOCKWISE);
                    case HALF -> opencv_imgproc.resize(image, out, new Size(WIDTH / 2, HEIGHT / 2), 0, 0,
                            opencv_imgproc.INTER_AREA);
                    case AS_IS -> image.copyTo(out);
                }
                opencv_imgcodecs.imwrite(photos.resolve(String.format("photo_%02d.png", i)).toString(), out);
            }
        }
    }

    @Test
    void turnedAndHalfSizePhotosGetTheirOwnCamerasAndTheTruePoses() throws Exception {
        Path output = folder.resolve("poses");
        ScanParams params = ScanParams.builder().downscale(1).frames(ScanParams.MIN_FRAMES).build();
        Job job = PosesRun.run(photos, params, output, folder.resolve("work"), MAX_FEATURES);
        assertTrue(job.error().isEmpty(), () -> "job failed: " + job.error());
        JobResult result = job.result().orElseThrow();
        assertEquals(FRAMES, ((Number) result.metrics().get("registered_frames")).intValue(), result.metrics()::toString);

        PosedDataset dataset = TransformsJson.read(output.resolve(TransformsJson.FILE_NAME));
        assertEquals(FRAMES, ColmapModelCheck.check(output.resolve("sparse/0")));
        assertEquals(FRAMES, dataset.frames().size());
        // The COLMAP model says the same as transforms.json: the cameras and each frame's pose.
        PosedDataset colmap = ColmapModelReader.read(output);
        assertEquals(FRAMES, colmap.frames().size());
        for (int i = 0; i < FRAMES; i++) {
            PosedFrame a = dataset.frames().get(i);
            PosedFrame b = colmap.frames().get(i);
            assertTrue(a.cameraToWorld().equals(b.cameraToWorld(), 1e-6), a.cameraToWorld() + " vs " + b.cameraToWorld());
            CameraIntrinsics ca = dataset.camera(a);
            CameraIntrinsics cb = colmap.camera(b);
            assertEquals(ca.width(), cb.width());
            assertEquals(ca.height(), cb.height());
            assertEquals(ca.fx(), cb.fx(), 1e-6 * ca.fx());
            assertEquals(ca.cx(), cb.cx(), 1e-6 * ca.width());
            assertEquals(ca.cy(), cb.cy(), 1e-6 * ca.height());
        }
        double trueFocal = scene.intrinsics().fx();
        List<Matrix4dc> estimated = new ArrayList<>();
        List<Matrix4dc> truth = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            PosedFrame frame = dataset.frames().get(i);
            CameraIntrinsics camera = dataset.camera(frame);
            Saved how = saved(i);
            boolean turned = how == Saved.CLOCKWISE || how == Saved.COUNTER_CLOCKWISE;
            int scale = how == Saved.HALF ? 2 : 1;
            assertEquals(turned ? HEIGHT : WIDTH / scale, camera.width(), how + " photo " + i);
            assertEquals(turned ? WIDTH : HEIGHT / scale, camera.height(), how + " photo " + i);
            try (Mat written = opencv_imgcodecs.imread(frame.file().toString())) {
                assertEquals(camera.width(), written.cols(), "the frame is written as the photo is");
                assertEquals(camera.height(), written.rows());
            }
            assertEquals(trueFocal / scale, camera.fx(), 0.01 * trueFocal / scale, how + " photo " + i + " focal");
            estimated.add(frame.cameraToWorld());
            truth.add(photoCameraToWorld(scene.poses().get(i).cameraToWorld(), how));
        }
        Sim3Alignment alignment = Sim3Alignment.fit(Sim3Alignment.centres(estimated), Sim3Alignment.centres(truth));
        double[] rotationErrors = alignment.rotationErrorsDegrees(estimated, truth);
        double worstRotation = Arrays.stream(rotationErrors).max().orElseThrow();
        double worstCentre = alignment.worstCentreErrorOfRadius(estimated, truth);
        System.out.printf("mixed photos: worst rotation error %.4f deg, worst centre error %.4f%% of radius%n",
                worstRotation, 100 * worstCentre);
        // A photo posed as if it were not turned would be 90 degrees off.
        assertTrue(worstRotation < 0.5, "worst rotation error " + worstRotation + " deg: "
                + Arrays.toString(rotationErrors));
        assertTrue(worstCentre < 0.01, "worst centre error " + worstCentre + " of the radius");
        // The world is upright: the truth's up (+y of the generator's world) is the dataset's -y,
        // though the mapper anchored its world on one camera, tilted down and perhaps turned.
        Vector3d trueUp = new Matrix3d(alignment.rotation).transpose().transform(new Vector3d(0, 1, 0)).normalize();
        double upError = Math.toDegrees(trueUp.angle(new Vector3d(0, -1, 0)));
        System.out.printf("mixed photos: the true up is %.3f deg from the dataset's -y%n", upError);
        assertTrue(upError < 1, "the true up is " + upError + " deg from -y");
    }

    /**
     * The true camera of a photo turned from the render: turned clockwise, the photo's x axis is the
     * render's -y (up) and its y the render's x; counter-clockwise the reverse.
     */
    private static Matrix4dc photoCameraToWorld(Matrix4dc render, Saved how) {
        Matrix4d roll = switch (how) {
            case CLOCKWISE -> new Matrix4d(0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1);
            case COUNTER_CLOCKWISE -> new Matrix4d(0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1);
            default -> new Matrix4d();
        };
        return new Matrix4d(render).mul(roll);
    }
}
