package dev.forge3d.engine.mesh;

import dev.forge3d.api.View;
import dev.forge3d.engine.synthetic.Bounds;
import dev.forge3d.engine.synthetic.CameraRig;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.PinholeIntrinsics;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import dev.forge3d.engine.synthetic.SyntheticScene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job's assumed cameras against the generator's: the elevation estimated from four views
 * rendered at a known elevation, and the camera geometry of one normalised view.
 */
class AssumedCamerasTest {
    static final int IMAGE_SIZE = 128;

    @TempDir
    Path folder;

    /** Four views of a box rendered at a known elevation give that elevation back, to the search's 5 degree step. */
    @ParameterizedTest
    @CsvSource({"0", "15", "25"})
    void theElevationIsReadFromTheViews(double elevation) throws Exception {
        Map<View, ViewNormalisation.NormalisedView> views = normalisedViews(ScenePreset.BOX, elevation, View.values());
        assertEquals(elevation, AssumedCameras.estimateElevation(views), 5.0);
    }

    /** One view holds no clue to its elevation: it is taken as level. */
    @Test
    void oneViewIsLevel() throws Exception {
        assertEquals(0.0, AssumedCameras.estimateElevation(normalisedViews(ScenePreset.BOX, 20, View.FRONT)));
    }

    /**
     * The camera looks at the origin from the view's side, down by the elevation, and the object
     * 1 unit tall spans {@link ViewNormalisation#pixelsPerUnit} pixels at the origin's depth.
     */
    @Test
    void theCameraLooksAtTheOriginFromItsSide() {
        int size = 200;
        var normalised = new ViewNormalisation.NormalisedView(new ViewImage(size, size, new int[size * size],
                new byte[size * size]), 600, 100, 100, 1, 100, 100);
        ViewCamera right = AssumedCameras.camera(View.RIGHT, normalised, 20);
        double[] p = new double[3];
        right.project(0, 0, 0, p);
        assertEquals(100, p[0], 1e-9);
        assertEquals(100, p[1], 1e-9);
        double distance = p[2];
        assertEquals(600 / ViewNormalisation.pixelsPerUnit(size), distance, 1e-9);
        double[] forward = right.viewDirection();
        assertEquals(-Math.cos(Math.toRadians(20)), forward[0], 1e-9);
        assertEquals(-Math.sin(Math.toRadians(20)), forward[1], 1e-9);
        assertEquals(0, forward[2], 1e-9);
        // A vertical unit segment through the origin spans pixelsPerUnit * cos(elevation) pixels
        // to first order: its far end is foreshortened by the camera's tilt.
        double[] top = new double[3];
        double[] bottom = new double[3];
        right.project(0, 0.005, 0, top);
        right.project(0, -0.005, 0, bottom);
        assertEquals(ViewNormalisation.pixelsPerUnit(size) * Math.cos(Math.toRadians(20)),
                (bottom[1] - top[1]) / 0.01, 1e-3 * ViewNormalisation.pixelsPerUnit(size));
    }

    /**
     * A canvas camera turned into the photo's camera ({@link ViewNormalisation.NormalisedView#photoCamera})
     * sees a point where the normalisation took the canvas pixel from: over a grid of points
     * around the object, the photo's mask at the photo camera's projection agrees with the
     * canvas mask at the canvas camera's, away from the outline.
     */
    @Test
    void thePhotoCameraSeesWhatTheCanvasShows() throws Exception {
        Map<View, ViewNormalisation.NormalisedView> views = normalisedViews(ScenePreset.COMPOSITE, 15, View.LEFT);
        ViewNormalisation.NormalisedView left = views.get(View.LEFT);
        ViewCamera canvas = AssumedCameras.camera(View.LEFT, left, 15);
        ViewCamera photo = left.photoCamera(canvas, IMAGE_SIZE, IMAGE_SIZE);
        byte[] photoMask = MeshTestViews.mask(lastGenerated.mask(View.LEFT));
        byte[] canvasMask = left.image().mask();
        double[] c = new double[3], u = new double[3];
        int compared = 0, inside = 0;
        for (double x = -0.6; x <= 0.6; x += 0.05) {
            for (double y = -0.6; y <= 0.6; y += 0.05) {
                canvas.project(x, y, 0, c);
                photo.project(x, y, 0, u);
                assertEquals(c[2], u[2], 1e-9, "depth");
                int cx = (int) c[0], cy = (int) c[1], ux = (int) u[0], uy = (int) u[1];
                if (cx < 1 || cy < 1 || cx >= canvas.width() - 1 || cy >= canvas.height() - 1
                        || ux < 0 || uy < 0 || ux >= IMAGE_SIZE || uy >= IMAGE_SIZE
                        || !uniform(canvasMask, canvas.width(), cx, cy)) {
                    continue;
                }
                compared++;
                inside += canvasMask[cy * canvas.width() + cx];
                assertEquals(canvasMask[cy * canvas.width() + cx], photoMask[uy * IMAGE_SIZE + ux], x + ", " + y);
            }
        }
        assertTrue(compared > 200 && inside > 50 && inside < compared, compared + " compared, " + inside + " inside");
    }

    /** Whether the pixel and its eight neighbours carry one label. */
    private static boolean uniform(byte[] mask, int width, int x, int y) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (mask[(y + dy) * width + x + dx] != mask[y * width + x]) {
                    return false;
                }
            }
        }
        return true;
    }

    private GeneratedScene lastGenerated;

    private Map<View, ViewNormalisation.NormalisedView> normalisedViews(ScenePreset preset, double elevation,
                                                                       View... views) throws Exception {
        SyntheticScene scene = preset.isolated(5);
        Bounds bounds = scene.objectBounds();
        GenerationSpec fourViews = GenerationSpec.fourViews(scene, IMAGE_SIZE);
        GenerationSpec spec = new GenerationSpec(scene, PinholeIntrinsics.fromHorizontalFov(IMAGE_SIZE, IMAGE_SIZE, 40),
                CameraRig.fourViews(bounds.centre(), bounds.radius() / Math.sin(Math.toRadians(18)), elevation),
                fourViews.supersampling(), fourViews.fps(), false, false);
        GeneratedScene generated = SceneGenerator.generate(spec, folder.resolve("e" + elevation + "-" + views.length));
        lastGenerated = generated;
        Map<View, ViewImage> segmented = new EnumMap<>(View.class);
        for (View view : views) {
            segmented.put(view, new ViewImage(IMAGE_SIZE, IMAGE_SIZE, MeshTestViews.rgb(generated.image(view)),
                    MeshTestViews.mask(generated.mask(view))));
        }
        return ViewNormalisation.normalise(segmented, 256);
    }
}
