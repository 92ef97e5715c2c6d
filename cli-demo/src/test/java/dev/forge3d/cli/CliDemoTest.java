package dev.forge3d.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliDemoTest {
    @TempDir
    Path temp;

    @Test
    @SuppressWarnings("unchecked")
    void demoScansTheSyntheticOrbitAndPublishesOneFolder() throws Exception {
        Path output = temp.resolve("demo-out");

        CliRun run = CliRun.of(temp.resolve("work"), "demo", "-o", output.toString(), "--frames", "16", "--steps",
                "30", "--json");

        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("DONE", run.json().get("status"));
        assertEquals(output.toString(), ((Map<String, Object>) run.json().get("outputs")).get("demo"));
        assertEquals(16L, ((Map<String, Object>) run.json().get("metrics")).get("frames"));
        assertEquals(16L, ((Map<String, Object>) run.json().get("metrics")).get("registered_frames"),
                "scan estimated the pose of every frame of the video");
        assertTrue(Files.size(output.resolve("orbit.mp4")) > 0);
        assertTrue(Files.exists(output.resolve("ground_truth.json")));
        assertTrue(Files.exists(output.resolve("frames/frame_00015.png")));
        assertTrue(Files.size(output.resolve("demo.ply")) > 0);
        assertTrue(Files.size(output.resolve("preview.png")) > 0);
        Map<String, Object> metrics = (Map<String, Object>) run.json().get("metrics");
        assertTrue(metrics.get("psnr") instanceof Number && metrics.get("ssim") instanceof Number, metrics.toString());
        try (var left = Files.list(temp.resolve("work"))) {
            assertEquals(0, left.count(), "the job's working folder is gone");
        }
    }

    @Test
    void oneThreadScansToTheBytesOfThree() throws Exception {
        byte[][] splats = new byte[2][];
        String[] threads = {"1", "3"};
        for (int i = 0; i < threads.length; i++) {
            Path output = temp.resolve("demo-threads-" + threads[i]);
            CliRun run = CliRun.of(temp.resolve("work"), "demo", "-o", output.toString(), "--frames", "16", "--steps",
                    "30", "--threads", threads[i], "--json");
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            splats[i] = Files.readAllBytes(output.resolve("demo.ply"));
        }
        // Frames, features, matches, poses and training: every stage's result is the same on one thread.
        assertArrayEquals(splats[0], splats[1]);
    }

    @Test
    void threadsOutsideOneTo1024AreAnInvalidParam() {
        CliRun run = CliRun.of(temp.resolve("work"), "demo", "-o", temp.resolve("x").toString(), "--threads", "0",
                "--json");
        assertEquals(2, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("invalid_param", run.errorCode());
        assertTrue(run.errorMessage().contains("threadsPerJob"), run.errorMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void groundTruthPosesTrainWithoutEstimatingPoses() throws Exception {
        Path output = temp.resolve("demo-gt");

        CliRun run = CliRun.of(temp.resolve("work"), "demo", "-o", output.toString(), "--frames", "4", "--steps",
                "30", "--ground-truth-poses", "--json");

        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        Map<String, Object> metrics = (Map<String, Object>) run.json().get("metrics");
        assertFalse(metrics.containsKey("registered_frames"), "no poses stage ran: " + metrics);
        assertTrue(metrics.get("psnr") instanceof Number, metrics.toString());
        assertTrue(Files.size(output.resolve("demo.ply")) > 0);
    }
}
