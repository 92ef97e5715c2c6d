package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known 3D points, projected with the ground-truth camera read from ground_truth.json (not with
 * the renderer's ray generation), land where the renderer drew them. The points are the centres
 * of small solid-colour marker spheres floating in a ring above the object, where no camera of
 * the orbit sees them occluded.
 */
class MarkerProjectionTest {
    static final int WIDTH = 320;
    static final int HEIGHT = 180;
    static final int FRAMES = 8;
    static final double MARKER_RADIUS = 0.05;
    static final int MARKER_RGB = 0xFF00FF;

    @TempDir
    static Path folder;
    static GeneratedScene generated;
    static GroundTruth truth;
    static List<Vec3> markers = new ArrayList<>();
    static int firstMarker;

    @BeforeAll
    static void generate() throws Exception {
        List<Primitive> objects = new ArrayList<>(ScenePreset.COMPOSITE.primitives(3));
        firstMarker = objects.size();
        for (int k = 0; k < 6; k++) {
            double azimuth = Math.toRadians(20 + 60 * k);
            Vec3 centre = new Vec3(0.9 * Math.sin(azimuth), 1.25 + 0.05 * k, 0.9 * Math.cos(azimuth));
            markers.add(centre);
            objects.add(new Sphere(centre, MARKER_RADIUS, Surface.solid(MARKER_RGB)));
        }
        SyntheticScene scene = new SyntheticScene(3, objects, null, Background.plain(0x202020), Lighting.unlit());
        GenerationSpec spec = GenerationSpec.orbit(scene, WIDTH, HEIGHT, FRAMES).withSupersampling(1)
                .withVideo(false).withMesh(false);
        generated = SceneGenerator.generate(spec, folder.resolve("markers"));
        truth = GroundTruth.read(generated.groundTruthFile());
    }

    @Test
    void projectedMarkerCentresLandOnMarkerPixelsOfTheStoredFrames() throws Exception {
        for (int f = 0; f < FRAMES; f++) {
            IndependentProjection camera = new IndependentProjection(truth.frames().get(f).pose().rows(),
                    truth.intrinsics());
            int[] image = TestImages.rgb(generated.directory().resolve(truth.frames().get(f).image()));
            boolean[] mask = TestImages.mask(generated.directory().resolve(truth.frames().get(f).mask()));
            for (Vec3 m : markers) {
                double[] uv = camera.project(m.x(), m.y(), m.z());
                int x = (int) Math.floor(uv[0]);
                int y = (int) Math.floor(uv[1]);
                assertTrue(x >= 0 && y >= 0 && x < WIDTH && y < HEIGHT, "marker outside frame " + f);
                assertEquals(MARKER_RGB, image[y * WIDTH + x], "frame " + f + " pixel " + x + "," + y);
                assertTrue(mask[y * WIDTH + x]);
            }
        }
    }

    @Test
    void projectedCentresAgreeWithRenderedHitDepthAndSilhouetteToSubPixelAccuracy() {
        RayCastRenderer renderer = new RayCastRenderer(truth.scene());
        int shiftedDisagreements = 0;
        for (int f = 0; f < FRAMES; f++) {
            IndependentProjection camera = new IndependentProjection(truth.frames().get(f).pose().rows(),
                    truth.intrinsics());
            RenderedView view = renderer.render(truth.intrinsics(), truth.frames().get(f).pose(), 1);
            for (int k = 0; k < markers.size(); k++) {
                Vec3 m = markers.get(k);
                double[] uv = camera.project(m.x(), m.y(), m.z());
                int x = (int) Math.floor(uv[0]);
                int y = (int) Math.floor(uv[1]);
                int id = firstMarker + k;
                assertEquals(id, view.hitIds()[y * WIDTH + x], "hit id, frame " + f + " marker " + k);
                // The ray through that pixel centre meets the marker's front, one radius nearer.
                double depth = view.depth()[y * WIDTH + x];
                assertEquals(uv[2] - MARKER_RADIUS, depth, 0.1 * MARKER_RADIUS, "depth, frame " + f);
                // Silhouette: the marker covers exactly the pixels whose centre (i + 0.5, j + 0.5)
                // ray passes within one radius of its centre.
                for (int j = Math.max(0, y - 12); j < Math.min(HEIGHT, y + 13); j++) {
                    for (int i = Math.max(0, x - 12); i < Math.min(WIDTH, x + 13); i++) {
                        double miss = camera.rayMissDistance(i + 0.5, j + 0.5, m.x(), m.y(), m.z());
                        if (Math.abs(miss - MARKER_RADIUS) > 1e-9) {
                            assertEquals(miss < MARKER_RADIUS, view.hitIds()[j * WIDTH + i] == id,
                                    "silhouette at " + i + "," + j + ", frame " + f + " marker " + k);
                        }
                        // The same prediction with pixel centres at integers disagrees somewhere.
                        double shifted = camera.rayMissDistance(i, j, m.x(), m.y(), m.z());
                        if ((shifted < MARKER_RADIUS) != (view.hitIds()[j * WIDTH + i] == id)) {
                            shiftedDisagreements++;
                        }
                    }
                }
            }
        }
        assertTrue(shiftedDisagreements > 10 * FRAMES, "the silhouette check cannot see a half-pixel shift");
    }
}
