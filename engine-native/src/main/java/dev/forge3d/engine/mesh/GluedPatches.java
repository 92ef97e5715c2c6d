package dev.forge3d.engine.mesh;

/**
 * Backdrop patches glued to a view's outline, cut with the opposite view's help. A flat backdrop
 * dot that touches the object survives the colour cut when the object's texture carries dots of
 * the same colours (docs/perf/2026-11-21-mesh-cpu.md, "Smooth patches"); the views beside it
 * cannot refute it (they do not constrain this view's horizontal axis), but the opposite view,
 * which sees the same outline from behind, can. A smooth patch ({@link SmoothRegions}) of the
 * view's object is cut when
 * <ul>
 *   <li>a good part of it ({@link #BEYOND_REACH}) lies beyond where the opposite view's mirrored
 *       outline reaches ({@link OppositeViews#mirroredReach}, {@link #reachBeside}), and</li>
 *   <li>much of the ring around it ({@link #RING} pixels out) is backdrop ({@link #BACKDROP_RIM}):
 *       a dot glued to the outline lies against the backdrop along most of its rim, while a flat
 *       stretch of the object's own texture at the outline is mostly surrounded by object (a box's
 *       dark corner patch beyond a yawed box's mirrored outline: 16% of its ring is backdrop, the
 *       glued dots measured 41-57%).</li>
 * </ul>
 * An object made mostly of smooth patches (a plain object, more than {@link #MAX_SMOOTH} of its
 * pixels) is left alone: there the patches are the object.
 */
final class GluedPatches {
    /** Fraction of a patch's object pixels that must lie beyond the opposite view's reach. */
    static final double BEYOND_REACH = 0.2;
    /** Fraction of the ring's samples around a patch that must be backdrop. */
    static final double BACKDROP_RIM = 0.4;
    /**
     * Distance, in working-copy pixels, at which the ring around a patch is sampled: past the
     * anti-aliased rim between a dot and its surroundings, which is no part of either's smooth patch.
     */
    static final int RING = 3;
    /** A patch is the object's to cut only when at least this fraction of it is in the object. */
    static final double MIN_IN_OBJECT = 0.5;
    /** Above this fraction of the object in smooth patches, the object is plain and nothing is cut. */
    static final double MAX_SMOOTH = 0.5;

    private GluedPatches() {
    }

    /**
     * The labels (OpenCV's GrabCut values) with every glued patch set to certain backdrop, or null
     * when there is none. {@code mask} is the view's object, {@code oppositeMask} the opposite
     * view's (on this view's grid, not mirrored), both on the working copy of {@code rgb}.
     */
    static byte[] cut(int[] rgb, byte[] labels, byte[] mask, byte[] oppositeMask, int w, int h) {
        int[] patch = SmoothRegions.of(rgb, w, h);
        int patches = SmoothRegions.count(patch);
        byte[] reach = OppositeViews.mirroredReach(oppositeMask, w, h, reachBeside(mask, oppositeMask, w, h));
        int[] size = new int[patches], inObject = new int[patches], beyondReach = new int[patches];
        int area = 0, smooth = 0;
        for (int i = 0; i < patch.length; i++) {
            area += mask[i] != 0 ? 1 : 0;
            int p = patch[i];
            if (p < 0) {
                continue;
            }
            size[p]++;
            if (mask[i] != 0) {
                inObject[p]++;
                smooth++;
                beyondReach[p] += reach[i] == 0 ? 1 : 0;
            }
        }
        if (area == 0 || smooth > MAX_SMOOTH * area) {
            return null;
        }
        int[][] rim = rimSamples(patch, patches, mask, w, h);
        boolean[] glued = new boolean[patches];
        boolean any = false;
        for (int p = 0; p < patches; p++) {
            int samples = rim[0][p] + rim[1][p];
            glued[p] = inObject[p] > 0 && inObject[p] >= MIN_IN_OBJECT * size[p]
                    && beyondReach[p] >= BEYOND_REACH * inObject[p] && rim[0][p] >= BACKDROP_RIM * samples;
            any |= glued[p];
        }
        if (!any) {
            return null;
        }
        byte[] out = labels.clone();
        for (int i = 0; i < out.length; i++) {
            if (patch[i] >= 0 && glued[patch[i]]) {
                out[i] = LocalGrabCut.BGD;
            }
        }
        return out;
    }

    /**
     * How far beside the opposite view's mirrored outline it vouches for this view's object
     * (fraction of the longer side): when the two outlines agree as well as
     * {@link OppositeViews#MIN_AGREEMENT} asks (the object looks alike from both sides), up to
     * the prior's {@link OppositeViews#EDGE_MARGIN}; otherwise up to {@link LostParts#OPPOSITE_REACH},
     * the tolerance for parts that shift sideways by perspective. (With the wide reach everywhere,
     * the dots glued to spheres over backdrop seeds 14 and 17-22 at 512 x 512 stayed: sphere 14
     * right 0.977 -> 0.947, sphere 20 left 0.946 -> 0.925.)
     */
    static double reachBeside(byte[] mask, byte[] oppositeMask, int w, int h) {
        return OppositeViews.outlinesAgree(mask, OppositeViews.mirrored(oppositeMask, w, h))
                ? OppositeViews.EDGE_MARGIN : LostParts.OPPOSITE_REACH;
    }

    /**
     * Per patch, how many of the pixels {@link #RING} steps from its pixels (left, right, up and
     * down) that lie outside it are backdrop ([0]) and object ([1]).
     */
    private static int[][] rimSamples(int[] patch, int patches, byte[] mask, int w, int h) {
        int[][] out = new int[2][patches];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x, p = patch[i];
                if (p < 0) {
                    continue;
                }
                sample(out, p, patch, mask, x >= RING ? i - RING : -1);
                sample(out, p, patch, mask, x < w - RING ? i + RING : -1);
                sample(out, p, patch, mask, y >= RING ? i - RING * w : -1);
                sample(out, p, patch, mask, y < h - RING ? i + RING * w : -1);
            }
        }
        return out;
    }

    private static void sample(int[][] counts, int p, int[] patch, byte[] mask, int q) {
        if (q >= 0 && patch[q] != p) {
            counts[mask[q] != 0 ? 1 : 0][p]++;
        }
    }
}
