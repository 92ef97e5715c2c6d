package dev.forge3d.engine.synthetic;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * An indexed triangle mesh: {@code positions} holds x, y, z per vertex; {@code triangles} holds
 * three vertex indices per face, counter-clockwise seen from outside (right-hand normal points
 * out). The arrays are not copied; treat them as read-only.
 */
public record TriangleMesh(double[] positions, int[] triangles) {

    public TriangleMesh {
        if (positions.length % 3 != 0 || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("array lengths must be multiples of 3");
        }
        int n = positions.length / 3;
        for (int index : triangles) {
            if (index < 0 || index >= n) {
                throw new IllegalArgumentException("vertex index out of range: " + index);
            }
        }
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int triangleCount() {
        return triangles.length / 3;
    }

    /**
     * Whether every edge is shared by exactly two triangles that traverse it in opposite
     * directions: the mesh is closed (watertight) and consistently oriented.
     */
    public boolean isClosedAndOriented() {
        Map<Long, Integer> directed = new HashMap<>();
        for (int t = 0; t < triangleCount(); t++) {
            for (int e = 0; e < 3; e++) {
                long a = triangles[3 * t + e];
                long b = triangles[3 * t + (e + 1) % 3];
                if (directed.merge((a << 32) | b, 1, Integer::sum) > 1) {
                    return false;
                }
            }
        }
        for (long key : directed.keySet()) {
            long reverse = ((key & 0xFFFFFFFFL) << 32) | (key >>> 32);
            if (!directed.containsKey(reverse)) {
                return false;
            }
        }
        return true;
    }

    public double surfaceArea() {
        double area = 0;
        double[] n = new double[3];
        for (int t = 0; t < triangleCount(); t++) {
            crossOfEdges(t, n);
            area += 0.5 * Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        }
        return area;
    }

    /** The enclosed volume by the divergence theorem; meaningful for closed, oriented meshes. */
    public double signedVolume() {
        double volume = 0;
        for (int t = 0; t < triangleCount(); t++) {
            int a = 3 * triangles[3 * t];
            int b = 3 * triangles[3 * t + 1];
            int c = 3 * triangles[3 * t + 2];
            volume += positions[a] * (positions[b + 1] * positions[c + 2] - positions[b + 2] * positions[c + 1])
                    - positions[a + 1] * (positions[b] * positions[c + 2] - positions[b + 2] * positions[c])
                    + positions[a + 2] * (positions[b] * positions[c + 1] - positions[b + 1] * positions[c]);
        }
        return volume / 6;
    }

    /** The triangle's (unnormalised) normal, twice its area in length. */
    public void crossOfEdges(int triangle, double[] out) {
        int a = 3 * triangles[3 * triangle];
        int b = 3 * triangles[3 * triangle + 1];
        int c = 3 * triangles[3 * triangle + 2];
        double ux = positions[b] - positions[a];
        double uy = positions[b + 1] - positions[a + 1];
        double uz = positions[b + 2] - positions[a + 2];
        double vx = positions[c] - positions[a];
        double vy = positions[c + 1] - positions[a + 1];
        double vz = positions[c + 2] - positions[a + 2];
        out[0] = uy * vz - uz * vy;
        out[1] = uz * vx - ux * vz;
        out[2] = ux * vy - uy * vx;
    }

    /** The centroid of a triangle. */
    public void centroid(int triangle, double[] out) {
        int a = 3 * triangles[3 * triangle];
        int b = 3 * triangles[3 * triangle + 1];
        int c = 3 * triangles[3 * triangle + 2];
        for (int k = 0; k < 3; k++) {
            out[k] = (positions[a + k] + positions[b + k] + positions[c + k]) / 3;
        }
    }

    /** The triangles for which keep is true, with all vertices retained. */
    public TriangleMesh keepTriangles(IntPredicate keep) {
        int[] kept = new int[triangles.length];
        int n = 0;
        for (int t = 0; t < triangleCount(); t++) {
            if (keep.test(t)) {
                System.arraycopy(triangles, 3 * t, kept, n, 3);
                n += 3;
            }
        }
        return new TriangleMesh(positions, Arrays.copyOf(kept, n));
    }

    /** The meshes side by side in one (no vertices are merged). */
    public static TriangleMesh concat(List<TriangleMesh> meshes) {
        int vertices = 0;
        int faces = 0;
        for (TriangleMesh m : meshes) {
            vertices += m.positions.length;
            faces += m.triangles.length;
        }
        double[] positions = new double[vertices];
        int[] triangles = new int[faces];
        int vp = 0;
        int tp = 0;
        for (TriangleMesh m : meshes) {
            System.arraycopy(m.positions, 0, positions, vp, m.positions.length);
            int offset = vp / 3;
            for (int index : m.triangles) {
                triangles[tp++] = index + offset;
            }
            vp += m.positions.length;
        }
        return new TriangleMesh(positions, triangles);
    }
}
