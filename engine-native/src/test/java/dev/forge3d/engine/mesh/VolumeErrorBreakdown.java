package dev.forge3d.engine.mesh;

import dev.forge3d.engine.synthetic.Bounds;
import dev.forge3d.engine.synthetic.Primitive;
import dev.forge3d.engine.synthetic.SyntheticScene;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a reconstruction's volume error lies, on {@link MeshMetrics#volumeIou}'s lattice. False
 * volume (kept, not in the object) is split into what lies below the object's bounds (the keel),
 * above them (the roof), and the rest by how many cameras see the point as empty (the segment
 * from the camera centre to it misses the true object): a point only one view sees through is a
 * wedge that two-view colour cannot decide; one that two or more see through is decidable in
 * principle. Each class is also split by the primitive nearest the point. Missing volume (in
 * the object, not kept) is split by depth below the true surface.
 *
 * @param truth            lattice points in the object
 * @param kept             lattice points in both
 * @param falseBelow       false points below the object's bounds
 * @param falseAbove       false points above them
 * @param falseSeenEmptyBy false points between, by the number of views that see them empty
 * @param falseNearest     the same, per view count, by nearest primitive
 * @param missingByDepth   missing points by depth below the true surface: under 2, 4, 6 cm, deeper
 * @param missingNearest   missing points by nearest primitive
 */
record VolumeErrorBreakdown(int truth, int kept, int falseBelow, int falseAbove, int[] falseSeenEmptyBy,
                            int[][] falseNearest, int[] missingByDepth, int[] missingNearest) {
    /** Step, in world units, of the line-of-sight march from a camera centre to a point. */
    static final double SIGHT_STEP = 0.005;

    static VolumeErrorBreakdown of(SyntheticScene scene, MeshMetrics.Solid reconstruction, double[][] cameraCentres) {
        Bounds bounds = scene.objectBounds();
        List<Primitive> parts = scene.objects();
        int views = cameraCentres.length;
        int truth = 0, kept = 0, below = 0, above = 0;
        int[] seenEmptyBy = new int[views + 1];
        int[][] nearest = new int[views + 1][parts.size()];
        int[] missingByDepth = new int[4];
        int[] missingNearest = new int[parts.size()];
        int n = MeshMetrics.LATTICE;
        var min = bounds.min();
        var size = bounds.size();
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double x = MeshMetrics.latticeCoordinate(min.x(), size.x(), i);
                    double y = MeshMetrics.latticeCoordinate(min.y(), size.y(), j);
                    double z = MeshMetrics.latticeCoordinate(min.z(), size.z(), k);
                    boolean t = scene.objectContains(x, y, z);
                    boolean r = reconstruction.contains(x, y, z);
                    truth += t ? 1 : 0;
                    kept += t && r ? 1 : 0;
                    if (r && !t) {
                        if (y < min.y()) {
                            below++;
                        } else if (y > min.y() + size.y()) {
                            above++;
                        } else {
                            int empty = 0;
                            for (double[] centre : cameraCentres) {
                                empty += seesEmpty(scene, centre, x, y, z) ? 1 : 0;
                            }
                            seenEmptyBy[empty]++;
                            nearest[empty][nearestPart(parts, x, y, z)]++;
                        }
                    } else if (t && !r) {
                        double depth = -scene.objectSignedDistance(x, y, z);
                        missingByDepth[Math.min(3, (int) (depth / 0.02))]++;
                        missingNearest[nearestPart(parts, x, y, z)]++;
                    }
                }
            }
        }
        return new VolumeErrorBreakdown(truth, kept, below, above, seenEmptyBy, nearest, missingByDepth, missingNearest);
    }

    int falseTotal() {
        int sum = falseBelow + falseAbove;
        for (int c : falseSeenEmptyBy) {
            sum += c;
        }
        return sum;
    }

    int missingTotal() {
        return truth - kept;
    }

    /** The volume IoU these counts give: the same figure as {@link MeshMetrics#volumeIou}. */
    double iou() {
        return (double) kept / (truth + falseTotal());
    }

    /** The IoU if the false points that {@code views} or more views see empty were gone. */
    double iouWithoutFalseSeenBy(int views) {
        int gone = 0;
        for (int c = views; c < falseSeenEmptyBy.length; c++) {
            gone += falseSeenEmptyBy[c];
        }
        return (double) kept / (truth + falseTotal() - gone);
    }

    String describe(List<Primitive> parts) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "truth %d, kept %d, IoU %.3f; false %d (below %d, above %d, seen empty by 0..%d views %s), missing %d "
                        + "(under 2/4/6 cm, deeper: %s); IoU without the false seen empty by 2+ views %.3f, without all missing %.3f",
                truth, kept, iou(), falseTotal(), falseBelow, falseAbove, falseSeenEmptyBy.length - 1,
                Arrays.toString(falseSeenEmptyBy), missingTotal(), Arrays.toString(missingByDepth),
                iouWithoutFalseSeenBy(2), (double) truth / (truth + falseTotal())));
        for (int c = 0; c < falseNearest.length; c++) {
            out.append(String.format(Locale.ROOT, "%n  false seen empty by %d, nearest part: %s", c, byPart(parts, falseNearest[c])));
        }
        out.append(String.format(Locale.ROOT, "%n  missing, nearest part: %s", byPart(parts, missingNearest)));
        return out.toString();
    }

    private static String byPart(List<Primitive> parts, int[] counts) {
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < parts.size(); p++) {
            out.append(p == 0 ? "" : ", ").append(parts.get(p).getClass().getSimpleName()).append(' ').append(p)
                    .append(' ').append(counts[p]);
        }
        return out.toString();
    }

    /** Whether the segment from the camera centre to the point misses the true object. */
    static boolean seesEmpty(SyntheticScene scene, double[] centre, double x, double y, double z) {
        double dx = x - centre[0], dy = y - centre[1], dz = z - centre[2];
        int steps = (int) (Math.sqrt(dx * dx + dy * dy + dz * dz) / SIGHT_STEP);
        for (int s = 1; s < steps; s++) {
            double f = (double) s / steps;
            if (scene.objectContains(centre[0] + f * dx, centre[1] + f * dy, centre[2] + f * dz)) {
                return false;
            }
        }
        return true;
    }

    private static int nearestPart(List<Primitive> parts, double x, double y, double z) {
        int best = 0;
        double distance = Double.POSITIVE_INFINITY;
        for (int p = 0; p < parts.size(); p++) {
            double d = parts.get(p).signedDistance(x, y, z);
            if (d < distance) {
                distance = d;
                best = p;
            }
        }
        return best;
    }
}
