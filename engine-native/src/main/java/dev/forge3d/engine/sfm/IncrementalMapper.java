package dev.forge3d.engine.sfm;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.features.ImageFeatures;
import dev.forge3d.engine.matching.VerifiedPair;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Incremental structure from motion, after COLMAP's mapper: start from a two-view model, then
 * register one image at a time by PnP, triangulate what it adds, refine locally, and refine
 * everything (with the shared focal length and k1) each time the model has grown by a fifth;
 * once every image that can be is registered, retriangulate and refine everything to convergence.
 */
public final class IncrementalMapper {
    /** The focal length prior, times the larger image side (COLMAP's default). */
    public static final double FOCAL_PRIOR = 1.2;
    /** Below this median triangulation angle of the best pair, the input has no usable parallax. */
    public static final double MIN_INITIAL_ANGLE_DEGREES = 2;
    /** A pair with this median angle or more counts as fully wide for the initial pair score. */
    private static final double GOOD_INITIAL_ANGLE_DEGREES = 10;
    /**
     * A pair whose matches a homography explains this well (COLMAP's max_H_inlier_ratio) has no
     * reliable parallax: the camera turned in place, or the scene is one plane.
     */
    private static final double MAX_HOMOGRAPHY_INLIER_RATIO = 0.8;
    private static final double MIN_TRIANGULATION_ANGLE_DEGREES = 1.5;
    private static final double MAX_REPROJECTION_PX = 4;
    private static final int MIN_PNP_INLIERS = 15;
    private static final int INITIAL_PAIR_CANDIDATES = 300;
    private static final int REGISTRATION_CANDIDATES = 8;
    private static final int LOCAL_BA_NEIGHBOURS = 6;
    private static final double GLOBAL_BA_GROWTH = 1.2;
    private static final int LOCAL_BA_ITERATIONS = 25;
    private static final int GLOBAL_BA_ITERATIONS = 50;
    /**
     * The adjustments made while the model grows (local, and global at milestones) stop once a
     * step lowers the cost by less than this fraction: they only have to keep drift from
     * building up, and the last steps of a converging LM run move the poses by hundredths of a
     * degree. The final adjustments converge tightly.
     */
    private static final double GROWTH_BA_RELATIVE_DECREASE = 1e-4;
    private static final double FINAL_BA_RELATIVE_DECREASE = 1e-6;

    /** Receives progress, and may throw to cancel. */
    public interface Listener {
        void registered(int registered, int total);

        /** A note for the user, for example that the frames split into several models. */
        default void message(String message) {
        }
    }

    private final Reconstruction model;
    private final CorrespondenceGraph graph;
    private final List<VerifiedPair> pairs;
    private final Listener listener;
    private int gaugeImage = -1;

    private IncrementalMapper(List<ImageFeatures> features, List<VerifiedPair> pairs, int width, int height,
                              Listener listener) {
        this.model = new Reconstruction(features, width, height, FOCAL_PRIOR * Math.max(width, height));
        this.graph = new CorrespondenceGraph(features.stream().mapToInt(ImageFeatures::count).toArray(), pairs);
        this.pairs = pairs;
        this.listener = listener;
    }

    /**
     * @throws Forge3dException {@code reconstruction_failed} saying why when no two-view model can
     *                          be started (no verified pairs, or no parallax)
     */
    public static Reconstruction reconstruct(List<ImageFeatures> features, List<VerifiedPair> pairs, int width,
                                             int height, Listener listener) {
        Reconstruction largest = null;
        boolean[] inSomeModel = new boolean[features.size()];
        List<VerifiedPair> remaining = pairs;
        int models = 0;
        while (true) {
            IncrementalMapper mapper = new IncrementalMapper(features, remaining, width, height, listener);
            try {
                mapper.initialise();
            } catch (Forge3dException e) {
                if (largest == null) {
                    throw e;
                }
                break; // the frames left over start no model of their own
            }
            mapper.grow();
            models++;
            Reconstruction model = mapper.model;
            if (largest == null || model.registeredCount() > largest.registeredCount()) {
                largest = model;
            }
            int left = 0;
            for (int i = 0; i < inSomeModel.length; i++) {
                inSomeModel[i] |= model.registered[i];
                left += inSomeModel[i] ? 0 : 1;
            }
            // Another model is only worth building when it could be larger than the largest so far.
            if (left <= largest.registeredCount()) {
                break;
            }
            remaining = remaining.stream()
                    .filter(p -> !inSomeModel[p.pair().first()] && !inSomeModel[p.pair().second()]).toList();
        }
        if (models > 1) {
            listener.message("the frames split into " + models + " separate models; kept the largest, with "
                    + largest.registeredCount() + " of " + features.size() + " frames");
        }
        return largest;
    }

