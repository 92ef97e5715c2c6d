package dev.forge3d.engine.mesh;

import java.util.Arrays;

/**
 * The image's smooth regions: 4-connected areas over which the colour changes by at most
 * {@link #STEP} per channel from a pixel to its neighbour, of at least {@link #MIN_AREA} pixels.
 * A flat or gently shaded patch (a backdrop dot, a plain stretch of surface) is one region; a
 * finely textured surface falls apart into pieces below the size. {@link LocalGrabCut} uses them
 * so that such a patch cannot vouch for its own label (see {@link LocalGrabCut#localCosts}).
 */
final class SmoothRegions {
    /** Largest per-channel colour difference between 4-neighbours inside one region. */
    static final int STEP = 6;
    /** Smaller connected areas are no region (about 0.06% of a 320 x 320 working copy). */
    static final int MIN_AREA = 64;

    private SmoothRegions() {
    }

    /** Each pixel's region index (0, 1, ...) on packed 0xRRGGBB pixels, -1 outside every region. */
    static int[] of(int[] rgb, int w, int h) {
        int n = w * h;
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        int[] members = new int[n];
        int[] region = new int[n];
        Arrays.fill(region, -1);
        int regions = 0;
        for (int seed = 0; seed < n; seed++) {
            if (seen[seed]) {
                continue;
            }
            int top = 0, count = 0;
            seen[seed] = true;
            stack[top++] = seed;
            while (top > 0) {
                int p = stack[--top];
                members[count++] = p;
                int x = p % w, y = p / w;
                top = visit(rgb, seen, stack, top, p, x > 0 ? p - 1 : -1);
                top = visit(rgb, seen, stack, top, p, x < w - 1 ? p + 1 : -1);
                top = visit(rgb, seen, stack, top, p, y > 0 ? p - w : -1);
                top = visit(rgb, seen, stack, top, p, y < h - 1 ? p + w : -1);
            }
            if (count >= MIN_AREA) {
                for (int k = 0; k < count; k++) {
                    region[members[k]] = regions;
                }
                regions++;
            }
        }
        return region;
    }

    /** How many regions {@link #of} found: one more than the largest index in {@code regions}. */
    static int count(int[] regions) {
        int count = 0;
        for (int r : regions) {
            count = Math.max(count, r + 1);
        }
        return count;
    }

    /** Pushes neighbour {@code q} (-1: none) of {@code p} when unseen and within {@link #STEP} of it. */
    private static int visit(int[] rgb, boolean[] seen, int[] stack, int top, int p, int q) {
        if (q >= 0 && !seen[q] && close(rgb[p], rgb[q])) {
            seen[q] = true;
            stack[top++] = q;
        }
        return top;
    }

    private static boolean close(int a, int b) {
        return Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF)) <= STEP
                && Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF)) <= STEP
                && Math.abs((a & 0xFF) - (b & 0xFF)) <= STEP;
    }
}
