package dev.forge3d.engine.mesh;

import dev.forge3d.api.View;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Parts of the object that one view's segmentation lost, found from the other views' rays and
 * given back by a recut. Under the job's assumed cameras ({@link AssumedCameras}, the elevation
 * estimated from the masks), every object pixel's ray should meet the visual hull of all four
 * views. A ray that misses it is refuted by at least one view; when the view looking across it
 * (a side view of the ray's view: front and back rays cross left and right) refutes it while the
 * rest of the views agree, that view most likely lost the part: its opposite view, which sees the
 * same outline from behind, still holds it. The hull of the other views along such rays,
 * re-projected into the refuting view, is where the part may be; a {@link LocalGrabCut} recut
 * with a pull towards object there lets the view's own colours decide which of it is object
 * (the hull is loose along the rays, so the region is larger than the part).
 * <p>
 * A part whose side-view rays run on into other parts of the object (the composite's cylinder,
 * lost from the front over backdrop seeds 13 and 78 at 512 x 512) is asked for by no crossing
 * ray; the opposite view's rays through it are refuted by this view alone. Those rays also ask
 * for the opposite view's own false positives, mostly flat backdrop dots glued to its outline
 * (section "Smooth patches" of docs/perf/2026-11-21-mesh-cpu.md), so only its refuted pixels
 * outside smooth patches ({@link SmoothRegions}) count, and their region
 * ({@link #FROM_OPPOSITE}) starts as backdrop in the recut: pulled, but not teaching the local
 * models its colours as object's.
 * <p>
 * The recut may add only pixels that the region (grown by the cameras' error) or the opposite
 * view's mirrored outline ({@link OppositeViews#mirroredReach}) vouches for: elsewhere the
 * backdrop stays certain. The pull brings the region's backdrop colours into the object's local
 * models, and without the bound the object spread over a like-coloured backdrop stretch beside
 * the region (composite front over backdrop seed 12 at 512 x 512: 0.599, the dark backdrop below
 * the box taken). A restored part may reach well beyond the region (the region touches it where
 * the rays graze it), so the opposite view, which holds the part, vouches for the rest.
 * Likewise a crossing view's region starts as object only where the opposite view's mirrored
 * outline reaches (the premise: the opposite view still holds the lost part); beyond it the
 * region is the hull's looseness in depth, and started as object its backdrop colours taught
 * the local object models to keep the backdrop there (composite front over backdrop seed 12 at
 * 512 x 512: two slanted arms below the box over a dark backdrop stretch, the stretch between
 * and below them taken, 0.745). It starts as backdrop there, still pulled: 0.956, the cylinder
 * given back by the back view's rays.
 * <p>
 * Only a lost part is restored, nothing is cut: the converse cue (cut a pixel whose ray misses
 * the others' hull) was measured to trade views against each other, as the four views' hull is
 * loose beside a yawed box or between parts and the views it would trust fail on the same
 * backdrop (docs/perf/2026-11-21-mesh-cpu.md).
 */
final class LostParts {
    /** Height of the normalised canvases on which the views' cones are built. */
    static final int CANVAS = 160;
    /** Grid samples along the longest side of the box the cameras see. */
    static final int SAMPLES = 64;
    /** Each silhouette is widened by this fraction of the canvas height, for the assumed cameras' error. */
    static final double MARGIN = 0.01;
    /** Pull towards object inside the restored region, in nats of colour likelihood. */
    static final double WEIGHT = 3;
    /** A region adding less than this fraction of the view's object is the cameras' error along the outline. */
    static final double MIN_REGION = 0.01;
    /** {@link LocalGrabCut} iterations of the recut. */
    static final int ITERATIONS = 3;
    /** A recut that keeps less than this fraction of the view's object is discarded: it lost the object. */
    static final double MIN_KEPT = 0.8;
    /**
     * The opposite view's mirrored outline vouches for pixels up to this fraction of the longer
     * side beside it along rows (along columns {@link OppositeViews#VERTICAL_TOLERANCE}): a part
     * nearer one camera than the other shifts sideways between the mirrored views by perspective
     * (0.02 cut the composite's cylinder, restored over backdrop seeds 77 and 15, to 0.82-0.83).
     */
    static final double OPPOSITE_REACH = 0.05;
    /** Region values: asked for by a crossing view's refuted rays (and maybe the opposite's too). */
    static final byte FROM_CROSSING = 1;
    /** Region values: asked for by the opposite view's refuted rays alone. */
    static final byte FROM_OPPOSITE = 2;

    private LostParts() {
    }

    /**
     * For each view, the pixels where a part it lost may lie ({@link #FROM_CROSSING} or
     * {@link #FROM_OPPOSITE}), on the view's own pixel grid; an all-zero array where nothing
     * points to a lost part. Needs all four views; no mask may be empty.
     */
    static Map<View, byte[]> regions(Map<View, ViewImage> views) {
        Map<View, ViewNormalisation.NormalisedView> normalised = ViewNormalisation.normalise(views, CANVAS);
        double elevation = AssumedCameras.estimateElevation(normalised);
        double[] box = MeshBuild.searchBox(AssumedCameras.pose(normalised, elevation));
        VolumeGrid grid = VolumeGrid.covering(new double[] {box[0], box[1], box[2]},
                new double[] {box[3], box[4], box[5]}, SAMPLES);
        Map<View, ViewCamera> cameras = new EnumMap<>(View.class);
        for (View view : views.keySet()) {
            cameras.put(view, AssumedCameras.camera(view, normalised.get(view), elevation));
        }
        Map<View, float[]> cones = new EnumMap<>(View.class);
        for (View view : views.keySet()) {
            ViewImage canvas = normalised.get(view).image();
            float[] distance = SilhouetteDistance.signedDistance(canvas.mask(), canvas.width(), canvas.height());
            float margin = (float) (MARGIN * CANVAS);
            for (int i = 0; i < distance.length; i++) {
                distance[i] += margin;
            }
            cones.put(view, cone(grid, cameras.get(view), distance));
        }
        float[] hull = minimum(grid.size(), cones.values().toArray(float[][]::new));
        // Each view's object pixels whose ray misses the full hull, as a cone.
        Map<View, float[]> refutedCones = new EnumMap<>(View.class);
        // The same without the refuted pixels in smooth patches, for the opposite view's use.
        Map<View, float[]> texturedRefutedCones = new EnumMap<>(View.class);
        for (View view : views.keySet()) {
            ViewImage canvas = normalised.get(view).image();
            byte[] meets = rayMeets(grid, hull, cameras.get(view), canvas.mask());
            byte[] refuted = new byte[meets.length];
            for (int i = 0; i < refuted.length; i++) {
                refuted[i] = (byte) (canvas.mask()[i] != 0 && meets[i] == 0 ? 1 : 0);
            }
            // Specks are the cameras' error along an outline, not a lost part.
            refuted = MaskComponents.significantComponents(refuted, canvas.width(), canvas.height());
            refutedCones.put(view, cone(grid, cameras.get(view),
                    SilhouetteDistance.signedDistance(refuted, canvas.width(), canvas.height())));
            int[] smooth = SmoothRegions.of(canvas.rgb(), canvas.width(), canvas.height());
            byte[] textured = new byte[refuted.length];
            for (int i = 0; i < textured.length; i++) {
                textured[i] = (byte) (refuted[i] != 0 && smooth[i] < 0 ? 1 : 0);
            }
            textured = MaskComponents.significantComponents(textured, canvas.width(), canvas.height());
            texturedRefutedCones.put(view, cone(grid, cameras.get(view),
                    SilhouetteDistance.signedDistance(textured, canvas.width(), canvas.height())));
        }
        Map<View, byte[]> out = new EnumMap<>(View.class);
        for (View view : views.keySet()) {
            View opposite = OppositeViews.opposite(view);
            float[][] others = views.keySet().stream().filter(v -> v != view).map(cones::get).toArray(float[][]::new);
            float[][] crossing = views.keySet().stream().filter(v -> v != view && v != opposite)
                    .map(refutedCones::get).toArray(float[][]::new);
            float[] othersHull = minimum(grid.size(), others);
            // Where the other views' hull and the crossing views' refuted rays overlap.
            float[] lost = othersHull.clone();
            VolumeCarving.intersect(lost, maximum(grid.size(), crossing));
            // Where the other views' hull and the opposite view's textured refuted rays overlap.
            float[] lostFromOpposite = othersHull;
            VolumeCarving.intersect(lostFromOpposite, texturedRefutedCones.get(opposite));
            ViewImage image = views.get(view);
            ViewCamera camera = normalised.get(view).photoCamera(cameras.get(view), image.width(), image.height());
            byte[] region = rayMeets(grid, lost, camera, aroundInside(grid, lost, camera));
            byte[] fromOpposite = rayMeets(grid, lostFromOpposite, camera, aroundInside(grid, lostFromOpposite, camera));
            for (int i = 0; i < region.length; i++) {
                region[i] = region[i] != 0 ? FROM_CROSSING : fromOpposite[i] != 0 ? FROM_OPPOSITE : 0;
            }
            out.put(view, region);
        }
        return out;
    }

    /**
     * GrabCut labels (OpenCV's values) for the view's object with a lost part's region restored
     * by a {@link LocalGrabCut} recut, or null when the region adds less than
     * {@link #MIN_REGION} of the object or the recut keeps less than {@link #MIN_KEPT} of it.
     * The recut starts from these labels:
     * <ul>
     *   <li>probable object: the object, and the region (widened by one pixel, {@link #widened})
     *       where the opposite view's object reaches when mirrored ({@code oppositeMask}, on this
     *       view's grid, not mirrored; {@link OppositeViews#mirroredReach} with
     *       {@link #OPPOSITE_REACH}), except pixels asked for by the opposite view alone
     *       ({@link #FROM_OPPOSITE});</li>
     *   <li>probable backdrop: the rest of what {@link #vouchedFor} allows;</li>
     *   <li>certain backdrop: everything else, and the border band.</li>
     * </ul>
     * The whole region is pulled towards object by {@link #WEIGHT}; colour and the view's texture
     * bins ({@link TextureEnergy}; null where not resolved) are the cues.
     */
    static byte[] recut(int[] rgb, int[] texture, byte[] mask, byte[] region, byte[] oppositeMask, int w, int h) {
        int added = 0, area = 0;
        for (int i = 0; i < mask.length; i++) {
            added += mask[i] == 0 && region[i] != 0 ? 1 : 0;
            area += mask[i] != 0 ? 1 : 0;
        }
        if (added == 0 || added < MIN_REGION * area) {
            return null;
        }
        byte[] pulled = widened(region, w, h);
        byte[] oppositeReach = OppositeViews.mirroredReach(oppositeMask, w, h, OPPOSITE_REACH);
        byte[] vouched = vouchedFor(region, oppositeReach, w, h);
        byte[] labels = new byte[w * h];
        double[] bias = new double[w * h];
        int band = BorderColourModel.borderBand(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean inBand = BorderColourModel.inBand(x, y, w, h, band);
                boolean inRegion = pulled[i] != 0;
                boolean unvouched = mask[i] == 0 && vouched[i] == 0;
                boolean startsAsObject = mask[i] != 0
                        || inRegion && region[i] != FROM_OPPOSITE && oppositeReach[i] != 0;
                labels[i] = inBand || unvouched ? LocalGrabCut.BGD
                        : startsAsObject ? LocalGrabCut.PR_FGD : LocalGrabCut.PR_BGD;
                bias[i] = mask[i] == 0 && inRegion ? WEIGHT : 0;
            }
        }
        LocalGrabCut.iterate(rgb, texture, labels, w, h, ITERATIONS, bias);
        int kept = 0;
        for (int i = 0; i < mask.length; i++) {
            kept += mask[i] != 0 && LocalGrabCut.isObject(labels[i]) ? 1 : 0;
        }
        return kept < MIN_KEPT * area ? null : labels;
    }

    /**
     * Where the recut may add object: the region as pulled ({@link #widened}) and grown by a
     * further {@link #MARGIN} of the image's longer side (the margin the views' cones were given
     * for the assumed cameras' error: a lost part's rim may lie that far beyond the rays that
     * found it), and the opposite view's object
     * mirrored onto this view with its tolerances ({@code oppositeReach}, from
     * {@link OppositeViews#mirroredReach} with {@link #OPPOSITE_REACH}).
     */
    static byte[] vouchedFor(byte[] region, byte[] oppositeReach, int w, int h) {
        byte[] out = region;
        int steps = 1 + (int) Math.round(MARGIN * Math.max(w, h));
        for (int k = 0; k < steps; k++) {
            out = widened(out, w, h);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] |= oppositeReach[i];
        }
        return out;
    }

    /**
     * The region grown by one pixel (its 8-connected neighbours): the rays through a lost part's
     * rim graze it and meet the hull only partly, so the region stops about a pixel short of the
     * part's outline. (Widening by a fraction of the image instead, 1-2%, helped at 160 x 160 and
     * cost the composite's left view 0.03 at the job's 512 x 512; docs/perf/2026-11-21-mesh-cpu.md.)
     */
    static byte[] widened(byte[] region, int w, int h) {
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (region[y * w + x] == 0) {
                    continue;
                }
                for (int ny = Math.max(0, y - 1); ny <= Math.min(h - 1, y + 1); ny++) {
                    for (int nx = Math.max(0, x - 1); nx <= Math.min(w - 1, x + 1); nx++) {
                        out[ny * w + nx] = 1;
                    }
                }
            }
        }
        return out;
    }

    /** The silhouette's cone: the visual hull of one view. */
    private static float[] cone(VolumeGrid grid, ViewCamera camera, float[] signedDistance) {
        float[] field = new float[grid.size()];
        VolumeCarving.hullField(grid, new ViewCamera[] {camera}, new float[][] {signedDistance}, field);
        return field;
    }

    private static float[] minimum(int n, float[][] fields) {
        float[] out = new float[n];
        Arrays.fill(out, Float.POSITIVE_INFINITY);
        for (float[] f : fields) {
            VolumeCarving.intersect(out, f);
        }
        return out;
    }

    private static float[] maximum(int n, float[][] fields) {
        float[] out = new float[n];
        Arrays.fill(out, Float.NEGATIVE_INFINITY);
        for (float[] f : fields) {
            for (int i = 0; i < n; i++) {
                out[i] = Math.max(out[i], f[i]);
            }
        }
        return out;
    }

    /**
     * The pixels whose rays may meet the field's inside, so that only they are marched: the
     * rectangle around the projections of its positive samples, padded by a voxel's projection
     * (the interpolated field can be positive up to a voxel from a positive sample). Empty when
     * no sample is positive.
     */
    private static byte[] aroundInside(VolumeGrid grid, float[] field, ViewCamera camera) {
        int w = camera.width(), h = camera.height();
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        double[] p = new double[3];
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    if (field[i + grid.nx() * (j + grid.ny() * k)] <= 0) {
                        continue;
                    }
                    camera.project(grid.x(i), grid.y(j), grid.z(k), p);
                    double pad = grid.voxel() / camera.worldPerPixel(p[2]) + 1;
                    minX = Math.min(minX, p[0] - pad);
                    maxX = Math.max(maxX, p[0] + pad);
                    minY = Math.min(minY, p[1] - pad);
                    maxY = Math.max(maxY, p[1] + pad);
                }
            }
        }
        byte[] out = new byte[w * h];
        for (int y = Math.max(0, (int) Math.floor(minY)); y < Math.min(h, Math.ceil(maxY)); y++) {
            for (int x = Math.max(0, (int) Math.floor(minX)); x < Math.min(w, Math.ceil(maxX)); x++) {
                out[y * w + x] = 1;
            }
        }
        return out;
    }

    /** 1 for the pixels of {@code region} whose ray meets the positive field. */
    private static byte[] rayMeets(VolumeGrid grid, float[] field, ViewCamera camera, byte[] region) {
        int n = camera.width() * camera.height();
        float[] near = new float[n];
        float[] far = new float[n];
        VolumeCarving.depthRange(grid, field, camera, region, near, far);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (far[i] >= near[i] ? 1 : 0);
        }
        return out;
    }
}
