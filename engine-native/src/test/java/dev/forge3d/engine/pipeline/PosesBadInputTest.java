package dev.forge3d.engine.pipeline;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.Job;
import dev.forge3d.api.JobError;
import dev.forge3d.api.ScanParams;
import dev.forge3d.api.Vec3;
import dev.forge3d.engine.synthetic.CameraPose;
import dev.forge3d.engine.synthetic.CameraRig;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.PinholeIntrinsics;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import dev.forge3d.engine.synthetic.SyntheticScene;
import dev.forge3d.engine.video.FrameExtractor;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs the poses job must refuse with a typed error, a reason, and no output. */
class PosesBadInputTest {
    static final int WIDTH = 320;
    static final int HEIGHT = 180;

    @TempDir
    static Path folder;
    static SyntheticScene scene;
    static PinholeIntrinsics intrinsics;
    static CameraPose front;

    @BeforeAll
    static void setUp() {
        scene = ScenePreset.COMPOSITE.onGround(5);
        GenerationSpec orbit = GenerationSpec.orbit(scene, WIDTH, HEIGHT, 8);
        intrinsics = orbit.intrinsics();
        front = orbit.rig().poses().getFirst();
    }

    private static GeneratedScene render(String name, List<CameraPose> poses) throws Exception {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < poses.size(); i++) {
            labels.add(String.format("frame_%05d", i));
        }
        GenerationSpec spec = new GenerationSpec(scene, intrinsics, new CameraRig(poses, labels, Map.of("kind", name)),
                1, 30, true, false);
        return SceneGenerator.generate(spec, folder.resolve(name));
    }

    private static JobError failure(Path input, String name) {
        Path output = folder.resolve("out-" + name);
        ScanParams params = ScanParams.builder().downscale(1).frames(ScanParams.MIN_FRAMES).build();
        Job job = PosesRun.run(input, params, output, folder.resolve("work-" + name), 2000);
        assertFalse(Files.exists(output), "no output for a failed job");
        return job.error().orElseThrow(() -> new AssertionError("the job succeeded: " + job.result()));
    }

    @Test
    void aStaticCameraIsReconstructionFailedForLackOfParallax() throws Exception {
        List<CameraPose> poses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            poses.add(front);
        }
        JobError error = failure(render("static", poses).video(), "static");
        assertEquals(ErrorCode.RECONSTRUCTION_FAILED, error.code(), error.message());
        assertTrue(error.message().contains("no parallax"), error.message());
    }

    @Test
    void aCameraTurningInPlaceIsReconstructionFailedForLackOfParallax() throws Exception {
        Vec3 eye = front.position();
        Vec3 forward = front.forward();
        List<CameraPose> poses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double yaw = Math.toRadians(-9 + 2 * i);
            double x = forward.x() * Math.cos(yaw) + forward.z() * Math.sin(yaw);
            double z = -forward.x() * Math.sin(yaw) + forward.z() * Math.cos(yaw);
            poses.add(CameraPose.lookAt(eye, new Vec3(eye.x() + x, eye.y() + forward.y(), eye.z() + z),
                    new Vec3(0, 1, 0)));
        }
        JobError error = failure(render("rotation", poses).video(), "rotation");
        assertEquals(ErrorCode.RECONSTRUCTION_FAILED, error.code(), error.message());
        assertTrue(error.message().contains("no parallax"), error.message());
    }

    @Test
    void aVideoOfOneFrameIsUnreadableInput() throws Exception {
        JobError error = failure(render("single", List.of(front)).video(), "single");
        assertEquals(ErrorCode.UNREADABLE_INPUT, error.code(), error.message());
        assertTrue(error.message().contains("1 frame"), error.message());
    }

    @Test
    void aTruncatedVideoIsUnreadableInputAtSubmitAndInTheFrameExtraction() throws Exception {
        List<CameraPose> poses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            poses.add(front);
        }
        Path video = render("truncated", poses).video();
        byte[] bytes = Files.readAllBytes(video);
        Path truncated = folder.resolve("truncated.mp4");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 3));
        Path output = folder.resolve("out-truncated");
        // FFmpeg cannot open it, so submit refuses it; the job's own check stays for a video that changes meanwhile.
        ScanParams params = ScanParams.builder().downscale(1).frames(ScanParams.MIN_FRAMES).build();
        Forge3dException atSubmit = assertThrows(Forge3dException.class,
                () -> PosesRun.run(truncated, params, output, folder.resolve("work-truncated"), 2000));
        Forge3dException inTheJob = assertThrows(Forge3dException.class, () -> FrameExtractor.fromVideo(truncated,
                truncated.toString(), ScanParams.MIN_FRAMES, 1, folder.resolve("truncated-frames"), message -> { },
                (fraction, description) -> { }));
        for (Forge3dException e : List.of(atSubmit, inTheJob)) {
            assertEquals(ErrorCode.UNREADABLE_INPUT, e.code(), e.getMessage());
            assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
        }
        assertFalse(Files.exists(output));
    }

    @Test
    void photosOfAnotherShapeAreRefusedWithAClearMessage() throws Exception {
        GeneratedScene photos = render("mixed", List.of(front, front, front));
        Path mixed = Files.createDirectories(folder.resolve("mixed-photos"));
        for (int i = 0; i < 3; i++) {
            try (Mat image = opencv_imgcodecs.imread(photos.image(i).toString()); Mat out = new Mat()) {
                // The third is square: neither the first's shape nor that shape turned.
                opencv_imgproc.resize(image, out, new Size(i == 2 ? HEIGHT : WIDTH, HEIGHT));
                opencv_imgcodecs.imwrite(mixed.resolve("photo_" + i + ".png").toString(), out);
            }
        }
        // Refused at submit from the headers, and by the frame extraction from the decoded photos.
        ScanParams params = ScanParams.builder().downscale(1).frames(ScanParams.MIN_FRAMES).build();
        Forge3dException atSubmit = assertThrows(Forge3dException.class,
                () -> PosesRun.run(mixed, params, folder.resolve("out-mixed"), folder.resolve("work-mixed"), 2000));
        List<Path> files;
        try (Stream<Path> listed = Files.list(mixed)) {
            files = listed.sorted().toList();
        }
        Forge3dException inTheJob = assertThrows(Forge3dException.class,
                () -> FrameExtractor.fromPhotos(files, 1, folder.resolve("mixed-frames"),
                        (fraction, description) -> { }));
        for (Forge3dException e : List.of(atSubmit, inTheJob)) {
            assertEquals(ErrorCode.UNREADABLE_INPUT, e.code(), e.getMessage());
            // Names the first photo and the first that differs, with both sizes.
            assertTrue(e.getMessage().contains("differ in shape: photo_0.png is " + WIDTH + "x" + HEIGHT
                    + " but photo_2.png is " + HEIGHT + "x" + HEIGHT), e.getMessage());
        }
    }
}