    private void initialise() {
        if (pairs.isEmpty()) {
            throw failed("no two frames share enough features (at least " + 15
                    + " matches consistent with one camera motion); the frames may be blank, too blurred or unrelated");
        }
        List<VerifiedPair> byInliers = new ArrayList<>(pairs);
        byInliers.sort(Comparator.comparingInt((VerifiedPair p) -> -p.inliers())
                .thenComparingInt(p -> p.pair().first()).thenComparingInt(p -> p.pair().second()));
        double bestScore = -1;
        InitialPair best = null;
        VerifiedPair widest = null;
        double widestAngle = -1;
        int homographyPairs = 0;
        for (VerifiedPair pair : byInliers.subList(0, Math.min(INITIAL_PAIR_CANDIDATES, byInliers.size()))) {
            if (pair.homographyInliers() > MAX_HOMOGRAPHY_INLIER_RATIO * pair.inliers()) {
                homographyPairs++;
                continue;
            }
            Optional<InitialPair> candidate = twoViewModel(pair);
            if (candidate.isEmpty()) {
                continue;
            }
            InitialPair c = candidate.get();
            if (c.medianAngleDegrees > widestAngle) {
                widestAngle = c.medianAngleDegrees;
                widest = pair;
            }
            if (c.medianAngleDegrees < MIN_INITIAL_ANGLE_DEGREES || c.points.size() < 30) {
                continue;
            }
            double score = c.points.size() * Math.min(1, c.medianAngleDegrees / GOOD_INITIAL_ANGLE_DEGREES);
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        if (best == null) {
            String where = widest == null
                    ? (homographyPairs > 0 ? "every image pair's matches fit a homography (a camera turning in "
                    + "place, or a flat scene)" : "no image pair gives a consistent relative pose")
                    : String.format("the widest image pair (frames %d and %d) sees its matches under a median "
                    + "triangulation angle of %.2f degrees, below the %.1f needed", widest.pair().first(),
                    widest.pair().second(), Math.max(0, widestAngle), MIN_INITIAL_ANGLE_DEGREES);
            throw failed("no parallax: " + where + "; the camera must move around the subject, not stand still "
                    + "or only turn in place");
        }
        int a = best.pair.pair().first();
        int b = best.pair.pair().second();
        gaugeImage = a;
        So3.exp(0, 0, 0, model.rotations, 9 * a);
        System.arraycopy(best.rotation, 0, model.rotations, 9 * b, 9);
        System.arraycopy(best.translation, 0, model.translations, 3 * b, 3);
        model.registered[a] = true;
        model.registered[b] = true;
        for (double[] point : best.points) {
            Track track = new Track();
            System.arraycopy(point, 0, track.xyz, 0, 3);
            track.add(a, (int) point[3]);
            track.add(b, (int) point[4]);
            model.addTrack(track);
        }
        globalAdjustment(false, FINAL_BA_RELATIVE_DECREASE);
        filterOutliers(allTracks());
        listener.registered(2, model.imageCount());
    }

    /** A candidate two-view start: pose of the second view and the points it triangulates. */
    private record InitialPair(VerifiedPair pair, double[] rotation, double[] translation, List<double[]> points,
                               double medianAngleDegrees) {
    }

    private Optional<InitialPair> twoViewModel(VerifiedPair pair) {
        int a = pair.pair().first();
        int b = pair.pair().second();
        int[] m = pair.matches();
        int n = m.length / 2;
        double[] uv1 = new double[2 * n];
        double[] uv2 = new double[2 * n];
        ImageFeatures fa = model.features.get(a);
        ImageFeatures fb = model.features.get(b);
        for (int k = 0; k < n; k++) {
            uv1[2 * k] = fa.x(m[2 * k]);
            uv1[2 * k + 1] = fa.y(m[2 * k]);
            uv2[2 * k] = fb.x(m[2 * k + 1]);
            uv2[2 * k + 1] = fb.y(m[2 * k + 1]);
        }
        Optional<OpenCvGeometry.RelativePose> pose = OpenCvGeometry.relativePose(uv1, uv2, model.focal(), model.cx(),
                model.cy(), 1.0);
        if (pose.isEmpty()) {
            return Optional.empty();
        }
        double[] identity = new double[9];
        So3.exp(0, 0, 0, identity, 0);
        double[] zero = new double[3];
        double[] r = pose.get().rotation();
        double[] t = pose.get().translation();
        double[] c1 = zero;
        double[] c2 = Triangulation.centre(r, 0, t, 0);
        List<double[]> points = new ArrayList<>();
        List<Double> angles = new ArrayList<>();
        double focal = model.focal();
        for (int k = 0; k < n; k++) {
            if (!pose.get().inlier()[k]) {
                continue;
            }
            double x1 = (uv1[2 * k] - model.cx()) / focal;
            double y1 = (uv1[2 * k + 1] - model.cy()) / focal;
            double x2 = (uv2[2 * k] - model.cx()) / focal;
            double y2 = (uv2[2 * k + 1] - model.cy()) / focal;
            double[] xyz = new double[3];
            if (!Triangulation.triangulate(identity, 0, zero, 0, x1, y1, r, 0, t, 0, x2, y2, xyz)) {
                continue;
            }
            double angle = Math.toDegrees(Triangulation.angle(c1, c2, xyz));
            angles.add(angle);
            if (Triangulation.depth(identity, 0, zero, 0, xyz) <= 0 || Triangulation.depth(r, 0, t, 0, xyz) <= 0
                    || angle < MIN_TRIANGULATION_ANGLE_DEGREES) {
                continue;
            }
            points.add(new double[] {xyz[0], xyz[1], xyz[2], m[2 * k], m[2 * k + 1]});
        }
        if (angles.isEmpty()) {
            return Optional.empty();
        }
        angles.sort(Double::compare);
        return Optional.of(new InitialPair(pair, r, t, points, angles.get(angles.size() / 2)));
    }

    private void grow() {
        int lastGlobal = model.registeredCount();
        int[] failures = new int[model.imageCount()];
        while (true) {
            List<Integer> candidates = registrationCandidates(failures);
            boolean registered = false;
            for (int image : candidates) {
                if (register(image)) {
                    registered = true;
                    triangulateImage(image);
                    localAdjustment(image);
                    break;
                }
                failures[image]++;
            }
            if (!registered) {
                break;
            }
            int count = model.registeredCount();
            listener.registered(count, model.imageCount());
            if (count >= GLOBAL_BA_GROWTH * lastGlobal) {
                globalAdjustment(true, GROWTH_BA_RELATIVE_DECREASE);
                filterOutliers(allTracks());
                retriangulate();
                lastGlobal = count;
            }
        }
        // One more round to pick up what the last registrations made triangulable, then a last
        // adjustment without the outliers it filtered.
        retriangulate();
        globalAdjustment(true, FINAL_BA_RELATIVE_DECREASE);
        filterOutliers(allTracks());
        globalAdjustment(true, FINAL_BA_RELATIVE_DECREASE);
    }

    /** Unregistered images by how many model points they see, most first. */
    private List<Integer> registrationCandidates(int[] failures) {
        List<int[]> counts = new ArrayList<>();
        for (int image = 0; image < model.imageCount(); image++) {
            if (model.registered[image] || failures[image] >= 3) {
                continue;
            }
            int visible = correspondences2d3d(image).size();
            if (visible >= MIN_PNP_INLIERS) {
                counts.add(new int[] {image, visible});
            }
        }
        counts.sort((p, q) -> p[1] != q[1] ? Integer.compare(q[1], p[1]) : Integer.compare(p[0], q[0]));
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < Math.min(REGISTRATION_CANDIDATES, counts.size()); k++) {
            out.add(counts.get(k)[0]);
        }
        return out;
    }

