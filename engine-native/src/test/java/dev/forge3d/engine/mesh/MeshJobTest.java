package dev.forge3d.engine.mesh;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.Estimate;
import dev.forge3d.api.InputSource;
import dev.forge3d.api.JobResult;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.Resolution;
import dev.forge3d.api.Vec3;
import dev.forge3d.api.View;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.estimate.CostModel;
import dev.forge3d.engine.media.ExifTaggedFiles;
import dev.forge3d.engine.media.EncodedImages;
import dev.forge3d.engine.media.ImageDecoding;
import dev.forge3d.engine.pipeline.MeshPipeline;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.PngHeaders;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mesh job end to end on the synthetic composite's four views: parameters land in the GLB. */
class MeshJobTest {
    static Path temp;
    static GeneratedScene scene;
    static LocalEngine engine;

    @BeforeAll
    static void generate() throws Exception {
        if (scene != null) {
            return;
        }
        temp = Files.createTempDirectory(Files.createDirectories(Path.of("target", "mesh-jobs")), "run");
        scene = SceneGenerator.generate(GenerationSpec.fourViews(ScenePreset.COMPOSITE.isolated(7), 160)
                .withMesh(false), temp.resolve("views"));
        engine = new LocalEngine(EngineConfig.builder().workRoot(temp.resolve("work")).build(), List.of(new CpuBackend()));
    }

    @AfterAll
    static void close() throws java.io.IOException {
        if (engine != null) {
            engine.close();
            dev.forge3d.engine.io.AtomicFiles.deleteTree(temp);
            engine = null;
            scene = null;
        }
    }

    static MeshParams.Builder lowPoly() {
        return MeshParams.builder().resolution(Resolution.LOW_POLY).faces(1500).textureSize(512).device(DeviceKind.CPU);
    }

    static JobResult run(MeshParams params, Path output) throws Exception {
        return run(params, output, View.values());
    }

    static JobResult run(MeshParams params, Path output, View... given) throws Exception {
        return submit(files(given), params, output);
    }

    /** The synthetic scene's PNG files of the given views. */
    static Map<View, InputSource> files(View... given) {
        Map<View, InputSource> views = new EnumMap<>(View.class);
        for (View view : given) {
            views.put(view, new InputSource.FromPath(scene.image(view)));
        }
        return views;
    }

