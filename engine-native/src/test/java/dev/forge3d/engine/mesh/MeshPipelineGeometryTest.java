package dev.forge3d.engine.mesh;

import dev.forge3d.api.Resolution;
import dev.forge3d.api.Vec3;
import dev.forge3d.api.View;
import dev.forge3d.engine.synthetic.Bounds;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import dev.forge3d.engine.synthetic.SyntheticScene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mesh job's own geometry path (normalise the views to one scale, assume perspective cameras
 * 90 degrees apart with the assumed lens at an elevation estimated from the views
 * ({@link AssumedCameras}), {@link MeshBuild#reconstruct} at {@code low_poly}) on the generator's
 * four views, against the true object. The job is told neither the cameras' distance nor their
 * 15 degree elevation, and its frame is its own (the object about 1 unit tall), so the
 * reconstruction is brought onto the truth through the job's cameras: the origin they look at
 * onto the object's centre the generator's look at, scaled by the ratio of the true camera
 * distance to the assumed one. Were the assumed cameras the true ones up to scale, this would
 * reproduce the true-camera figures of {@link SilhouetteGeometryAccuracyTest}.
 */
class MeshPipelineGeometryTest {
    static final int IMAGE_SIZE = 192;

    @TempDir
    Path folder;

    record Accuracy(double chamferFraction, double volumeIou, double silhouetteIou) {
    }

    /** The sphere meets the acceptance through the job's own path, from four views and from one. */
    @Test
    void theSphereMeetsTheAcceptanceFromFourViewsAndFromOne() throws Exception {
        Accuracy four = measure(ScenePreset.SPHERE, View.values());
        print("SPHERE four views", four);
        assertTrue(four.chamferFraction <= 0.02, "chamfer " + four.chamferFraction);
        assertTrue(four.volumeIou >= 0.85, "volume IoU " + four.volumeIou);
        assertTrue(four.silhouetteIou >= 0.97, "silhouette IoU " + four.silhouetteIou);
        Accuracy one = measure(ScenePreset.SPHERE, View.FRONT);
        print("SPHERE front view only", one);
        assertTrue(one.chamferFraction <= 0.05, "chamfer " + one.chamferFraction);
    }

    /**
     * Front and back alone leave each view's depth unbounded by a perpendicular view; the
     * cylinder's reconstruction still re-projects onto its masks (measured silhouette IoU 0.985,
     * Chamfer 4.3%). The underside used to be cut level at points the hull put in front of the
     * object, above its base, which took its bottom half: silhouette IoU 0.56, Chamfer 10%.
     */
    @Test
    void frontAndBackAloneKeepTheSilhouettes() throws Exception {
        Accuracy a = measure(ScenePreset.CYLINDER, View.FRONT, View.BACK);
        print("CYLINDER front and back", a);
        assertTrue(a.silhouetteIou >= 0.97, "silhouette IoU " + a.silhouetteIou);
        assertTrue(a.chamferFraction <= 0.05, "chamfer " + a.chamferFraction);
    }

    /**
     * The box, cylinder and composite (photographed square to their fronts), held at what the
     * job reaches (measured Chamfer 1.99%, 1.74%, 2.09%; volume IoU 0.832, 0.892, 0.773;
     * silhouette IoU 0.995, 0.969, 0.994), so that a regression shows. The unseen keel below
     * them is closed ({@link UnseenUnderside}); the box and the composite still miss on volume,
     * as the composite does with the true cameras ({@link SilhouetteGeometryAccuracyTest}):
     * through a 40 degree lens, four silhouettes leave a wedge in front of each flat face that
     * only the view facing it sees, and the job's assumed cameras are too rough for colour
     * carving. The cylinder meets the Chamfer and volume bounds, and its silhouettes just miss
     * (a solid of revolution fits every elevation from 0 to 15 degrees, and the job takes the
     * middle, 7.5).
     */
    @ParameterizedTest
    @CsvSource({"BOX, 0.021, 0.81, 0.98", "CYLINDER, 0.019, 0.87, 0.96", "COMPOSITE, 0.022, 0.75, 0.98"})
    void otherObjectsStayAtTheirMeasuredAccuracy(ScenePreset preset, double chamfer, double volumeIou,
                                                 double silhouetteIou) throws Exception {
        Accuracy a = measure(preset, View.values());
        print(preset + " four views", a);
        assertTrue(a.chamferFraction <= chamfer, "chamfer " + a.chamferFraction);
        assertTrue(a.volumeIou >= volumeIou, "volume IoU " + a.volumeIou);
        assertTrue(a.silhouetteIou >= silhouetteIou, "silhouette IoU " + a.silhouetteIou);
    }

    private static void print(String what, Accuracy a) {
        System.out.printf(Locale.ROOT, "job geometry, %s: chamfer %.4f of diagonal, volume IoU %.3f, silhouette IoU %.3f%n",
                what, a.chamferFraction, a.volumeIou, a.silhouetteIou);
    }

    /**
     * The high_poly table of docs/perf (scripts/bench-mesh-accuracy.sh): every preset's four
     * views and the sphere's front view at 512 x 512, through the job's path at high_poly.
     */
    @Test
    @EnabledIfSystemProperty(named = "forge3d.bench.meshAccuracy", matches = "true")
    void highPolyAccuracyTable() throws Exception {
        for (ScenePreset preset : ScenePreset.values()) {
            print(preset + " four views, high_poly", measure(preset, Resolution.HIGH_POLY, 512, View.values()));
        }
        print("SPHERE front view only, high_poly", measure(ScenePreset.SPHERE, Resolution.HIGH_POLY, 512, View.FRONT));
    }

    Accuracy measure(ScenePreset preset, View... views) throws Exception {
        return measure(preset, Resolution.LOW_POLY, IMAGE_SIZE, views);
    }

    Accuracy measure(ScenePreset preset, Resolution resolution, int imageSize, View... views) throws Exception {
        SyntheticScene scene = preset.isolated(5);
        GeneratedScene generated = SceneGenerator.generate(GenerationSpec.fourViews(scene, imageSize, preset.frontAzimuthDegrees()).withMesh(false),
                folder.resolve(preset.name() + views.length));
        Map<View, ViewImage> segmentedViews = new EnumMap<>(View.class);
        int canvas = MeshBuild.canvasHeight(resolution);
        for (View view : views) {
            ViewImage segmented = new ViewImage(imageSize, imageSize, MeshTestViews.rgb(generated.image(view)),
                    MeshTestViews.mask(generated.mask(view)));
            segmentedViews.put(view, segmented);
        }
        Map<View, ViewNormalisation.NormalisedView> normalised = ViewNormalisation.normalise(segmentedViews, canvas);
        List<PosedView> posed = MeshBuild.poseNormalised(normalised);
        DenseSurface surface = MeshBuild.reconstruct(posed, resolution, new SilhouetteGeometryModel(), f -> { });

        // The job's frame onto the truth's through its own cameras: they look at its origin from
        // a distance in its units, the generator's at the object's centre from a distance in
        // metres, so world = centre + (true distance / assumed distance) * reconstructed. Were
        // the assumed cameras the true ones, this would give the true-camera figures exactly.
        Bounds truth = scene.objectBounds();
        double[] target = {truth.centre().x(), truth.centre().y(), truth.centre().z()};
        Vec3 eye = generated.poses().get(0).position();
        double trueDistance = Math.sqrt(Math.pow(eye.x() - target[0], 2) + Math.pow(eye.y() - target[1], 2)
                + Math.pow(eye.z() - target[2], 2));
        double scale = trueDistance / posed.get(0).camera().rows()[11];
        // The job's front camera is on its +Z axis, the generator's at the preset's front azimuth.
        double yaw = Math.toRadians(preset.frontAzimuthDegrees());
        double cos = Math.cos(yaw), sin = Math.sin(yaw);
        float[] p = surface.mesh().positions().clone();
        for (int i = 0; i < p.length; i += 3) {
            double x = p[i], y = p[i + 1], z = p[i + 2];
            p[i] = (float) (scale * (cos * x + sin * z) + target[0]);
            p[i + 1] = (float) (scale * y + target[1]);
            p[i + 2] = (float) (scale * (-sin * x + cos * z) + target[2]);
        }
        TriMesh aligned = new TriMesh(p, surface.mesh().indices());

        double diagonal = Math.sqrt(truth.size().x() * truth.size().x() + truth.size().y() * truth.size().y()
                + truth.size().z() * truth.size().z());
        double chamfer = MeshMetrics.chamfer(MeshMetrics.sampleSurface(aligned, 3000, 1),
                scene.sampleObjectSurface(3000, 2));
        double volumeIou = MeshMetrics.volumeIou(scene, truth, (x, y, z) -> surface.contains(
                (cos * (x - target[0]) - sin * (z - target[2])) / scale, (y - target[1]) / scale,
                (sin * (x - target[0]) + cos * (z - target[2])) / scale));
        double silhouetteIou = 1;
        for (View view : views) {
            byte[] mask = MeshTestViews.mask(generated.mask(view));
            silhouetteIou = Math.min(silhouetteIou, ViewImage.maskIou(
                    MeshRasterizer.silhouette(aligned, MeshTestViews.camera(generated, view)), mask));
        }
        return new Accuracy(chamfer / diagonal, volumeIou, silhouetteIou);
    }
}
