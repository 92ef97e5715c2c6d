package dev.forge3d.engine.pipeline;

import dev.forge3d.api.Job;
import dev.forge3d.api.Matching;
import dev.forge3d.api.ScanParams;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.dataset.TransformsJson;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Photos of two unrelated scenes in one folder: the larger scene's model is kept and the frames
 * left out are reported. (A second model is only built when the frames left over could outnumber
 * the first model's, so here the mapper stops after the larger scene.)
 */
class PosesSplitModelsTest {
    @TempDir
    Path temp;

    @Test
    void keepsTheLargestModelAndSaysHowManyFramesWereLeftOut() throws Exception {
        Path photos = Files.createDirectories(temp.resolve("photos"));
        copy(SceneGenerator.generate(GenerationSpec.orbit(ScenePreset.COMPOSITE.onGround(21), 320, 180, 16)
                .withVideo(false).withMesh(false), temp.resolve("a")), photos, "a");
        copy(SceneGenerator.generate(GenerationSpec.orbit(ScenePreset.BOX.onGround(22), 320, 180, 10)
                .withVideo(false).withMesh(false), temp.resolve("b")), photos, "b");
        ScanParams params = ScanParams.builder().downscale(1).matching(Matching.EXHAUSTIVE).build();

        Job job = PosesRun.run(photos, params, temp.resolve("out"), temp.resolve("work"), 1000);

        assertTrue(job.error().isEmpty(), () -> "failed: " + job.error());
        Map<String, Object> metrics = job.result().orElseThrow().metrics();
        assertEquals(16, ((Number) metrics.get("registered_frames")).intValue(), metrics.toString());
        assertEquals(26, ((Number) metrics.get("total_frames")).intValue());
        assertTrue(job.messages().stream().anyMatch(m -> m.startsWith("10 of 26 frames")), job.messages()::toString);
        PosedDataset dataset = TransformsJson.read(temp.resolve("out").resolve(TransformsJson.FILE_NAME));
        assertEquals(16, dataset.frames().size());
        // The kept model is scene a: frames 0-15 in name order.
        for (int i = 0; i < 16; i++) {
            assertEquals(String.format("images/frame_%05d.png", i), dataset.frames().get(i).filePath());
        }
    }

    private static void copy(GeneratedScene scene, Path folder, String prefix) throws Exception {
        for (int i = 0; i < scene.frameCount(); i++) {
            Files.copy(scene.image(i), folder.resolve(String.format("%s_%02d.png", prefix, i)));
        }
    }
}
