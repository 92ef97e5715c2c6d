package dev.forge3d.cli;

import dev.forge3d.api.View;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.PngHeaders;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code forge3d mesh} end to end on synthetic views, and its bad inputs. */
class CliMeshTest {
    @TempDir
    Path temp;

    private CliRun run(String... args) {
        return CliRun.of(temp.resolve("work"), args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void fourSyntheticViewsGiveAGlbWithTheRequestedFaceCount() throws Exception {
        GeneratedScene scene = SceneGenerator.generate(GenerationSpec.fourViews(ScenePreset.SPHERE.isolated(4), 128)
                .withMesh(false), temp.resolve("views"));
        Path out = temp.resolve("out/sphere.glb");
        CliRun run = run("mesh", "--front", scene.image(View.FRONT).toString(), "--back", scene.image(View.BACK).toString(),
                "--left", scene.image(View.LEFT).toString(), "--right", scene.image(View.RIGHT).toString(),
                "-o", out.toString(), "--resolution", "low_poly", "--faces", "1000", "--texture-size", "512",
                "--device", "cpu", "--json");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(Files.size(out) > 1000);
        Map<String, Object> metrics = (Map<String, Object>) run.json().get("metrics");
        int faces = ((Number) metrics.get("faces")).intValue();
        assertTrue(Math.abs(faces - 1000) <= 20, "faces " + faces);
        assertEquals(512, ((Number) metrics.get("texture_size")).intValue());
        assertEquals(3, ((List<Object>) metrics.get("bbox_m")).size());
        assertTrue(metrics.containsKey("vertices"));
        assertTrue(metrics.containsKey("seconds_geometry"));
    }

    @Test
    void theOutputIsWrittenInTheFormatItsNameSaysAndItsObjCompanionsHaveNoSpaces() throws Exception {
        GeneratedScene scene = SceneGenerator.generate(GenerationSpec.fourViews(ScenePreset.SPHERE.isolated(4), 96)
                .withMesh(false), temp.resolve("views"));
        Path out = temp.resolve("out/my sphere.obj");
        CliRun run = run("mesh", "--front", scene.image(View.FRONT).toString(), "-o", out.toString(),
                "--resolution", "low_poly", "--faces", "1000", "--texture-size", "512", "--device", "cpu", "--json");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        List<String> obj = Files.readAllLines(out);
        assertTrue(obj.contains("mtllib my_sphere.mtl"), String.join("\n", obj.subList(0, 3)));
        assertTrue(Files.readString(temp.resolve("out/my_sphere.mtl")).contains("map_Kd my_sphere_basecolor.png"));
        assertTrue(Files.exists(temp.resolve("out/my_sphere_basecolor.png")));
        assertFalse(Files.exists(temp.resolve("out/my sphere.glb")), "no --formats: only the -o file's own format");
    }

    @Test
    void anExistingFolderAsTheOutputIsRefusedBeforeTheJobAndKept() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("model.glb/inner"));
        Files.writeString(folder.resolve("important.txt"), "keep");
        CliRun run = run("mesh", "--front", temp.resolve("no-such-front.png").toString(), "-o",
                temp.resolve("model.glb").toString(), "--json");
        // The input is checked first; a readable one reaches the output check.
        assertEquals("unreadable_input", run.errorCode());
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Path front = temp.resolve("front.png");
        ImageIO.write(image, "png", front.toFile());
        run = run("mesh", "--front", front.toString(), "-o", temp.resolve("model.glb").toString(), "--json");
        assertEquals(2, run.exitCode(), run.stdout());
        assertEquals("invalid_param", run.errorCode());
        assertTrue(run.errorMessage().contains("is a folder"), run.errorMessage());
        assertEquals("keep", Files.readString(folder.resolve("important.txt")));
    }

    @Test
    void aCorruptPngIsUnreadableInput() throws Exception {
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        Path corrupt = Files.write(temp.resolve("corrupt.png"), bytes);
        CliRun run = run("mesh", "--front", corrupt.toString(), "-o", temp.resolve("x.glb").toString(), "--json");
        assertEquals(1, run.exitCode(), run.stdout());
        assertEquals("unreadable_input", run.errorCode());
        assertFalse(Files.exists(temp.resolve("x.glb")));

        // Given as a data URI, the message names it, not the job's copy of its bytes (gone with the job).
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
        run = run("mesh", "--front", uri, "-o", temp.resolve("x.glb").toString(), "--json");
        assertEquals("unreadable_input", run.errorCode());
        assertTrue(run.errorMessage().startsWith("data:image/png;base64,"), run.errorMessage());
    }

    @Test
    void anImageOverTenMegabytesIsTooLarge() throws Exception {
        byte[] bytes = new byte[10 * 1024 * 1024 + 1];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        Path big = Files.write(temp.resolve("big.png"), bytes);
        CliRun run = run("mesh", "--front", big.toString(), "-o", temp.resolve("x.glb").toString(), "--json");
        assertEquals(2, run.exitCode(), run.stdout());
        assertEquals("input_too_large", run.errorCode());
    }

    @Test
    void aSmallPngDeclaringGigapixelsIsTooLargeBeforeItIsDecoded() throws Exception {
        // A decompression bomb's opening: signature and an IHDR of 60,000 x 60,000 RGB, then nothing.
        byte[] bytes = PngHeaders.declaring(60_000, 60_000);
        Path bomb = Files.write(temp.resolve("bomb.png"), bytes);
        CliRun run = run("mesh", "--front", bomb.toString(), "-o", temp.resolve("x.glb").toString(), "--json");
        assertEquals(2, run.exitCode(), run.stdout());
        assertEquals("input_too_large", run.errorCode());
        assertTrue(run.errorMessage().contains("60000 x 60000 pixels"), run.errorMessage());
    }

    @Test
    void aBlankImageIsAFailedReconstructionThatSaysWhy() throws Exception {
        BufferedImage blank = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 200; x++) {
                blank.setRGB(x, y, 0xDDDDDD);
            }
        }
        Path file = temp.resolve("blank.png");
        ImageIO.write(blank, "png", file.toFile());
        CliRun run = run("mesh", "--front", file.toString(), "-o", temp.resolve("x.glb").toString(), "--json");
        assertEquals(1, run.exitCode(), run.stdout());
        assertEquals("reconstruction_failed", run.errorCode());
        assertTrue(run.errorMessage().contains("segmentation found no object in the front view"), run.errorMessage());
        assertFalse(Files.exists(temp.resolve("x.glb")));
    }
}
