package dev.forge3d.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliInfoAndEstimateTest {
    @TempDir
    Path temp;

    @Test
    @SuppressWarnings("unchecked")
    void infoListsTheCpuAsAvailableAndCudaWithItsAvailabilityAndReason() {
        CliRun run = CliRun.of(temp, "info", "--json");
        assertEquals(0, run.exitCode(), run.stderr());

        List<Map<String, Object>> backends = (List<Map<String, Object>>) run.json().get("backends");
        Map<String, Object> cpu = backends.stream().filter(b -> b.get("name").equals("cpu")).findFirst().orElseThrow();
        Map<String, Object> cuda = backends.stream().filter(b -> b.get("name").equals("cuda")).findFirst().orElseThrow();
        assertEquals(true, cpu.get("available"));
        if (!(Boolean) cuda.get("available")) {
            assertFalse(((String) cuda.get("reason")).isBlank(), "an unavailable backend says why");
        }
        Map<String, Object> versions = (Map<String, Object>) run.json().get("versions");
        assertTrue(((String) versions.get("ffmpeg")).matches("\\d+\\..*"), versions.toString());
        assertTrue(versions.containsKey("cuda_driver"));
        assertTrue(versions.containsKey("forge3d"));
    }

    @Test
    void infoAsTextGivesTheCpusCoresAndJavaHeap() {
        CliRun run = CliRun.of(temp, "info");
        assertEquals(0, run.exitCode(), run.stderr());
        String cores = Integer.toString(Runtime.getRuntime().availableProcessors());
        assertTrue(run.stdout().lines().anyMatch(line -> line.matches(
                " +cpu +available: .+, " + cores + " cores, \\d+ MiB Java heap")), run.stdout());
        assertTrue(run.stdout().lines().anyMatch(line -> line.matches(" +cuda +(available: .+, \\d+ MiB|unavailable: .+)")),
                run.stdout());
    }

    @Test
    @SuppressWarnings("unchecked")
    void estimateTakesTheJobsFlagsAndChecksThemTheSameWay() {
        CliRun mesh = CliRun.of(temp, "estimate", "mesh", "--front", "a.png", "--texture-size", "300", "--json");
        assertEquals(2, mesh.exitCode());
        assertEquals("invalid_param", mesh.errorCode());

        CliRun scan = CliRun.of(temp, "estimate", "scan", "/no/such.mp4", "--json");
        assertEquals("unreadable_input", scan.errorCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEstimateOnFewerThreadsTakesLongerWhereTheMachineHasTheCores() throws Exception {
        Path front = temp.resolve("front.png");
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", front.toFile());
        double[] seconds = new double[2];
        for (int threads = 1; threads <= 2; threads++) {
            CliRun run = CliRun.of(temp, "estimate", "mesh", "--front", front.toString(), "--device", "cpu",
                    "--threads", Integer.toString(threads), "--json");
            assertEquals(0, run.exitCode(), run.stderr());
            seconds[threads - 1] = ((Number) ((Map<String, Object>) run.json().get("metrics")).get("seconds")).doubleValue();
        }
        if (Runtime.getRuntime().availableProcessors() >= 2) {
            assertTrue(seconds[0] > seconds[1], "one thread " + seconds[0] + " s, two " + seconds[1] + " s");
        } else {
            assertEquals(seconds[0], seconds[1], "a second thread on one core computes no faster");
        }
    }

    @Test
    void anEstimateReadsAsOneLineWithoutJson() throws Exception {
        Path front = temp.resolve("front.png");
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", front.toFile());
        CliRun run = CliRun.of(temp, "estimate", "mesh", "--front", front.toString(), "--device", "cpu");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().matches("expected on cpu: (\\d+ min )?\\d+ s, peak host memory \\d+ MiB, "
                + "peak GPU memory 0 MiB\\R"), run.stdout());
    }
}