    /** Feature to track, for the features of {@code image} matched to a feature with a track. */
    private Map<Integer, Integer> correspondences2d3d(int image) {
        Map<Integer, Integer> out = new HashMap<>();
        int features = model.features.get(image).count();
        for (int f = 0; f < features; f++) {
            for (int k = graph.from(image, f); k < graph.to(image, f); k++) {
                int other = graph.otherImage(image, k);
                if (!model.registered[other]) {
                    continue;
                }
                int track = model.trackOfFeature[other][graph.otherFeature(image, k)];
                if (track >= 0) {
                    out.put(f, track);
                    break;
                }
            }
        }
        return out;
    }

    private boolean register(int image) {
        Map<Integer, Integer> matches = correspondences2d3d(image);
        int n = matches.size();
        int[] featureOf = new int[n];
        int[] trackOf = new int[n];
        double[] xyz = new double[3 * n];
        double[] uv = new double[2 * n];
        ImageFeatures features = model.features.get(image);
        int k = 0;
        for (Map.Entry<Integer, Integer> e : matches.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            featureOf[k] = e.getKey();
            trackOf[k] = e.getValue();
            System.arraycopy(model.tracks.get(e.getValue()).xyz, 0, xyz, 3 * k, 3);
            uv[2 * k] = features.x(e.getKey());
            uv[2 * k + 1] = features.y(e.getKey());
            k++;
        }
        Optional<OpenCvGeometry.AbsolutePose> pose = OpenCvGeometry.absolutePose(xyz, uv, model.intrinsics,
                MAX_REPROJECTION_PX);
        if (pose.isEmpty() || pose.get().inliers().length < MIN_PNP_INLIERS
                || pose.get().inliers().length < 0.25 * n) {
            return false;
        }
        System.arraycopy(pose.get().rotation(), 0, model.rotations, 9 * image, 9);
        System.arraycopy(pose.get().translation(), 0, model.translations, 3 * image, 3);
        model.registered[image] = true;
        for (int inlier : pose.get().inliers()) {
            int track = trackOf[inlier];
            int feature = featureOf[inlier];
            if (model.trackOfFeature[image][feature] < 0 && !model.tracks.get(track).observedIn(image)) {
                model.addObservation(track, image, feature);
            }
        }
        return true;
    }