    static JobResult submit(Map<View, InputSource> views, MeshParams params, Path output) throws Exception {
        JobResult result = engine.submit(new MeshRequest(views, params, output)).completion().get(120, TimeUnit.SECONDS);
        // Kept for scripts/compat-gltf-validator.sh and compat-usdz-three.sh, which .ci/run runs after the tests.
        for (Path written : result.outputs().values()) {
            String name = written.getFileName().toString();
            String kind = name.endsWith(".glb") ? "glb" : name.endsWith(".usdz") ? "usdz" : null;
            if (kind != null) {
                Path samples = Files.createDirectories(Path.of("target", kind + "-samples"));
                Files.copy(written, samples.resolve("job-" + name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return result;
    }

    @Test
    void facesTextureSizeAndTheDefaultBottomCentrePivot() throws Exception {
        Path out = temp.resolve("default.glb");
        JobResult result = run(lowPoly().pbr(true).build(), out);
        GlbFile glb = GlbFile.read(out);
        assertEquals(out, result.outputs().get("glb"));
        assertTrue(Math.abs(glb.faceCount() - 1500) <= 0.02 * 1500, "faces " + glb.faceCount());
        assertEquals(glb.faceCount(), ((Number) result.metrics().get("faces")).intValue());
        assertEquals(512, ((Number) result.metrics().get("texture_size")).intValue());
        List<BufferedImage> images = glb.images();
        assertEquals(3, images.size(), "base colour, metallic-roughness, normal map");
        for (BufferedImage image : images) {
            assertEquals(512, image.getWidth());
            assertEquals(512, image.getHeight());
        }
        double[] b = glb.positionBounds();
        // Pivot (0.5, 0, 0.5): the origin is the bottom centre.
        assertEquals(0, b[1], 1e-5);
        assertEquals(0, (b[0] + b[3]) / 2, 1e-5);
        assertEquals(0, (b[2] + b[5]) / 2, 1e-5);
        for (String stage : List.of("segmentation", "geometry", "simplification", "texture", "placement", "outputs")) {
            assertTrue(result.metrics().containsKey("seconds_" + stage), stage);
        }
        assertTrue(glb.attribute("TANGENT") >= 0);
    }

    @Test
    void onceAMeshJobHasRunItsEstimateLeavesOutTheFirstJobsWarmUp() throws Exception {
        MeshParams params = lowPoly().build();
        assertTrue(run(params, temp.resolve("warm-up.glb")).outputs().containsKey("glb"));
        assertTrue(MeshPipeline.hasRunInThisProcess());
        Estimate estimate = engine.estimate(new MeshRequest(files(View.values()), params, temp.resolve("x.glb")));
        CostModel model = new CostModel(Runtime.getRuntime().availableProcessors());
        CostModel.MeshViews views = CostModel.MeshViews.of(4, 160, 160); // the scene's
        assertEquals(model.mesh(params, views, DeviceKind.CPU, true), estimate);
        assertTrue(estimate.seconds() < model.mesh(params, views, DeviceKind.CPU, false).seconds());
    }

    @Test
    void theEstimateCountsEachViewAtTheSizeTheJobWorksOnIt() throws Exception {
        // Headers only: the estimate reads sizes, and decodes nothing.
        Path large = Files.write(temp.resolve("large-front.png"), PngHeaders.declaring(9000, 6000));
        Path small = Files.write(temp.resolve("small-back.png"), PngHeaders.declaring(300, 200));
        MeshParams params = lowPoly().build();
        Estimate estimate = engine.estimate(new MeshRequest(Map.of(View.FRONT, InputSource.of(large),
                View.BACK, InputSource.of(small)), params, temp.resolve("large.glb")));
        CostModel model = new CostModel(Runtime.getRuntime().availableProcessors());
        // The front decoded at 9000 x 6000, worked on shrunk to 4096 on its longer side.
        CostModel.MeshViews views = new CostModel.MeshViews(2, 9000L * 6000 + 300L * 200, 4096L * 2731 + 300L * 200);
        assertEquals(model.mesh(params, views, DeviceKind.CPU, MeshPipeline.hasRunInThisProcess()), estimate);
    }

    @Test
    void theBoxIsMetWithAndWithoutPreservedAspect() throws Exception {
        Path stretched = temp.resolve("stretched.glb");
        run(lowPoly().scaledBbox(new Vec3(0.3, 0.5, 0.2)).build(), stretched);
        double[] b = GlbFile.read(stretched).positionBounds();
        assertEquals(0.3, b[3] - b[0], 0.003);
        assertEquals(0.5, b[4] - b[1], 0.005);
        assertEquals(0.2, b[5] - b[2], 0.002);

        Path natural = temp.resolve("natural.glb");
        run(lowPoly().build(), natural);
        double[] n = GlbFile.read(natural).positionBounds();
        double[] naturalSize = {n[3] - n[0], n[4] - n[1], n[5] - n[2]};

        Path fitted = temp.resolve("fitted.glb");
        Vec3 box = new Vec3(0.3, 0.5, 0.2);
        run(lowPoly().scaledBbox(box).preserveAspectRatio(true).build(), fitted);
        double[] f = GlbFile.read(fitted).positionBounds();
        double[] size = {f[3] - f[0], f[4] - f[1], f[5] - f[2]};
        double[] wanted = {box.x(), box.y(), box.z()};
        double scale = Double.POSITIVE_INFINITY;
        for (int a = 0; a < 3; a++) {
            scale = Math.min(scale, wanted[a] / naturalSize[a]);
        }
        boolean touches = false;
        for (int a = 0; a < 3; a++) {
            assertTrue(size[a] <= wanted[a] * 1.01, "axis " + a + " fits: " + size[a]);
            assertEquals(naturalSize[a] * scale, size[a], 0.01 * size[a], "axis " + a + " keeps the aspect");
            touches |= Math.abs(size[a] - wanted[a]) <= 0.01 * wanted[a];
        }
        assertTrue(touches, "the fitted box touches the request on one axis");
    }

    @Test
    void theFrontViewAloneGivesAMeshAsDeepAsItIsWide() throws Exception {
        Path out = temp.resolve("front-only.glb");
        JobResult result = run(lowPoly().symmetry(dev.forge3d.api.Symmetry.ON).build(), out, View.FRONT);
        GlbFile glb = GlbFile.read(out);
        assertTrue(Math.abs(glb.faceCount() - 1500) <= 30, "faces " + glb.faceCount());
        double[] b = glb.positionBounds();
        // Symmetric inflation: the depth comes from the widths of the silhouette's rows.
        assertTrue(b[5] - b[2] > 0.3 * (b[3] - b[0]) && b[5] - b[2] <= 1.01 * (b[3] - b[0]),
                "depth " + (b[5] - b[2]) + " width " + (b[3] - b[0]));
        assertEquals(1, ((Number) result.metrics().get("views")).intValue());
        assertEquals("left_right,front_back", result.metrics().get("mirror_planes"));
    }

    @Test
    void autoSymmetryMirrorsAcrossNeitherPlaneWhereTheCompositesOutlinesAreLopsided() throws Exception {
        // Its front shows a cylinder on one side and a small sphere on the other; its sides show
        // the small sphere in front and the box behind: no plane is trusted with unseen texels.
        JobResult result = run(lowPoly().build(), temp.resolve("three-views.glb"), View.FRONT, View.LEFT, View.RIGHT);
        assertEquals("none", result.metrics().get("mirror_planes"));
    }

    @Test
    void theSameRequestGivesTheSameBytes() throws Exception {
        Path first = temp.resolve("same-1.glb");
        Path second = temp.resolve("same-2.glb");
        run(lowPoly().build(), first);
        run(lowPoly().build(), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void oneThreadPerJobGivesTheBytesOfThree() throws Exception {
        byte[][] glbs = new byte[2][];
        int[] threads = {1, 3};
        for (int i = 0; i < threads.length; i++) {
            Path output = temp.resolve("threads-" + threads[i] + ".glb");
            try (LocalEngine sized = new LocalEngine(EngineConfig.builder().workRoot(temp.resolve("work-" + threads[i]))
                    .threadsPerJob(threads[i]).build(), List.of(new CpuBackend()))) {
                sized.submit(new MeshRequest(files(View.values()), lowPoly().pbr(true).build(), output))
                        .completion().get(120, TimeUnit.SECONDS);
            }
            glbs[i] = Files.readAllBytes(output);
        }
        assertArrayEquals(glbs[0], glbs[1]);
    }

    @Test
    void viewsGivenAsWebpBytesADataUriAndAStreamGiveTheSameMeshAsPngFiles() throws Exception {
        Path fromFiles = temp.resolve("inputs-files.glb");
        run(lowPoly().build(), fromFiles);

        Map<View, InputSource> views = files(View.RIGHT);
        views.put(View.FRONT, new InputSource.FromBytes(losslessWebp(scene.image(View.FRONT)), "front.webp"));
        views.put(View.BACK, InputSource.ofDataUri("data:image/png;base64,"
                + Base64.getEncoder().encodeToString(Files.readAllBytes(scene.image(View.BACK)))));
        Path fromOthers = temp.resolve("inputs-others.glb");
        try (InputStream left = Files.newInputStream(scene.image(View.LEFT))) {
            views.put(View.LEFT, new InputSource.FromStream(left, "left.png"));
            submit(views, lowPoly().build(), fromOthers);
        }
        // Lossless WebP decodes to the PNG's pixels, so every stage sees the same input.
        assertArrayEquals(Files.readAllBytes(fromFiles), Files.readAllBytes(fromOthers));
    }

    @Test
    void aJpegFrontGivesTheMeshOfThePngFrontAlsoWhenStoredSidewaysWithItsExifTurn() throws Exception {
        Path fromPng = temp.resolve("front-png.glb");
        run(lowPoly().build(), fromPng);
        double[] png = GlbFile.read(fromPng).positionBounds();
        byte[] upright = encoded(scene.image(View.FRONT), false, ".jpg", opencv_imgcodecs.IMWRITE_JPEG_QUALITY, 90);
        // As a phone held sideways stores it: the pixels turned a quarter anticlockwise, and
        // orientation 6 (shown turned a quarter clockwise).
        byte[] sideways = ExifTaggedFiles.jpeg(encoded(scene.image(View.FRONT), true, ".jpg",
                opencv_imgcodecs.IMWRITE_JPEG_QUALITY, 90), 6);
        for (byte[] front : List.of(upright, sideways)) {
            Map<View, InputSource> views = files(View.values());
            views.put(View.FRONT, new InputSource.FromBytes(front, "front.jpg"));
            Path fromJpeg = temp.resolve(front == upright ? "front-jpeg.glb" : "front-jpeg-exif.glb");
            JobResult result = submit(views, lowPoly().build(), fromJpeg);
            double[] jpeg = GlbFile.read(fromJpeg).positionBounds();
            for (int a = 0; a < 3; a++) {
                double size = png[a + 3] - png[a];
                assertEquals(size, jpeg[a + 3] - jpeg[a], 0.03 * size, fromJpeg.getFileName() + " axis " + a);
            }
            assertTrue(Math.abs(((Number) result.metrics().get("faces")).intValue() - 1500) <= 30);
        }
    }

    private static byte[] losslessWebp(Path png) {
        // OpenCV writes lossless WebP for a quality above 100.
        byte[] webp = encoded(png, false, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 101);
        assertEquals("RIFF", new String(webp, 0, 4, StandardCharsets.ISO_8859_1));
        return webp;
    }

    private static byte[] encoded(Path png, boolean turnedAnticlockwise, String extension, int parameter, int value) {
        try (Mat image = ImageDecoding.decode(png); Mat stored = new Mat()) {
            if (turnedAnticlockwise) {
                opencv_core.rotate(image, stored, opencv_core.ROTATE_90_COUNTERCLOCKWISE);
            } else {
                image.copyTo(stored);
            }
            return EncodedImages.of(stored, extension, parameter, value);
        }
    }

    @Test
    void thePivotIsWhereItWasAsked() throws Exception {
        Path out = temp.resolve("pivot.glb");
        run(lowPoly().scaledBbox(new Vec3(1, -1, -1)).pivot(new Vec3(0, 1, 0.25)).build(), out);
        double[] b = GlbFile.read(out).positionBounds();
        assertEquals(1, b[3] - b[0], 0.01);
        assertEquals(0, b[0], 1e-5);
        assertEquals(0, b[4], 1e-5);
        assertEquals(0, b[2] + 0.25 * (b[5] - b[2]), 1e-5);
        assertTrue(Files.size(out) > 0);
    }
}
