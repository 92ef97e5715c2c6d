package dev.forge3d.cli;

import dev.forge3d.engine.synthetic.Mp4VideoWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The acceptance command lines of the foundation issue, and the exit-code rules behind them. */
class CliValidationTest {
    @TempDir
    Path temp;

    private CliRun run(String... args) {
        return CliRun.of(temp.resolve("work"), args);
    }

    @Test
    void aMissingVideoIsUnreadableInputWithExitCodeOne() {
        CliRun run = run("scan", "/no/such.mp4", "--json");
        assertEquals(1, run.exitCode());
        assertEquals("unreadable_input", run.errorCode());
        assertEquals("FAILED", run.json().get("status"));
        assertNull(run.json().get("job_id"));
    }

    @Test
    void aTextFileIsUnsupportedMediaWithExitCodeTwo() throws Exception {
        Path notes = Files.writeString(temp.resolve("notes.txt"), "not a video");
        CliRun run = run("scan", notes.toString(), "--json");
        assertEquals(2, run.exitCode());
        assertEquals("unsupported_media", run.errorCode());
    }

    @Test
    void tooFewStepsIsAnInvalidParamNamingStepsAndItsRange() {
        CliRun run = run("scan", "v.mp4", "--steps", "5", "--json");
        assertEquals(2, run.exitCode());
        assertEquals("invalid_param", run.errorCode());
        assertTrue(run.errorMessage().contains("steps") && run.errorMessage().contains("1000-30000"),
                run.errorMessage());
    }

    @Test
    void aMeshWithoutFrontIsAMissingImage() {
        CliRun run = run("mesh", "--back", "b.png", "-o", "x.glb", "--json");
        assertEquals(2, run.exitCode());
        assertEquals("missing_image", run.errorCode());
    }

    @Test
    void anOddTextureSizeIsAnInvalidParam() {
        CliRun run = run("mesh", "--front", "a.png", "--texture-size", "300", "--json");
        assertEquals(2, run.exitCode());
        assertEquals("invalid_param", run.errorCode());
    }

    @ParameterizedTest
    @CsvSource({
            "scan v.mp4 --frames 29, invalid_param",
            "scan v.mp4 --frames 301, invalid_param",
            "scan v.mp4 --downscale 3, invalid_param",
            "scan v.mp4 --matching nearest, invalid_param",
            "scan v.mp4 --device tpu, invalid_param",
            "scan v.mp4 --steps many, validation_error",
            "scan v.mp4 -o out.txt, validation_error",
            "scan, validation_error",
            "scan v.mp4 --no-such-flag, validation_error",
            "poses v.mp4 --frames 10 -o dir, invalid_param",
            "poses v.mp4, validation_error",
            "train data -o out.ply --steps 40000, invalid_param",
            "mesh --front a.png --faces 999, invalid_param",
            "mesh --front a.png --simplify 1, invalid_param",
            "mesh --front a.png --topology hexes, invalid_param",
            "mesh --front a.png --resolution ultra, invalid_param",
            "mesh --front a.png --bbox 0 1 1, invalid_param",
            "mesh --front a.png --bbox 1 1e-7 1, invalid_param",
            "mesh --front a.png --faces 5000 --simplify 0.5, validation_error",
            "mesh --front a.png --pivot 0.5 2 0.5, invalid_param",
            "mesh --front a.png --bbox 1 1 1 --bbox 2 2 2, validation_error",
            "mesh --front a.png -o chair.txt, validation_error",
            "mesh --front a.png -o some/folder, validation_error",
            "mesh --front a.png --pivot 0.5 0 0.5 --pivot 0 0 0, validation_error",
            "mesh --front a.png --formats glb;stl, invalid_param",
            "mesh --front a.png --symmetry maybe, invalid_param",
            "render scene.ply --turntable t.mp4 -o frames, validation_error",
    })
    void everyFlagIsCheckedWithExitCodeTwo(String commandLine, String expectedCode) {
        String[] args = (commandLine.replace(';', ',') + " --json").split(" ");
        CliRun run = run(args);
        assertEquals(expectedCode, run.errorCode(), run.stdout());
        assertEquals(2, run.exitCode());
    }

    @Test
    void aCommandLineThatDoesNotParseAnswersInJsonWhenJsonIsAskedForWithAValue() {
        CliRun run = run("scan", "v.mp4", "--json=true", "--no-such-flag");
        assertEquals("validation_error", run.errorCode(), run.stdout());
        assertEquals(2, run.exitCode());
        assertTrue(Forge3dCli.asksForJson(new String[] {"--json"}));
        assertFalse(Forge3dCli.asksForJson(new String[] {"--json=false"}));
        assertFalse(Forge3dCli.asksForJson(new String[] {"--json", "--json=FALSE"}), "the last one counts");
        assertFalse(Forge3dCli.asksForJson(new String[] {"--jsonl"}));
    }

