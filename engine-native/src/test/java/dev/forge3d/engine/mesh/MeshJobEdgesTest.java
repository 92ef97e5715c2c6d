package dev.forge3d.engine.mesh;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.InputSource;
import dev.forge3d.api.Job;
import dev.forge3d.api.JobResult;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.OutputFormat;
import dev.forge3d.api.Vec3;
import dev.forge3d.api.View;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mesh job at the edges of its parameters and inputs, on the composite's four 160 x 160 views. */
class MeshJobEdgesTest {
    @BeforeAll
    static void generate() throws Exception {
        MeshJobTest.generate();
    }

    @AfterAll
    static void close() throws Exception {
        MeshJobTest.close();
    }

    @Test
    void moreFacesThanTheVolumeGivesAreReachedBySplittingEdgesAndSaidSo() throws Exception {
        // The 64^3 volume gives about 22,000 faces here; the job wrote those, nearly two thirds short.
        Path out = MeshJobTest.temp.resolve("split.glb");
        Job job = submit(Map.of(), MeshJobTest.lowPoly().faces(60_000).build(), out);
        JobResult result = job.completion().get(120, TimeUnit.SECONDS);
        int faces = GlbFile.read(out).faceCount();
        assertTrue(Math.abs(faces - 60_000) <= 0.02 * 60_000, "faces " + faces);
        int dense = ((Number) result.metrics().get("dense_faces")).intValue();
        assertTrue(dense < 60_000, "dense " + dense);
        assertTrue(job.messages().stream().anyMatch(m -> m.contains(dense + " faces, fewer than the 60000")
                && m.contains("split") && m.contains("high_poly")), job.messages().toString());
    }

