package dev.forge3d.engine.mesh;

import dev.forge3d.api.View;
import dev.forge3d.api.Vec3;
import dev.forge3d.engine.synthetic.OrbitCameras;
import dev.forge3d.engine.synthetic.PinholeIntrinsics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The cameras the mesh job assumes for its normalised views: perspective cameras with the
 * assumed lens ({@link ViewNormalisation#ASSUMED_FIELD_OF_VIEW_DEGREES}), 90 degrees apart around
 * the vertical axis, looking at the object's centre (the world origin) from one shared
 * elevation. Each camera's distance follows from its focal length and the normalised size: the
 * object, 1 unit tall, spans {@link ViewNormalisation#pixelsPerUnit} pixels at the centre's depth.
 * The elevation is estimated from the views ({@link #estimateElevation}); a single view keeps 0.
 */
public final class AssumedCameras {
    /** The elevations searched, degrees: level to looking down 30 degrees, as product photos are taken. */
    static final double[] ELEVATIONS = {0, 5, 10, 15, 20, 25, 30};
    /** Samples along the search box's longest side of the hull that scores an elevation. */
    static final int SCORE_SAMPLES = 64;
    /** Pixel rows across the canvas height whose rays score an elevation (every n-th pixel). */
    static final int SCORE_ROWS = 96;
    /**
     * Candidates whose silhouette coverage is this close to the best one's fit the views as
     * well: differences below it are the coarse hull's sampling noise (measured up to 0.0006
     * between elevations for a sphere, which fits every elevation).
     */
    static final double CONSISTENT_TOLERANCE = 0.002;
    /** Closest camera distance, in half-diagonals of the normalised canvas: keeps the camera outside the object. */
    static final double MIN_DISTANCE_IN_RADII = 1.1;

    private AssumedCameras() {
    }

    /** The views posed at the elevation estimated from them. */
    public static List<PosedView> pose(Map<View, ViewNormalisation.NormalisedView> views) {
        return pose(views, estimateElevation(views));
    }

    /** The views posed at a given elevation (degrees, positive looking down). */
    public static List<PosedView> pose(Map<View, ViewNormalisation.NormalisedView> views, double elevationDegrees) {
        List<PosedView> out = new ArrayList<>();
        for (Map.Entry<View, ViewNormalisation.NormalisedView> e : views.entrySet()) {
            ViewImage image = e.getValue().image();
            out.add(new PosedView(image, camera(e.getKey(), e.getValue(), elevationDegrees)));
        }
        return out;
    }

    /**
     * The camera of a normalised view: its focal length and principal point, at the distance
     * where 1 unit at the origin spans {@link ViewNormalisation#pixelsPerUnit} pixels (but at
     * least {@link #MIN_DISTANCE_IN_RADII} half-diagonals of the canvas, measured in units), on
     * the view's side (front +Z, right +X), looking at the origin.
     */
    public static ViewCamera camera(View view, ViewNormalisation.NormalisedView normalised, double elevationDegrees) {
        int width = normalised.image().width();
        int height = normalised.image().height();
        double focalPixels = normalised.focalPixels();
        double pixelsPerUnit = ViewNormalisation.pixelsPerUnit(height);
        double radius = 0.5 * Math.hypot(width, height) / pixelsPerUnit;
        double distance = Math.max(focalPixels / pixelsPerUnit, MIN_DISTANCE_IN_RADII * radius);
        double focal = distance * pixelsPerUnit;
        PinholeIntrinsics k = new PinholeIntrinsics(focal, focal, normalised.principalX(), normalised.principalY(), width, height);
        return ViewCamera.perspective(k, OrbitCameras.camera(new Vec3(0, 0, 0), distance, elevationDegrees,
                OrbitCameras.azimuthDegrees(view)));
    }

    /**
     * The shared elevation whose cameras make the views most consistent: for each candidate in
     * {@link #ELEVATIONS}, the visual hull on a coarse grid, and the fraction of the silhouettes'
     * pixels (every few rows and columns) whose ray meets it, averaged over the views. The hull
     * lies inside every silhouette, so with the true cameras its re-projection fills them; with
     * a wrong elevation the views' slices disagree and parts of the silhouettes stay empty.
     * Some shapes fit several elevations (a solid of revolution shows the same outline from
     * every side, and some such solid matches it from any elevation), so every candidate within
     * {@link #CONSISTENT_TOLERANCE} of the best counts as consistent, and the middle of the
     * consistent range is taken: the choice that is least wrong in the worst case. One view
     * always gets 0.
     */
    public static double estimateElevation(Map<View, ViewNormalisation.NormalisedView> views) {
        if (views.size() < 2) {
            return 0;
        }
        List<ViewImage> images = views.values().stream().map(ViewNormalisation.NormalisedView::image).toList();
        float[][] distance = images.stream()
                .map(i -> SilhouetteDistance.signedDistance(i.mask(), i.width(), i.height())).toArray(float[][]::new);
        double[] scores = new double[ELEVATIONS.length];
        double best = 0;
        for (int e = 0; e < ELEVATIONS.length; e++) {
            scores[e] = silhouetteCoverage(pose(views, ELEVATIONS[e]), distance);
            best = Math.max(best, scores[e]);
        }
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < ELEVATIONS.length; e++) {
            if (scores[e] >= best - CONSISTENT_TOLERANCE) {
                lowest = Math.min(lowest, ELEVATIONS[e]);
                highest = Math.max(highest, ELEVATIONS[e]);
            }
        }
        return 0.5 * (lowest + highest);
    }

    /** The mean over the views of the fraction of sampled silhouette pixels whose ray meets the coarse hull. */
    static double silhouetteCoverage(List<PosedView> views, float[][] signedDistance) {
        ViewCamera[] cameras = views.stream().map(PosedView::camera).toArray(ViewCamera[]::new);
        double[] box = MeshBuild.searchBox(views);
        VolumeGrid grid = VolumeGrid.covering(new double[] {box[0], box[1], box[2]},
                new double[] {box[3], box[4], box[5]}, SCORE_SAMPLES);
        float[] hull = new float[grid.size()];
        VolumeCarving.hullField(grid, cameras, signedDistance, hull);
        return IntStream.range(0, views.size()).parallel()
                .mapToDouble(v -> rayHitFraction(grid, hull, cameras[v], views.get(v).image().mask()))
                .average().orElse(0);
    }

    /** The fraction of every n-th mask pixel (n from {@link #SCORE_ROWS}) whose ray meets the positive field. */
    static double rayHitFraction(VolumeGrid g, float[] field, ViewCamera c, byte[] mask) {
        float[] near = new float[mask.length];
        float[] far = new float[mask.length];
        byte[] sampled = new byte[mask.length];
        int stride = Math.max(1, c.height() / SCORE_ROWS);
        int total = 0;
        for (int y = stride / 2; y < c.height(); y += stride) {
            for (int x = stride / 2; x < c.width(); x += stride) {
                int at = y * c.width() + x;
                sampled[at] = mask[at];
                total += mask[at] != 0 ? 1 : 0;
            }
        }
        if (total == 0) {
            return 0;
        }
        VolumeCarving.depthRange(g, field, c, sampled, near, far);
        int hits = 0;
        for (int i = 0; i < sampled.length; i++) {
            if (sampled[i] != 0 && far[i] >= near[i]) {
                hits++;
            }
        }
        return hits / (double) total;
    }
}
