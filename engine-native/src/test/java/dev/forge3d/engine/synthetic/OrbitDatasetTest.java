package dev.forge3d.engine.synthetic;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One small orbit data set (composite object on its ground disc), checked against its ground truth. */
class OrbitDatasetTest {
    static final int WIDTH = 320;
    static final int HEIGHT = 180;
    static final int FRAMES = 12;

    @TempDir
    static Path folder;
    static GeneratedScene generated;

    @BeforeAll
    static void generate() throws Exception {
        GenerationSpec spec = GenerationSpec.orbit(ScenePreset.COMPOSITE.onGround(7), WIDTH, HEIGHT, FRAMES)
                .withSupersampling(2);
        generated = SceneGenerator.generate(spec, folder.resolve("orbit"));
    }

    @Test
    void writesTheDocumentedLayout() throws Exception {
        Path dir = generated.directory();
        for (int i = 0; i < FRAMES; i++) {
            assertTrue(Files.isRegularFile(dir.resolve(String.format("frames/frame_%05d.png", i))));
            assertTrue(Files.isRegularFile(dir.resolve(String.format("masks/mask_%05d.png", i))));
        }
        assertTrue(Files.isRegularFile(dir.resolve("orbit.mp4")));
        assertTrue(Files.isRegularFile(dir.resolve("mesh.obj")));
        assertTrue(Files.isRegularFile(dir.resolve("ground_truth.json")));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().contains(".tmp")), "temporary files left");
        }
    }

    @Test
    void mp4DecodesToTheRequestedFrameCountAndSizeInOrder() throws Exception {
        assertNotNull(generated.groundTruth().video().encoder());
        List<int[]> decoded = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(generated.video().toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            assertEquals(WIDTH, grabber.getImageWidth());
            assertEquals(HEIGHT, grabber.getImageHeight());
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                assertEquals(WIDTH, frame.imageWidth);
                assertEquals(HEIGHT, frame.imageHeight);
                int[] rgb = TestImages.rgb(converter.convert(frame));
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] &= 0xFFFFFF;
                }
                decoded.add(rgb);
            }
            grabber.stop();
        }
        assertEquals(FRAMES, decoded.size());
        // Each decoded frame is close to its own PNG (in luma: 4:2:0 chroma subsampling blurs the
        // saturated texture's colours) and further from the PNG three frames on.
        for (int i = 0; i < FRAMES; i++) {
            int[] png = TestImages.rgb(generated.image(i));
            int[] later = TestImages.rgb(generated.image((i + 3) % FRAMES));
            double own = TestImages.meanAbsoluteLumaDifference(decoded.get(i), png);
            double other = TestImages.meanAbsoluteLumaDifference(decoded.get(i), later);
            assertTrue(own < 3.5, "frame " + i + " differs from its PNG by " + own);
            assertTrue(other > 2 * own, "frame " + i + " is not in order: " + own + " vs " + other);
        }
    }

    @Test
    void groundTruthFileReadsBackToTheSameCamerasAndScene() throws Exception {
        GroundTruth read = GroundTruth.read(generated.directory());
        assertEquals(generated.groundTruth().intrinsics(), read.intrinsics());
        assertEquals(generated.groundTruth().poses(), read.poses());
        assertEquals(generated.scene(), read.scene());
        assertEquals(FRAMES, read.video().frameCount());
        // The scene read back from JSON re-renders bit-identically to the stored frames.
        RayCastRenderer renderer = new RayCastRenderer(read.scene());
        int i = 5;
        RenderedView view = renderer.render(read.intrinsics(), read.frames().get(i).pose(), read.supersampling());
        assertArrayEquals(TestImages.rgb(generated.image(i)), view.rgb());
    }

    @Test
    void masksMatchTheGroundTruthMeshRasterisedWithTheGroundTruthCameras() throws Exception {
        GroundTruth truth = GroundTruth.read(generated.directory());
        TriangleMesh mesh = ObjFiles.read(generated.mesh());
        for (int i = 0; i < FRAMES; i += 3) {
            IndependentProjection camera = new IndependentProjection(truth.frames().get(i).pose().rows(),
                    truth.intrinsics());
            boolean[] raster = camera.rasterise(mesh, WIDTH, HEIGHT);
            boolean[] mask = TestImages.mask(generated.mask(i));
            MaskComparison.assertAgree(raster, mask, WIDTH, HEIGHT, "frame " + i);
        }
    }
}