    /** Continues tracks into {@code image} and triangulates new points with the registered images. */
    private void triangulateImage(int image) {
        int features = model.features.get(image).count();
        double maxAngleRad = Math.toRadians(MIN_TRIANGULATION_ANGLE_DEGREES);
        double[] centre = model.centre(image);
        for (int f = 0; f < features; f++) {
            if (model.trackOfFeature[image][f] >= 0) {
                continue;
            }
            boolean continued = false;
            for (int k = graph.from(image, f); k < graph.to(image, f) && !continued; k++) {
                int other = graph.otherImage(image, k);
                int track = model.registered[other] ? model.trackOfFeature[other][graph.otherFeature(image, k)] : -1;
                if (track >= 0 && !model.tracks.get(track).observedIn(image)
                        && model.reprojectionError(image, f, model.tracks.get(track).xyz) < MAX_REPROJECTION_PX) {
                    model.addObservation(track, image, f);
                    continued = true;
                }
            }
            if (continued) {
                continue;
            }
            double bestAngle = maxAngleRad;
            double[] bestPoint = null;
            int bestOther = -1;
            int bestFeature = -1;
            double[] here = model.normalised(image, f);
            for (int k = graph.from(image, f); k < graph.to(image, f); k++) {
                int other = graph.otherImage(image, k);
                int otherFeature = graph.otherFeature(image, k);
                if (!model.registered[other] || model.trackOfFeature[other][otherFeature] >= 0) {
                    continue;
                }
                double[] there = model.normalised(other, otherFeature);
                double[] xyz = new double[3];
                if (!Triangulation.triangulate(model.rotations, 9 * image, model.translations, 3 * image, here[0],
                        here[1], model.rotations, 9 * other, model.translations, 3 * other, there[0], there[1], xyz)) {
                    continue;
                }
                double angle = Triangulation.angle(centre, model.centre(other), xyz);
                if (angle > bestAngle && model.reprojectionError(image, f, xyz) < MAX_REPROJECTION_PX
                        && model.reprojectionError(other, otherFeature, xyz) < MAX_REPROJECTION_PX) {
                    bestAngle = angle;
                    bestPoint = xyz;
                    bestOther = other;
                    bestFeature = otherFeature;
                }
            }
            if (bestPoint == null) {
                continue;
            }
            Track track = new Track();
            System.arraycopy(bestPoint, 0, track.xyz, 0, 3);
            track.add(image, f);
            track.add(bestOther, bestFeature);
            int id = model.addTrack(track);
            for (int k = graph.from(image, f); k < graph.to(image, f); k++) {
                int other = graph.otherImage(image, k);
                int otherFeature = graph.otherFeature(image, k);
                if (model.registered[other] && model.trackOfFeature[other][otherFeature] < 0
                        && !track.observedIn(other)
                        && model.reprojectionError(other, otherFeature, bestPoint) < MAX_REPROJECTION_PX) {
                    model.addObservation(id, other, otherFeature);
                }
            }
        }
    }

    private void retriangulate() {
        for (int image = 0; image < model.imageCount(); image++) {
            if (model.registered[image]) {
                triangulateImage(image);
            }
        }
    }

