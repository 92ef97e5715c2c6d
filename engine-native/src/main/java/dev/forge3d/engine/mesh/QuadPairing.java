package dev.forge3d.engine.mesh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs triangles into quads for quad-dominant output. Two triangles sharing an edge merge when
 * they are nearly coplanar and the quad they make is convex; pairs are taken greedily, best
 * first (flattest, then most nearly square corners). Unpaired triangles stay triangles. Pairs
 * are chosen on the welded mesh ({@link #partners}) before UV unwrapping, which keeps both
 * triangles of a pair in one chart, so the pair still shares its edge afterwards
 * ({@link #faces}).
 */
public final class QuadPairing {
    /** Largest angle between the two triangles' normals for a merge, in degrees. */
    static final double MAX_FOLD_DEGREES = 40;

    private QuadPairing() {
    }

    /** The quads and leftover triangles of a mesh whose pairs were chosen already. */
    public static PolygonFaces faces(TriMesh mesh, int[] partner) {
        int[] idx = mesh.indices();
        int faces = mesh.faceCount();
        List<int[]> quads = new ArrayList<>();
        boolean[] used = new boolean[faces];
        for (int f = 0; f < faces; f++) {
            int g = partner[f];
            if (g < f || used[f]) {
                continue;
            }
            int[] quad = null;
            for (int e = 0; e < 3 && quad == null; e++) {
                int u = idx[3 * f + e], v = idx[3 * f + (e + 1) % 3];
                for (int k = 0; k < 3; k++) {
                    if (idx[3 * g + k] == v && idx[3 * g + (k + 1) % 3] == u) {
                        quad = quad(idx, f, e, g);
                    }
                }
            }
            if (quad != null) {
                used[f] = true;
                used[g] = true;
                quads.add(quad);
            }
        }
        return assemble(idx, faces, quads, used);
    }

    /** For every face, the face it pairs with into a quad, or -1. */
    public static int[] partners(TriMesh mesh) {
        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        int faces = mesh.faceCount();
        double[][] normal = new double[faces][];
        for (int f = 0; f < faces; f++) {
            normal[f] = unitNormal(p, idx[3 * f], idx[3 * f + 1], idx[3 * f + 2]);
        }
        record Candidate(int a, int b, int edge, double score) {
        }
        List<Candidate> candidates = new ArrayList<>();
        Map<Long, Integer> edgeFace = new HashMap<>(faces * 2);
        double minCos = Math.cos(Math.toRadians(MAX_FOLD_DEGREES));
        for (int f = 0; f < faces; f++) {
            for (int e = 0; e < 3; e++) {
                int u = idx[3 * f + e], v = idx[3 * f + (e + 1) % 3];
                // The neighbour across (u, v) runs it as (v, u).
                Integer g = edgeFace.remove(((long) v << 32) | u);
                if (g == null) {
                    edgeFace.put(((long) u << 32) | v, f);
                    continue;
                }
                double fold = dot(normal[f], normal[g]);
                if (fold < minCos) {
                    continue;
                }
                int[] quad = quad(idx, f, e, g);
                if (quad == null || !convex(p, quad, normal[f])) {
                    continue;
                }
                candidates.add(new Candidate(f, g, e, fold + squareness(p, quad)));
            }
        }
        candidates.sort((x, y) -> Double.compare(y.score, x.score));
        int[] partner = new int[faces];
        java.util.Arrays.fill(partner, -1);
        for (Candidate c : candidates) {
            if (partner[c.a] >= 0 || partner[c.b] >= 0) {
                continue;
            }
            partner[c.a] = c.b;
            partner[c.b] = c.a;
        }
        return partner;
    }

    private static PolygonFaces assemble(int[] idx, int faces, List<int[]> quads, boolean[] used) {
        int triangles = faces - 2 * quads.size();
        int[] counts = new int[quads.size() + triangles];
        int[] out = new int[4 * quads.size() + 3 * triangles];
        int face = 0, at = 0;
        for (int[] q : quads) {
            counts[face++] = 4;
            System.arraycopy(q, 0, out, at, 4);
            at += 4;
        }
        for (int f = 0; f < faces; f++) {
            if (!used[f]) {
                counts[face++] = 3;
                System.arraycopy(idx, 3 * f, out, at, 3);
                at += 3;
            }
        }
        return new PolygonFaces(counts, out);
    }

    /**
     * The quad of triangle f (shared edge e = (u, v)) and its neighbour g, in f's winding:
     * u, (g's third corner), v, (f's third corner).
     */
    private static int[] quad(int[] idx, int f, int e, int g) {
        int u = idx[3 * f + e], v = idx[3 * f + (e + 1) % 3], w = idx[3 * f + (e + 2) % 3];
        int opposite = -1;
        for (int k = 0; k < 3; k++) {
            int x = idx[3 * g + k];
            if (x != u && x != v) {
                opposite = x;
            }
        }
        return opposite < 0 || opposite == w ? null : new int[] {u, opposite, v, w};
    }

    private static boolean convex(float[] p, int[] q, double[] n) {
        for (int k = 0; k < 4; k++) {
            int a = q[k], b = q[(k + 1) % 4], c = q[(k + 2) % 4];
            double[] ab = sub(p, b, a), bc = sub(p, c, b);
            double[] cross = {ab[1] * bc[2] - ab[2] * bc[1], ab[2] * bc[0] - ab[0] * bc[2], ab[0] * bc[1] - ab[1] * bc[0]};
            if (dot(cross, n) <= 0) {
                return false;
            }
        }
        return true;
    }

    /** 1 for right-angled corners, less as the corners skew. */
    private static double squareness(float[] p, int[] q) {
        double worst = 0;
        for (int k = 0; k < 4; k++) {
            double[] a = sub(p, q[(k + 3) % 4], q[k]), b = sub(p, q[(k + 1) % 4], q[k]);
            double la = Math.sqrt(dot(a, a)), lb = Math.sqrt(dot(b, b));
            worst = Math.max(worst, Math.abs(dot(a, b)) / Math.max(la * lb, 1e-30));
        }
        return 1 - worst;
    }

    private static double[] unitNormal(float[] p, int a, int b, int c) {
        double[] u = sub(p, b, a), v = sub(p, c, a);
        double[] n = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        double len = Math.sqrt(dot(n, n));
        return len == 0 ? new double[] {0, 0, 0} : new double[] {n[0] / len, n[1] / len, n[2] / len};
    }

    private static double[] sub(float[] p, int a, int b) {
        return new double[] {p[3 * a] - p[3 * b], p[3 * a + 1] - p[3 * b + 1], p[3 * a + 2] - p[3 * b + 2]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
