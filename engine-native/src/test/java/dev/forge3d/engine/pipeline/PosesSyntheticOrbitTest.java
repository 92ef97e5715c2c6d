package dev.forge3d.engine.pipeline;

import dev.forge3d.api.Job;
import dev.forge3d.api.JobResult;
import dev.forge3d.api.Matching;
import dev.forge3d.api.ScanParams;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.dataset.PosedFrame;
import dev.forge3d.engine.dataset.TransformsJson;
import dev.forge3d.engine.sfm.Sim3Alignment;
import dev.forge3d.engine.synthetic.CameraPose;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.joml.Matrix4dc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The synthetic ground-truth orbit through the whole poses job, once per matching strategy:
 * every frame registered, rotations within 0.2 degrees and centres within 0.5% of the orbit
 * radius after a Sim(3) alignment, and the focal length within 1%.
 */
class PosesSyntheticOrbitTest {
    static final int WIDTH = 480;
    static final int HEIGHT = 270;
    static final int FRAMES = 24;
    /** Fewer than the default 8,192 keeps brute-force matching quick in CI; the 480 x 270 frames have about 3,000. */
    static final int MAX_FEATURES = 1024;

    @TempDir
    static Path folder;
    static GeneratedScene scene;

    @BeforeAll
    static void generate() throws Exception {
        GenerationSpec spec = GenerationSpec.orbit(ScenePreset.COMPOSITE.onGround(11), WIDTH, HEIGHT, FRAMES)
                .withSupersampling(2).withMesh(false);
        scene = SceneGenerator.generate(spec, folder.resolve("orbit"));
    }

    @ParameterizedTest
    @EnumSource(Matching.class)
    void everyFrameIsRegisteredWithGroundTruthAccuracy(Matching matching) throws Exception {
        Path output = folder.resolve("poses-" + matching.wireName());
        ScanParams params = ScanParams.builder().matching(matching).downscale(1).frames(ScanParams.MIN_FRAMES).build();
        Job job = PosesRun.run(scene.video(), params, output, folder.resolve("work-" + matching.wireName()),
                MAX_FEATURES);
        assertTrue(job.error().isEmpty(), () -> "job failed: " + job.error());
        JobResult result = job.result().orElseThrow();
        System.out.println(matching + ": " + result.metrics() + " " + job.messages());
        assertEquals(FRAMES, ((Number) result.metrics().get("registered_frames")).intValue());
        assertEquals(FRAMES, ((Number) result.metrics().get("total_frames")).intValue());
        assertTrue(job.messages().stream().anyMatch(m -> m.contains("fewer than the")), "says it used all frames");

        PosedDataset dataset = TransformsJson.read(output.resolve(TransformsJson.FILE_NAME));
        assertEquals(FRAMES, dataset.frames().size());
        assertEquals(FRAMES, ColmapModelCheck.check(output.resolve("sparse/0"), WIDTH, HEIGHT,
                dataset.cameras().getFirst().fx()));
        List<Matrix4dc> estimated = new ArrayList<>();
        List<Matrix4dc> truth = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            PosedFrame frame = dataset.frames().get(i);
            assertEquals(String.format("images/frame_%05d.png", i), frame.filePath());
            estimated.add(frame.cameraToWorld());
            CameraPose pose = scene.poses().get(i);
            truth.add(pose.cameraToWorld());
        }
        Sim3Alignment alignment = Sim3Alignment.fit(Sim3Alignment.centres(estimated), Sim3Alignment.centres(truth));
        double medianRotation = Sim3Alignment.median(alignment.rotationErrorsDegrees(estimated, truth));
        double worstCentre = alignment.worstCentreErrorOfRadius(estimated, truth);
        double focal = dataset.cameras().getFirst().fx();
        double trueFocal = scene.intrinsics().fx();
        System.out.printf("%s: median rotation error %.4f deg, worst centre error %.4f%% of radius, focal %.2f vs %.2f%n",
                matching, medianRotation, 100 * worstCentre, focal, trueFocal);
        assertTrue(medianRotation < 0.2, "median rotation error " + medianRotation + " deg");
        assertTrue(worstCentre < 0.005, "worst centre error " + worstCentre + " of the radius");
        assertEquals(trueFocal, focal, 0.01 * trueFocal);
    }
}
