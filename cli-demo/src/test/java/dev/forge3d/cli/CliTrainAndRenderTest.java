package dev.forge3d.cli;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.engine.dataset.CameraIntrinsics;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.dataset.PosedFrame;
import dev.forge3d.engine.dataset.ReferenceMapping;
import dev.forge3d.engine.dataset.TransformsJson;
import dev.forge3d.engine.io.GaussianPly;
import dev.forge3d.engine.pipeline.SyntheticPosedDataset;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train and render end to end on a tiny synthetic orbit with ground-truth poses, and their bad inputs. */
class CliTrainAndRenderTest {
    @TempDir
    static Path temp;
    static Path dataset;

    @BeforeAll
    static void writeDataset() throws Exception {
        GenerationSpec spec = GenerationSpec.orbit(ScenePreset.COMPOSITE.onGround(3), 64, 48, 9)
                .withVideo(false).withMesh(false).withSupersampling(1);
        GeneratedScene scene = SceneGenerator.generate(spec, temp.resolve("scene"));
        PosedDataset posed = SyntheticPosedDataset.from(scene, 1500, 500, 1000, 3);
        dataset = scene.directory();
        TransformsJson.write(posed);
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainWritesAPlyAPreviewAndHeldOutMetrics() throws Exception {
        Path output = temp.resolve("out/scene.ply");
        Files.createDirectories(output.getParent());
        CliRun run = CliRun.of(temp.resolve("work"), "train", dataset.toString(), "-o", output.toString(),
                "--steps", "1000", "--downscale", "1", "--device", "cpu", "--eval", "--json");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        Map<String, Object> metrics = (Map<String, Object>) run.json().get("metrics");
        assertEquals(2L, metrics.get("test_frames"));
        double psnr = ((Number) metrics.get("psnr")).doubleValue();
        // Nine views 40 degrees apart at 64x48: sparse views, so a modest bar; broken poses or conventions give ~6 dB.
        assertTrue(psnr > 14, "held-out PSNR " + psnr);
        assertTrue(GaussianPly.read(output).count() > 0);
        assertTrue(Files.size(temp.resolve("out/scene-preview.png")) > 0);

        Path again = temp.resolve("out/again.ply");
        CliRun second = CliRun.of(temp.resolve("work"), "train", dataset.toString(), "-o", again.toString(),
                "--steps", "1000", "--downscale", "1", "--device", "cpu", "--eval", "--json");
        assertEquals(0, second.exitCode(), second.stdout() + second.stderr());
        assertArrayEquals(Files.readAllBytes(output), Files.readAllBytes(again), "same seed, same backend, same bytes");

        Path views = temp.resolve("views");
        CliRun render = CliRun.of(temp.resolve("work"), "render", output.toString(), "--poses",
                dataset.resolve("transforms.json").toString(), "-o", views.toString(), "--json");
        assertEquals(0, render.exitCode(), render.stdout() + render.stderr());
        try (var files = Files.list(views)) {
            assertEquals(9, files.filter(f -> f.toString().endsWith(".png")).count());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDownscaleIsOfTheSourceSoFramesPosesAlreadyShrankAreNotShrunkTwice() throws Exception {
        GenerationSpec spec = GenerationSpec.orbit(ScenePreset.SPHERE.onGround(5), 64, 48, 9)
                .withVideo(false).withMesh(false).withSupersampling(1);
        GeneratedScene scene = SceneGenerator.generate(spec, temp.resolve("shrunk-scene"));
        // As forge3d poses writes it after extracting at --downscale 2.
        TransformsJson.write(SyntheticPosedDataset.from(scene, 1500, 500, 1000, 3), 2);
        for (String[] flags : new String[][] {{}, {"--downscale", "4"}, {"--downscale", "1"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("train",
                    scene.directory().toString(), "-o", temp.resolve("shrunk.ply").toString(), "--steps", "1000",
                    "--device", "cpu", "--json"), java.util.Arrays.stream(flags)).toArray(String[]::new);
            CliRun run = CliRun.of(temp.resolve("work"), args);
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            Map<String, Object> metrics = (Map<String, Object>) run.json().get("metrics");
            long expected = flags.length > 0 && flags[1].equals("4") ? 32 : 64;
            assertEquals(expected, metrics.get("image_width"), String.join(" ", flags));
            boolean noted = run.stdout().contains("cannot be met");
            assertEquals(flags.length > 0 && flags[1].equals("1"), noted, run.stdout());
        }
    }

    /**
     * Frames a quarter turned (portrait photos of a landscape camera), each with its own camera as
     * poses writes them, train as well as the same frames upright: a frame read at the wrong size or
     * with the upright camera would fail or cost the held-out views (frame 8 is one of them).
     */
    @Test
    @SuppressWarnings("unchecked")
    void framesTurnedAQuarterWithTheirOwnCamerasTrainAsWellAsUpright() throws Exception {
        GenerationSpec spec = GenerationSpec.orbit(ScenePreset.COMPOSITE.onGround(3), 64, 48, 9)
                .withVideo(false).withMesh(false).withSupersampling(1);
        GeneratedScene scene = SceneGenerator.generate(spec, temp.resolve("turned-scene"));
        PosedDataset upright = SyntheticPosedDataset.from(scene, 1500, 500, 1000, 3);
        CameraIntrinsics camera = upright.cameras().getFirst();
        ReferenceMapping turned = ReferenceMapping.fit(48, 64, 64, 48).orElseThrow();
        List<PosedFrame> frames = new ArrayList<>();
        for (PosedFrame frame : upright.frames()) {
            boolean turn = frames.size() == 1 || frames.size() == 4 || frames.size() == 8;
            if (turn) {
                ImageIO.write(turnedCounterClockwise(ImageIO.read(frame.file().toFile())), "png", frame.file().toFile());
            }
            frames.add(turn ? new PosedFrame(frame.filePath(), frame.file(), turned.cameraToWorld(frame.cameraToWorld()), 1)
                    : frame);
        }
        TransformsJson.write(new PosedDataset(upright.folder(), List.of(camera, turned.camera(camera)), frames,
                upright.points()));
        CliRun run = CliRun.of(temp.resolve("work"), "train", scene.directory().toString(), "-o",
                temp.resolve("turned.ply").toString(), "--steps", "1000", "--downscale", "1", "--device", "cpu",
                "--eval", "--json");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        double turnedPsnr = ((Number) ((Map<String, Object>) run.json().get("metrics")).get("psnr")).doubleValue();
        CliRun reference = CliRun.of(temp.resolve("work"), "train", dataset.toString(), "-o",
                temp.resolve("upright.ply").toString(), "--steps", "1000", "--downscale", "1", "--device", "cpu",
                "--eval", "--json");
        assertEquals(0, reference.exitCode(), reference.stdout() + reference.stderr());
        double uprightPsnr = ((Number) ((Map<String, Object>) reference.json().get("metrics")).get("psnr")).doubleValue();
        System.out.printf("held-out PSNR: upright %.2f, three frames turned %.2f%n", uprightPsnr, turnedPsnr);
        assertTrue(turnedPsnr > uprightPsnr - 1, "turned " + turnedPsnr + " vs upright " + uprightPsnr);
    }

    private static BufferedImage turnedCounterClockwise(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getHeight(), image.getWidth(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, image.getRGB(image.getWidth() - 1 - y, x));
            }
        }
        return out;
    }

    @Test
    void aDatasetWithoutImagesIsUnreadableInput() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Files.writeString(empty.resolve("transforms.json"), "{\"w\": 64, \"h\": 48, \"fl_x\": 50, \"frames\": []}");
        CliRun run = CliRun.of(temp.resolve("work"), "train", empty.toString(), "-o", temp.resolve("e.ply").toString(),
                "--json");
        assertEquals(1, run.exitCode());
        assertEquals("unreadable_input", run.errorCode());
        assertTrue(run.errorMessage().contains("no frames"), run.errorMessage());
        assertFalse(Files.exists(temp.resolve("e.ply")));
    }

    /** The engine's pixel limit holds a dataset's cameras as it holds photos and video frames. */
    @Test
    void trainRefusesADatasetWhoseCamerasAreOverTheEnginesPixelLimit() {
        Path output = temp.resolve("limited.ply");
        CliRun run = CliRun.of(EngineConfig.builder().workRoot(temp.resolve("work")).maxImagePixels(64 * 48 - 1).build(),
                "train", dataset.toString(), "-o", output.toString(), "--steps", "1000", "--device", "cpu", "--json");
        assertEquals(2, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("input_too_large", run.errorCode());
        assertTrue(run.errorMessage().startsWith(dataset.resolve("transforms.json").toString()), run.errorMessage());
        assertTrue(run.errorMessage().contains("64x48"), run.errorMessage());
        assertFalse(Files.exists(output));
    }

    @Test
    void aDownscaleThatLeavesAFrameNoPixelsIsInvalidParam() throws Exception {
        Path tiny = Files.createDirectories(temp.resolve("tiny/images"));
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", tiny.resolve("a.png").toFile());
        Files.writeString(tiny.getParent().resolve("transforms.json"), "{\"w\": 3, \"h\": 2, \"fl_x\": 3, "
                + "\"frames\": [{\"file_path\": \"images/a.png\", \"transform_matrix\": "
                + "[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]}]}");
        CliRun run = CliRun.of(temp.resolve("work"), "train", tiny.getParent().toString(), "-o",
                temp.resolve("tiny.ply").toString(), "--downscale", "4", "--device", "cpu", "--json");
        assertEquals("invalid_param", run.errorCode(), run.stdout() + run.stderr());
        assertTrue(run.errorMessage().contains("a 3 x 2 frame has no pixels left at a downscale of 4"),
                run.errorMessage());
    }

    @Test
    void framePathsPointingNowhereAreUnreadableInput() throws Exception {
        Path broken = Files.createDirectories(temp.resolve("broken"));
        Files.writeString(broken.resolve("transforms.json"), "{\"w\": 64, \"h\": 48, \"fl_x\": 50, \"frames\": "
                + "[{\"file_path\": \"images/missing.png\", \"transform_matrix\": "
                + "[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]}]}");
        CliRun run = CliRun.of(temp.resolve("work"), "train", broken.toString(), "-o", temp.resolve("b.ply").toString(),
                "--json");
        assertEquals("unreadable_input", run.errorCode());
        assertTrue(run.errorMessage().contains("missing.png"), run.errorMessage());
    }

    @Test
    void aPlyWithReorderedPropertiesIsUnreadableInputForRender() throws Exception {
        Path ply = temp.resolve("reordered.ply");
        Files.writeString(ply, "ply\nformat binary_little_endian 1.0\nelement vertex 0\nproperty float y\n"
                + "property float x\nend_header\n");
        CliRun run = CliRun.of(temp.resolve("work"), "render", ply.toString(), "--turntable",
                temp.resolve("t.mp4").toString(), "--json");
        assertEquals("unreadable_input", run.errorCode());
        assertTrue(run.errorMessage().contains("out of order"), run.errorMessage());
    }
}
