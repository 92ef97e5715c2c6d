package dev.forge3d.cli;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliPosesTest {
    @TempDir
    Path temp;

    @Test
    @SuppressWarnings("unchecked")
    void posesOfAPhotoFolderWritesTheDatasetAndReportsItsMetrics() throws Exception {
        GenerationSpec spec = GenerationSpec.orbit(ScenePreset.COMPOSITE.onGround(3), 320, 180, 16)
                .withVideo(false).withMesh(false);
        GeneratedScene scene = SceneGenerator.generate(spec, temp.resolve("scene"));
        Path photos = scene.image(0).getParent();
        Path output = temp.resolve("poses-out");

        CliRun run = CliRun.of(temp.resolve("work"), "poses", photos.toString(), "-o", output.toString(),
                "--downscale", "1", "--matching", "exhaustive", "--json");

        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        Map<String, Object> metrics = (Map<String, Object>) run.json().get("metrics");
        assertEquals(16L, metrics.get("registered_frames"));
        assertEquals(16L, metrics.get("total_frames"));
        for (String metric : new String[] {"points", "mean_reprojection_error_px", "focal_px", "seconds_extract_frames",
                "seconds_extract_features", "seconds_match_features", "seconds_reconstruct"}) {
            assertTrue(metrics.containsKey(metric), metric);
        }
        PosedDataset dataset = TransformsJson.read(output.resolve("transforms.json"));
        assertEquals(16, dataset.frames().size());
        assertTrue(Files.isRegularFile(output.resolve("sparse/0/points3D.txt")));
        assertTrue(Files.isRegularFile(output.resolve("images/frame_00015.png")));

        // Same input, same parameters, same backend: the same poses and points, byte for byte.
        Path again = temp.resolve("poses-again");
        CliRun second = CliRun.of(temp.resolve("work"), "poses", photos.toString(), "-o", again.toString(),
                "--downscale", "1", "--matching", "exhaustive", "--json");
        assertEquals(0, second.exitCode(), second.stdout() + second.stderr());
        for (String file : new String[] {"transforms.json", "sparse/0/images.txt", "sparse/0/points3D.txt"}) {
            assertEquals(Files.readString(output.resolve(file)), Files.readString(again.resolve(file)), file);
        }
    }

    @Test
    void aCorruptVideoIsUnreadableInputAndLeavesNoOutput() throws Exception {
        Path video = temp.resolve("broken.mp4");
        byte[] bytes = new byte[4096];
        // A valid-looking ftyp box so the format check passes, then garbage.
        byte[] head = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4',
                '1'};
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(video, bytes);
        Path output = temp.resolve("out");

        CliRun run = CliRun.of(temp.resolve("work"), "poses", video.toString(), "-o", output.toString(), "--json");

        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("unreadable_input", run.errorCode());
        assertFalse(Files.exists(output));
    }
}