    @Test
    void aTenthOfAMillimetreBoxIsWrittenAndReportedAtItsSize() throws Exception {
        Path out = MeshJobTest.temp.resolve("tiny-box.glb");
        Vec3 box = new Vec3(1e-4, 1e-4, 1e-4);
        JobResult result = MeshJobTest.run(MeshJobTest.lowPoly().scaledBbox(box).preserveAspectRatio(true)
                .outputs(EnumSet.of(OutputFormat.GLB, OutputFormat.OBJ)).build(), out);
        GlbFile glb = GlbFile.read(out);
        double[] b = glb.positionBounds();
        @SuppressWarnings("unchecked")
        List<Number> min = (List<Number>) glb.accessor(glb.attribute("POSITION")).get("min");
        @SuppressWarnings("unchecked")
        List<Number> max = (List<Number>) glb.accessor(glb.attribute("POSITION")).get("max");
        @SuppressWarnings("unchecked")
        List<Number> reported = (List<Number>) result.metrics().get("bbox_m");
        double largest = 0;
        for (int a = 0; a < 3; a++) {
            double size = b[a + 3] - b[a];
            largest = Math.max(largest, size);
            assertEquals(size, max.get(a).doubleValue() - min.get(a).doubleValue(), 1e-6 * size, "accessor axis " + a);
            // bbox_m was rounded to 0.1 mm: 0.09 mm read 0.1, 10% off.
            assertEquals(size, reported.get(a).doubleValue(), 0.01 * size, "bbox_m axis " + a);
        }
        assertEquals(1e-4, largest, 1e-6, "the box fits on its longest axis");
        // The OBJ's vertices are the GLB's: with 6 decimals they lay on a 1 micrometre grid, 1% of the box.
        float[] glbPositions = glb.floats(glb.attribute("POSITION"));
        List<Double> objPositions = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolveSibling("tiny-box.obj"))) {
            if (line.startsWith("v ")) {
                for (String number : line.substring(2).trim().split(" ")) {
                    objPositions.add(Double.parseDouble(number));
                }
            }
        }
        assertEquals(glbPositions.length, objPositions.size());
        for (int i = 0; i < glbPositions.length; i++) {
            assertEquals(glbPositions[i], objPositions.get(i), 1e-6 * largest, "OBJ coordinate " + i);
        }
    }

    @Test
    void aViewOfAnotherShapeIsRefusedButAnotherSizeOrACropOfItsShorterSideIsNot() throws Exception {
        // The back padded to 480 x 160 (the object as large as before) gave a mesh a third of the size.
        Path wide = placed(View.BACK, "back-wide.png", 480, 160, 160, 0, 1);
        Job refused = submit(Map.of(View.BACK, wide), MeshJobTest.lowPoly().build(),
                MeshJobTest.temp.resolve("wide.glb"));
        assertThrows(ExecutionException.class, () -> refused.completion().get(120, TimeUnit.SECONDS));
        assertEquals(ErrorCode.UNREADABLE_INPUT, refused.error().orElseThrow().code());
        String message = refused.error().orElseThrow().message();
        assertTrue(message.contains("the front view is 160x160 but the back view is 480x160"), message);

        Path reference = MeshJobTest.temp.resolve("same-shape-reference.glb");
        MeshJobTest.run(MeshJobTest.lowPoly().build(), reference);
        Path larger = MeshJobTest.temp.resolve("same-shape-larger.glb");
        submit(Map.of(View.BACK, placed(View.BACK, "back-large.png", 320, 320, 0, 0, 2)), MeshJobTest.lowPoly().build(),
                larger).completion().get(120, TimeUnit.SECONDS);
        double[] r = GlbFile.read(reference).positionBounds();
        double[] l = GlbFile.read(larger).positionBounds();
        for (int a = 0; a < 3; a++) {
            assertEquals(r[a + 3] - r[a], l[a + 3] - l[a], 0.03 * (r[a + 3] - r[a]), "axis " + a);
        }

        // Cut down on its shorter side, as a cut-out cropped to the object: the longer side the lens
        // spans is kept, so the view is taken and the mesh keeps its height.
        Path narrower = MeshJobTest.temp.resolve("cropped-narrower.glb");
        submit(Map.of(View.BACK, placed(View.BACK, "back-cropped.png", 140, 160, -10, 0, 1)),
                MeshJobTest.lowPoly().build(), narrower).completion().get(120, TimeUnit.SECONDS);
        double[] n = GlbFile.read(narrower).positionBounds();
        assertEquals(r[4] - r[1], n[4] - n[1], 0.03 * (r[4] - r[1]), "height");
    }

    @Test
    void theSameImageForTwoViewsIsRefused() throws Exception {
        // Given as the right view too, the front made a mesh of its outline pushed straight back.
        Job job = submit(Map.of(View.RIGHT, MeshJobTest.scene.image(View.FRONT)), MeshJobTest.lowPoly().build(),
                MeshJobTest.temp.resolve("same-image.glb"));
        assertThrows(ExecutionException.class, () -> job.completion().get(120, TimeUnit.SECONDS));
        assertEquals(ErrorCode.INVALID_PARAM, job.error().orElseThrow().code());
        String message = job.error().orElseThrow().message();
        assertTrue(message.contains("the right view is the same image as the front view"), message);
    }

    @Test
    void anObjectReachingThePhotosEdgeIsNoted() throws Exception {
        // The front moved 40 pixels left: its object runs off the photo, the mesh is a third narrower.
        Path shifted = placed(View.FRONT, "front-shifted.png", 160, 160, -40, 0, 1);
        Job job = submit(Map.of(View.FRONT, shifted), MeshJobTest.lowPoly().build(),
                MeshJobTest.temp.resolve("shifted.glb"));
        job.completion().get(120, TimeUnit.SECONDS);
        assertTrue(job.messages().stream().anyMatch(m -> m.startsWith("the object in the front view reaches the edge")),
                job.messages().toString());

        Job whole = submit(Map.of(), MeshJobTest.lowPoly().build(), MeshJobTest.temp.resolve("whole.glb"));
        whole.completion().get(120, TimeUnit.SECONDS);
        assertTrue(whole.messages().stream().noneMatch(m -> m.contains("reaches the edge")), whole.messages().toString());
    }

    @Test
    void anObjectAFewPixelsAcrossIsAFailureThatSaysSo() throws Exception {
        // Each view shrunk to a tenth in a 1600 x 1600 photo: the message asked whether it was blank.
        Map<View, Path> tiny = new EnumMap<>(View.class);
        for (View view : View.values()) {
            tiny.put(view, placed(view, "tiny-" + view.wireName() + ".png", 1600, 1600, 792, 792, 0.1));
        }
        Job job = submit(tiny, MeshJobTest.lowPoly().build(), MeshJobTest.temp.resolve("tiny.glb"));
        assertThrows(ExecutionException.class, () -> job.completion().get(120, TimeUnit.SECONDS));
        assertEquals(ErrorCode.RECONSTRUCTION_FAILED, job.error().orElseThrow().code());
        String message = job.error().orElseThrow().message();
        assertTrue(message.contains("found no object") && message.contains("only a few pixels across"), message);
    }

    @Test
    void anObjectThirtyPixelsAcrossInALargePhotoIsFound() throws Exception {
        // Each view shrunk so that its object is 30 pixels across in the middle of a 1024 x 1024 photo:
        // "found no object", fewer pixels than 0.1% of the photo's standing out.
        Map<View, Path> small = new EnumMap<>(View.class);
        for (View view : View.values()) {
            double scale = 30.0 / ViewImage.widestSide(MeshTestViews.mask(MeshJobTest.scene.mask(view)), 160);
            int side = (int) Math.round(160 * scale);
            small.put(view, placed(view, "small-" + view.wireName() + ".png", 1024, 1024, 512 - side / 2,
                    512 - side / 2, scale));
        }
        Path out = MeshJobTest.temp.resolve("small.glb");
        submit(small, MeshJobTest.lowPoly().build(), out).completion().get(120, TimeUnit.SECONDS);
        assertTrue(GlbFile.read(out).faceCount() > 0);
    }

    @Test
    void anObjectUnderTwoDozenPixelsAcrossIsAFailureThatSaysByHowMuch() throws Exception {
        // The front's object 18 pixels across in a 1024 x 1024 photo: found, but too coarse a silhouette.
        double scale = 18.0 / ViewImage.widestSide(MeshTestViews.mask(MeshJobTest.scene.mask(View.FRONT)), 160);
        int side = (int) Math.round(160 * scale);
        Path front = placed(View.FRONT, "front-18.png", 1024, 1024, 512 - side / 2, 512 - side / 2, scale);
        Job job = submit(Map.of(View.FRONT, front), MeshJobTest.lowPoly().build(), MeshJobTest.temp.resolve("18.glb"));
        assertThrows(ExecutionException.class, () -> job.completion().get(120, TimeUnit.SECONDS));
        assertEquals(ErrorCode.RECONSTRUCTION_FAILED, job.error().orElseThrow().code());
        String message = job.error().orElseThrow().message();
        assertTrue(message.matches(
                "the object in the front view is only 1[6-9] pixels across, [5-8] short of the 24 .*"), message);
    }

    /** The four views, with the files in {@code replaced} in place of theirs. */
    private static Job submit(Map<View, Path> replaced, MeshParams params, Path output) {
        Map<View, InputSource> views = MeshJobTest.files(View.values());
        replaced.forEach((view, file) -> views.put(view, new InputSource.FromPath(file)));
        return MeshJobTest.engine.submit(new MeshRequest(views, params, output));
    }

    /**
     * A {@code width x height} photo of the backdrop's corner colour with the view drawn at
     * ({@code x}, {@code y}), scaled by {@code scale}.
     */
    private static Path placed(View view, String name, int width, int height, int x, int y, double scale)
            throws IOException {
        BufferedImage source = ImageIO.read(MeshJobTest.scene.image(view).toFile());
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(source.getRGB(0, 0)));
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, x, y, (int) Math.round(source.getWidth() * scale),
                (int) Math.round(source.getHeight() * scale), null);
        g.dispose();
        Path file = Files.createDirectories(MeshJobTest.temp.resolve("edges")).resolve(name);
        ImageIO.write(out, "png", file.toFile());
        return file;
    }
}
