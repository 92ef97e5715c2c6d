package dev.forge3d.engine.mesh;

import java.util.Arrays;

/**
 * The case table of {@link MarchingCubes}, derived from one rule instead of typed in, so it is
 * consistent by construction.
 *
 * <p>Cube corner {@code c} sits at offset {@code (c & 1, (c >> 1) & 1, (c >> 2) & 1)}; a case is
 * the 8-bit set of inside corners. Cube edge {@code e} runs along axis {@code e / 4} from corner
 * {@link #EDGE_ORIGIN}{@code [e]} (the corners whose bit for that axis is 0, in increasing order).
 *
 * <p>The rule: on each cube face, every run of inside corners (walking the face's corners
 * counter-clockwise seen from outside) is cut off by one segment joining the two crossed edges
 * that bound the run. A face with two diagonal inside corners therefore always separates them,
 * and because the choice depends only on the face's own four corners, the two cubes sharing a
 * face cut it identically: the extracted surface has no cracks. Each crossed edge enters one
 * face's segment and leaves another's, so the segments close into loops. Every segment runs
 * from the edge where its face's counter-clockwise walk enters the inside run to the edge where
 * it leaves it, so every loop, and with it every triangle, turns counter-clockwise seen from outside (from where the
 * field is negative): for corner 0 alone the loop is x-edge 0, y-edge 4, z-edge 8, whose normal
 * is +(1, 1, 1). Each loop is triangulated as a fan from the first vertex whose diagonals stay
 * off the cube's faces (see {@link #fanApex}).
 */
public final class MarchingCubesTable {
    /** Entries per case: up to five triangles of three edges, padded with -1. */
    public static final int ROW = 16;
    /** Cube edge -> the corner it starts at (it runs along axis {@code e / 4}). */
    public static final int[] EDGE_ORIGIN = {0, 2, 4, 6, 0, 1, 4, 5, 0, 1, 2, 3};

    /** 256 rows of {@link #ROW} cube-edge indices, three per triangle, -1 after the last. */
    private static final byte[] TRIANGLES = build();

    private MarchingCubesTable() {
    }

    /** A copy of the table: {@code 256 * ROW} entries. */
    public static byte[] triangles() {
        return TRIANGLES.clone();
    }

    /** Entry {@code slot} of case {@code config}, or -1. */
    static int edge(int config, int slot) {
        return TRIANGLES[config * ROW + slot];
    }

    /** The cube edge joining two corners that differ in one coordinate. */
    static int edgeBetween(int a, int b) {
        int axis = Integer.numberOfTrailingZeros(a ^ b);
        int origin = Math.min(a, b);
        int rank = 0;
        for (int c = 0; c < origin; c++) {
            if ((c >> axis & 1) == 0) {
                rank++;
            }
        }
        return 4 * axis + rank;
    }

    private static byte[] build() {
        byte[] table = new byte[256 * ROW];
        Arrays.fill(table, (byte) -1);
        for (int config = 0; config < 256; config++) {
            int[] next = segments(config);
            int slot = 0;
            boolean[] used = new boolean[12];
            for (int start = 0; start < 12; start++) {
                if (next[start] < 0 || used[start]) {
                    continue;
                }
                int[] loop = new int[12];
                int length = 0;
                for (int e = start; !used[e]; e = next[e]) {
                    used[e] = true;
                    loop[length++] = e;
                }
                int apex = fanApex(loop, length);
                for (int t = 1; t + 1 < length; t++) {
                    table[config * ROW + slot++] = (byte) loop[apex];
                    table[config * ROW + slot++] = (byte) loop[(apex + t) % length];
                    table[config * ROW + slot++] = (byte) loop[(apex + t + 1) % length];
                }
            }
            if (slot > ROW - 1) {
                throw new IllegalStateException("case " + config + " needs " + slot / 3 + " triangles");
            }
        }
        return table;
    }

    /**
     * The first loop position whose fan has no diagonal between two edges of one cube face. Such
     * a diagonal would lie in the face without being one of its segments (those join neighbours
     * in the loop), so the cube across the face could draw it too, in the same direction, and
     * the edge would belong to four triangles. Every case of the rule has such a fan.
     */
    private static int fanApex(int[] loop, int length) {
        for (int apex = 0; apex < length; apex++) {
            boolean clear = true;
            for (int t = 2; t <= length - 2 && clear; t++) {
                clear = !shareAFace(loop[apex], loop[(apex + t) % length]);
            }
            if (clear) {
                return apex;
            }
        }
        throw new IllegalStateException("no fan without face diagonals for a loop of " + length);
    }

    /** Whether two cube edges lie on a common face. */
    static boolean shareAFace(int a, int b) {
        for (int fa : faces(a)) {
            for (int fb : faces(b)) {
                if (fa == fb) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The two faces of a cube edge, face 2 axis + side being the face where that coordinate is side. */
    private static int[] faces(int e) {
        int axis = e / 4;
        int origin = EDGE_ORIGIN[e];
        int[] out = new int[2];
        int n = 0;
        for (int b = 0; b < 3; b++) {
            if (b != axis) {
                out[n++] = 2 * b + (origin >> b & 1);
            }
        }
        return out;
    }

    /**
     * For one case, {@code next[e]}: the crossed edge that the face segment starting at crossed
     * edge {@code e} ends at (-1 for uncrossed edges).
     */
    private static int[] segments(int config) {
        int[] next = new int[12];
        Arrays.fill(next, -1);
        // Face corners counter-clockwise seen from outside, as (u, v) on the face's other two
        // axes: u x v is +axis, so the +side face takes them counter-clockwise, the -side reversed.
        int[][] plus = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
        int[][] minus = {{0, 0}, {0, 1}, {1, 1}, {1, 0}};
        for (int axis = 0; axis < 3; axis++) {
            for (int side = 0; side < 2; side++) {
                int[][] uv = side == 1 ? plus : minus;
                int[] corner = new int[4];
                boolean[] inside = new boolean[4];
                for (int q = 0; q < 4; q++) {
                    corner[q] = side << axis | uv[q][0] << (axis + 1) % 3 | uv[q][1] << (axis + 2) % 3;
                    inside[q] = (config >> corner[q] & 1) != 0;
                }
                for (int q = 0; q < 4; q++) {
                    if (inside[q] || !inside[(q + 1) % 4]) {
                        continue;
                    }
                    // A run of inside corners starts after corner q; find its last corner r.
                    int r = (q + 1) % 4;
                    while (inside[(r + 1) % 4]) {
                        r = (r + 1) % 4;
                    }
                    next[edgeBetween(corner[q], corner[(q + 1) % 4])] = edgeBetween(corner[r], corner[(r + 1) % 4]);
                }
            }
        }
        return next;
    }
}