    /** Refines {@code image} and the registered images sharing most points with it, over the points it sees. */
    private void localAdjustment(int image) {
        Map<Integer, Integer> shared = new HashMap<>();
        List<Integer> points = new ArrayList<>();
        for (int track : model.trackOfFeature[image]) {
            if (track < 0) {
                continue;
            }
            points.add(track);
            Track t = model.tracks.get(track);
            for (int k = 0; k < t.size(); k++) {
                if (t.image(k) != image) {
                    shared.merge(t.image(k), 1, Integer::sum);
                }
            }
        }
        boolean[] variable = new boolean[model.imageCount()];
        variable[image] = true;
        shared.entrySet().stream()
                .sorted((p, q) -> p.getValue().equals(q.getValue()) ? Integer.compare(p.getKey(), q.getKey())
                        : Integer.compare(q.getValue(), p.getValue()))
                .limit(LOCAL_BA_NEIGHBOURS).forEach(e -> variable[e.getKey()] = true);
        variable[gaugeImage] = false;
        int[] ids = points.stream().mapToInt(Integer::intValue).distinct().toArray();
        adjust(ids, variable, false, LOCAL_BA_ITERATIONS, GROWTH_BA_RELATIVE_DECREASE);
        filterOutliers(ids);
    }

    private void globalAdjustment(boolean refineIntrinsics, double relativeDecreaseToStop) {
        boolean[] variable = model.registered.clone();
        variable[gaugeImage] = false;
        adjust(allTracks(), variable, refineIntrinsics, GLOBAL_BA_ITERATIONS, relativeDecreaseToStop);
    }

    private int[] allTracks() {
        return model.pointIds();
    }

    /** Bundle adjustment of the given tracks, with every camera that sees them (only {@code variable} ones move). */
    private void adjust(int[] trackIds, boolean[] variable, boolean refineIntrinsics, int iterations,
                        double relativeDecreaseToStop) {
        int observations = 0;
        for (int id : trackIds) {
            observations += model.tracks.get(id).size();
        }
        int[] obsCamera = new int[observations];
        int[] obsPoint = new int[observations];
        double[] obsUv = new double[2 * observations];
        double[] points = new double[3 * trackIds.length];
        int o = 0;
        for (int p = 0; p < trackIds.length; p++) {
            Track track = model.tracks.get(trackIds[p]);
            System.arraycopy(track.xyz, 0, points, 3 * p, 3);
            for (int k = 0; k < track.size(); k++) {
                ImageFeatures f = model.features.get(track.image(k));
                obsCamera[o] = track.image(k);
                obsPoint[o] = p;
                obsUv[2 * o] = f.x(track.feature(k));
                obsUv[2 * o + 1] = f.y(track.feature(k));
                o++;
            }
        }
        boolean[] cameraVariable = variable.clone();
        for (int i = 0; i < cameraVariable.length; i++) {
            cameraVariable[i] &= model.registered[i];
        }
        BundleProblem problem = new BundleProblem(model.rotations, model.translations, cameraVariable, points,
                obsCamera, obsPoint, obsUv, model.intrinsics, refineIntrinsics);
        BundleAdjuster.solve(problem, new BundleAdjuster.Options(iterations, 2.0, relativeDecreaseToStop));
        for (int p = 0; p < trackIds.length; p++) {
            System.arraycopy(points, 3 * p, model.tracks.get(trackIds[p]).xyz, 0, 3);
        }
    }

    /**
     * Drops observations that reproject further than the threshold, then tracks left with fewer
     * than two observations or seen under too small an angle.
     */
    private void filterOutliers(int[] trackIds) {
        double minAngle = Math.toRadians(MIN_TRIANGULATION_ANGLE_DEGREES);
        for (int id : trackIds) {
            Track track = model.tracks.get(id);
            if (track == null) {
                continue;
            }
            for (int k = track.size() - 1; k >= 0; k--) {
                if (!(model.reprojectionError(track.image(k), track.feature(k), track.xyz) < MAX_REPROJECTION_PX)) {
                    model.removeObservation(id, k);
                }
            }
            if (track.size() < 2 || !seenUnderAngle(track, minAngle)) {
                model.deleteTrack(id);
            }
        }
    }

    /** Whether two of the track's cameras see its point under at least {@code minAngle} radians. */
    private boolean seenUnderAngle(Track track, double minAngle) {
        double[][] centres = new double[track.size()][];
        for (int k = 0; k < track.size(); k++) {
            centres[k] = model.centre(track.image(k));
        }
        for (int a = 0; a < centres.length; a++) {
            for (int b = a + 1; b < centres.length; b++) {
                if (Triangulation.angle(centres[a], centres[b], track.xyz) >= minAngle) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Forge3dException failed(String message) {
        return new Forge3dException(ErrorCode.RECONSTRUCTION_FAILED, message);
    }
}