    @Test
    void missingInputsOfTrainAndRenderAreUnreadable() {
        assertEquals("unreadable_input", run("train", temp.resolve("none").toString(), "-o", "o.ply", "--json").errorCode());
        assertEquals("unreadable_input", run("render", "none.ply", "--turntable", "t.mp4", "--json").errorCode());
        assertEquals("unsupported_media", run("render", "scene.obj", "--turntable", "t.mp4", "--json").errorCode());
    }

    @Test
    void explicitCudaWithoutAGpuIsBackendUnavailable() throws Exception {
        Path video = Files.write(temp.resolve("v.mp4"), new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'});
        CliRun run = run("scan", video.toString(), "--device", "cuda", "--json");
        if (run.exitCode() == 1 && "backend_unavailable".equals(run.errorCode())) {
            assertFalse(run.errorMessage().isBlank());
        } else {
            // A machine with a GPU accepts the device and refuses the broken video instead.
            assertEquals("unreadable_input", run.errorCode());
        }
    }

    @Test
    void aVideoFfmpegCannotOpenIsRefusedBeforeAJobWithUnreadableInputNamingIt() throws Exception {
        byte[] corrupt = new byte[4096];
        byte[] head = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
        System.arraycopy(head, 0, corrupt, 0, head.length);
        Path video = Files.write(temp.resolve("corrupt.mp4"), corrupt);
        Path output = temp.resolve("out.ply");

        CliRun run = run("scan", video.toString(), "-o", output.toString(), "--device", "cpu", "--json");

        assertEquals(1, run.exitCode());
        assertEquals("unreadable_input", run.errorCode());
        assertTrue(run.errorMessage().startsWith(video + ": FFmpeg cannot open it"), run.errorMessage());
        assertNull(run.json().get("job_id"), "refused at submit, so no job was made");
        assertFalse(Files.exists(output));
    }

    @Test
    void aVideoOfOneFrameFailsInsideTheJobWithUnreadableInputAndAJobId() throws Exception {
        // FFmpeg opens it, so it passes submit; only decoding finds too few frames.
        Path video = temp.resolve("one-frame.mp4");
        try (Mp4VideoWriter writer = new Mp4VideoWriter(video, 64, 48, 10)) {
            writer.write(new int[64 * 48]);
        }
        Path output = temp.resolve("out.ply");

        CliRun run = run("scan", video.toString(), "-o", output.toString(), "--device", "cpu", "--json");

        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("unreadable_input", run.errorCode());
        assertTrue(run.errorMessage().contains("1 frame(s)"), run.errorMessage());
        assertTrue(((String) run.json().get("job_id")).startsWith("scan-"));
        assertTrue(((Number) run.json().get("elapsed_sec")).doubleValue() > 0, "a failed job still reports its time");
        assertFalse(Files.exists(output));
    }

    @Test
    void withoutJsonErrorsGoToStderrAndStdoutStaysEmpty() {
        CliRun run = run("scan", "/no/such.mp4");
        assertEquals(1, run.exitCode());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("unreadable_input"), run.stderr());
    }

    @ParameterizedTest
    @CsvSource({"scan", "poses", "train", "render", "mesh", "estimate", "estimate mesh", "demo", "info"})
    void everyCommandPrintsItsUsageOnHelp(String command) {
        String[] args = (command + " --help").split(" ");
        CliRun run = run(args);
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().startsWith("Usage: forge3d " + command + " "), run.stdout());
        assertTrue(run.stdout().contains("-h, --help"), run.stdout());
        assertEquals("", run.stderr());
    }

    @Test
    void theMeshUsageNamesEachThreeNumberOptionOnce() {
        String usage = run("mesh", "-h").stdout();
        assertTrue(usage.contains("--bbox=W H D") && usage.contains("--pivot=X Y Z"), usage);
        assertFalse(usage.contains("W H D W H D") || usage.contains("X Y Z X Y Z"), usage);
        assertFalse(usage.contains("]..."), "no option is marked repeatable: " + usage);
        // The synopsis is written by hand: it must name every option the command has.
        String synopsis = usage.substring(0, usage.indexOf("One to four photos"));
        for (picocli.CommandLine.Model.OptionSpec option : new picocli.CommandLine(new MeshCommand())
                .getCommandSpec().options()) {
            boolean named = java.util.Arrays.stream(option.names())
                    .anyMatch(n -> synopsis.contains(n + " ") || synopsis.contains(n + "]"));
            boolean helpOrVersion = option.usageHelp() || option.versionHelp();
            assertTrue(named || helpOrVersion && synopsis.contains("[-hV]"), option.longestName() + " in " + synopsis);
        }
    }
}
