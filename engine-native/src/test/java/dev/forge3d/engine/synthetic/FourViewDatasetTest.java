package dev.forge3d.engine.synthetic;

import dev.forge3d.api.View;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mesh-from-photos data sets: each preset alone on a plain background from four views. */
class FourViewDatasetTest {
    static final int SIZE = 128;

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(ScenePreset.class)
    void masksMatchTheRendersAndTheGroundTruthMesh(ScenePreset preset) throws Exception {
        GeneratedScene generated = SceneGenerator.generate(
                GenerationSpec.fourViews(preset.isolated(11), SIZE), folder.resolve(preset.name()));
        GroundTruth truth = GroundTruth.read(generated.directory());
        assertNull(generated.video());
        assertEquals(4, generated.frameCount());
        TriangleMesh mesh = ObjFiles.read(generated.mesh());
        int background = ScenePreset.DEFAULT_BACKGROUND_RGB;
        for (View view : View.values()) {
            int[] image = TestImages.rgb(generated.image(view));
            boolean[] mask = TestImages.mask(generated.mask(view));
            // Away from the silhouette, mask == "the pixel is not the background colour".
            int exceptions = 0;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    if (TestImages.nearMaskEdge(mask, SIZE, SIZE, x, y)) {
                        continue;
                    }
                    boolean isBackground = image[y * SIZE + x] == background;
                    if (mask[y * SIZE + x] == isBackground) {
                        exceptions++;
                    }
                }
            }
            assertEquals(0, exceptions, preset + " " + view + ": mask disagrees with the render");
            // And the mask is the ground-truth mesh seen through the ground-truth camera.
            IndependentProjection camera = new IndependentProjection(
                    truth.frame(CameraRig.label(view)).pose().rows(), truth.intrinsics());
            MaskComparison.assertAgree(camera.rasterise(mesh, SIZE, SIZE), mask, SIZE, SIZE, preset + " " + view);
        }
    }

    @ParameterizedTest
    @EnumSource(ScenePreset.class)
    void theFourViewsAreNinetyDegreesApartAtTheSameElevationLookingAtTheCentre(ScenePreset preset) {
        GenerationSpec spec = GenerationSpec.fourViews(preset.isolated(1), SIZE);
        var centre = spec.scene().objectBounds().centre();
        double[][] expected = {{0, 1}, {0, -1}, {-1, 0}, {1, 0}}; // FRONT, BACK, LEFT, RIGHT: (x, z)
        for (int i = 0; i < 4; i++) {
            CameraPose pose = spec.rig().poses().get(i);
            assertEquals(View.values()[i].name().toLowerCase(), spec.rig().labels().get(i));
            double dx = pose.position().x() - centre.x();
            double dy = pose.position().y() - centre.y();
            double dz = pose.position().z() - centre.z();
            double horizontal = Math.hypot(dx, dz);
            assertEquals(expected[i][0], dx / horizontal, 1e-12);
            assertEquals(expected[i][1], dz / horizontal, 1e-12);
            assertEquals(15, Math.toDegrees(Math.atan2(dy, horizontal)), 1e-9);
            IndependentProjection camera = new IndependentProjection(pose.rows(), spec.intrinsics());
            double[] uv = camera.project(centre.x(), centre.y(), centre.z());
            assertEquals(SIZE / 2.0, uv[0], 1e-9);
            assertEquals(SIZE / 2.0, uv[1], 1e-9);
        }
        assertTrue(spec.rig().description().get("kind").equals("four_views"));
    }

    /**
     * Taken square to the box's front ({@link ScenePreset#frontAzimuthDegrees()}), every view of
     * the yawed box shows one face head-on, so its mask is its own mirror image about the centre
     * column; from azimuth 0 the front view sees two faces and is not.
     */
    @ParameterizedTest
    @EnumSource(value = ScenePreset.class, names = "BOX")
    void viewsSquareToTheFrontSeeTheBoxHeadOn(ScenePreset preset) throws Exception {
        SyntheticScene scene = preset.isolated(2);
        GeneratedScene square = SceneGenerator.generate(
                GenerationSpec.fourViews(scene, SIZE, preset.frontAzimuthDegrees()).withMesh(false), folder.resolve("square"));
        for (View view : View.values()) {
            assertTrue(mirrorMismatch(TestImages.mask(square.mask(view))) <= 0.01, view + " is not head-on");
        }
        GeneratedScene turned = SceneGenerator.generate(GenerationSpec.fourViews(scene, SIZE).withMesh(false),
                folder.resolve("turned"));
        assertTrue(mirrorMismatch(TestImages.mask(turned.mask(View.FRONT))) > 0.05);
    }

    /** The fraction of mask pixels whose mirror image about the centre column is not in the mask. */
    private static double mirrorMismatch(boolean[] mask) {
        int inside = 0, mismatched = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (mask[y * SIZE + x]) {
                    inside++;
                    mismatched += mask[y * SIZE + SIZE - 1 - x] ? 0 : 1;
                }
            }
        }
        return (double) mismatched / inside;
    }
}
