package dev.forge3d.engine.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outer surface of a union of primitives as one mesh: each primitive's tessellation, with
 * every triangle clipped against every other primitive (keeping the part outside it). Crossing
 * points are found by bisection on the other primitive's signed distance; where a straight
 * clip chord would still cut into another primitive (near that primitive's edges) the triangle
 * is split and clipped again, so seams follow the true intersection curves.
 */
final class UnionMesher {
    private record Key(long x, long y, long z) {
    }

    private final Map<Key, Integer> index = new HashMap<>();
    private double[] positions = new double[3 * 1024];
    private int[] triangles = new int[3 * 1024];
    private int vertexCount;
    private int triangleCount;

    /** Subdivision levels allowed where a clipped triangle still cuts into another primitive. */
    private static final int MAX_DEPTH = 6;

    private final double tolerance;

    private UnionMesher(double tolerance) {
        this.tolerance = tolerance;
    }

    /**
     * @param tolerance how deep (metres) a clipped triangle's centroid or edge midpoints may lie
     *                  inside another primitive before the triangle is split and clipped again
     */
    static TriangleMesh mesh(List<Primitive> primitives, double maxEdge, double tolerance) {
        UnionMesher out = new UnionMesher(tolerance);
        for (int i = 0; i < primitives.size(); i++) {
            List<Primitive> others = new ArrayList<>(primitives);
            others.remove(i);
            TriangleMesh mesh = primitives.get(i).tessellate(maxEdge);
            double[] p = mesh.positions();
            int[] t = mesh.triangles();
            for (int f = 0; f < mesh.triangleCount(); f++) {
                double[][] corners = new double[3][];
                for (int k = 0; k < 3; k++) {
                    int v = 3 * t[3 * f + k];
                    corners[k] = new double[] {p[v], p[v + 1], p[v + 2]};
                }
                out.clipAndEmit(corners[0], corners[1], corners[2], others, 0);
            }
        }
        return new TriangleMesh(Arrays.copyOf(out.positions, 3 * out.vertexCount),
                Arrays.copyOf(out.triangles, 3 * out.triangleCount));
    }

    /**
     * Clips the triangle against the other primitives and emits the rest. Clipping follows
     * straight chords between crossing points, which can cut through a primitive where its
     * surface has an edge inside the triangle; then the triangle is split in four and each part
     * clipped again.
     */
    private void clipAndEmit(double[] a, double[] b, double[] c, List<Primitive> others, int depth) {
        List<double[]> polygon = new ArrayList<>(List.of(a, b, c));
        boolean clipped = false;
        for (Primitive other : others) {
            List<double[]> next = clipOutside(polygon, other);
            clipped |= next != polygon;
            polygon = next;
            if (polygon.isEmpty()) {
                return;
            }
        }
        if (clipped && depth < MAX_DEPTH && cutsIntoOthers(polygon, others)) {
            double[] ab = midpoint(a, b);
            double[] bc = midpoint(b, c);
            double[] ca = midpoint(c, a);
            clipAndEmit(a, ab, ca, others, depth + 1);
            clipAndEmit(ab, b, bc, others, depth + 1);
            clipAndEmit(ca, bc, c, others, depth + 1);
            clipAndEmit(ab, bc, ca, others, depth + 1);
            return;
        }
        fan(polygon);
    }

    /** Whether a fan triangle's centroid or an edge midpoint lies deeper than tolerance inside another primitive. */
    private boolean cutsIntoOthers(List<double[]> polygon, List<Primitive> others) {
        double[] first = polygon.get(0);
        for (int k = 1; k + 1 < polygon.size(); k++) {
            double[] u = polygon.get(k);
            double[] v = polygon.get(k + 1);
            double[][] probes = {midpoint(first, u), midpoint(u, v), midpoint(v, first),
                {(first[0] + u[0] + v[0]) / 3, (first[1] + u[1] + v[1]) / 3, (first[2] + u[2] + v[2]) / 3}};
            for (double[] q : probes) {
                for (Primitive other : others) {
                    if (other.signedDistance(q[0], q[1], q[2]) < -tolerance) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static double[] midpoint(double[] a, double[] b) {
        return new double[] {0.5 * (a[0] + b[0]), 0.5 * (a[1] + b[1]), 0.5 * (a[2] + b[2])};
    }

    /** Sutherland-Hodgman against the implicit surface: keeps the part where sdf &ge; 0. */
    private static List<double[]> clipOutside(List<double[]> polygon, Primitive other) {
        int n = polygon.size();
        double[] d = new double[n];
        boolean anyInside = false;
        boolean anyOutside = false;
        for (int k = 0; k < n; k++) {
            double[] q = polygon.get(k);
            d[k] = other.signedDistance(q[0], q[1], q[2]);
            anyInside |= d[k] < 0;
            anyOutside |= d[k] >= 0;
        }
        if (!anyInside) {
            return polygon;
        }
        if (!anyOutside) {
            return List.of();
        }
        List<double[]> out = new ArrayList<>(n + 2);
        for (int k = 0; k < n; k++) {
            int next = (k + 1) % n;
            double[] a = polygon.get(k);
            double[] b = polygon.get(next);
            if (d[k] >= 0) {
                out.add(a);
            }
            if ((d[k] >= 0) != (d[next] >= 0)) {
                out.add(d[k] < 0 ? crossing(a, b, other) : crossing(b, a, other));
            }
        }
        return out;
    }

    /** The point on segment inside-outside where the signed distance changes sign. */
    private static double[] crossing(double[] inside, double[] outside, Primitive other) {
        double lo = 0;
        double hi = 1;
        double[] q = new double[3];
        for (int iteration = 0; iteration < 60; iteration++) {
            double mid = 0.5 * (lo + hi);
            lerp(inside, outside, mid, q);
            if (other.signedDistance(q[0], q[1], q[2]) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        lerp(inside, outside, hi, q);
        return q;
    }

    private static void lerp(double[] a, double[] b, double s, double[] out) {
        for (int k = 0; k < 3; k++) {
            out[k] = a[k] + (b[k] - a[k]) * s;
        }
    }

    private void fan(List<double[]> polygon) {
        if (polygon.size() < 3) {
            return;
        }
        int first = vertex(polygon.get(0));
        int previous = vertex(polygon.get(1));
        for (int k = 2; k < polygon.size(); k++) {
            int current = vertex(polygon.get(k));
            if (first != previous && previous != current && first != current) {
                if (3 * triangleCount + 3 > triangles.length) {
                    triangles = Arrays.copyOf(triangles, triangles.length * 2);
                }
                triangles[3 * triangleCount] = first;
                triangles[3 * triangleCount + 1] = previous;
                triangles[3 * triangleCount + 2] = current;
                triangleCount++;
            }
            previous = current;
        }
    }

    private int vertex(double[] q) {
        Key key = new Key(Double.doubleToLongBits(q[0] + 0.0), Double.doubleToLongBits(q[1] + 0.0),
                Double.doubleToLongBits(q[2] + 0.0));
        Integer existing = index.get(key);
        if (existing != null) {
            return existing;
        }
        if (3 * vertexCount + 3 > positions.length) {
            positions = Arrays.copyOf(positions, positions.length * 2);
        }
        System.arraycopy(q, 0, positions, 3 * vertexCount, 3);
        index.put(key, vertexCount);
        return vertexCount++;
    }
}
