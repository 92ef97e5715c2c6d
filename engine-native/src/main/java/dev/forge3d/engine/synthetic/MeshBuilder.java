package dev.forge3d.engine.synthetic;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Accumulates a triangle mesh of a convex shape, merging vertices with bit-identical
 * coordinates (tessellators compute shared vertices with identical arithmetic, so merging makes
 * the mesh watertight) and orienting every triangle outward from the shape's interior point.
 */
final class MeshBuilder {
    private record Key(long x, long y, long z) {
    }

    private final Map<Key, Integer> index = new HashMap<>();
    private double[] positions = new double[3 * 256];
    private int[] triangles = new int[3 * 256];
    private int vertexCount;
    private int triangleCount;

    /** Adds (or finds) a vertex; returns its index. */
    int vertex(double x, double y, double z) {
        Key key = new Key(Double.doubleToLongBits(x + 0.0), Double.doubleToLongBits(y + 0.0),
                Double.doubleToLongBits(z + 0.0));
        Integer existing = index.get(key);
        if (existing != null) {
            return existing;
        }
        if (3 * vertexCount + 3 > positions.length) {
            positions = Arrays.copyOf(positions, positions.length * 2);
        }
        positions[3 * vertexCount] = x;
        positions[3 * vertexCount + 1] = y;
        positions[3 * vertexCount + 2] = z;
        index.put(key, vertexCount);
        return vertexCount++;
    }

    /**
     * Adds triangle (a, b, c), flipped if needed so that its normal points away from the
     * interior point (0, 0, 0) of the local frame. Degenerate triangles are dropped.
     */
    void triangle(int a, int b, int c) {
        if (a == b || b == c || a == c) {
            return;
        }
        double ax = positions[3 * a];
        double ay = positions[3 * a + 1];
        double az = positions[3 * a + 2];
        double ux = positions[3 * b] - ax;
        double uy = positions[3 * b + 1] - ay;
        double uz = positions[3 * b + 2] - az;
        double vx = positions[3 * c] - ax;
        double vy = positions[3 * c + 1] - ay;
        double vz = positions[3 * c + 2] - az;
        double nx = uy * vz - uz * vy;
        double ny = uz * vx - ux * vz;
        double nz = ux * vy - uy * vx;
        double gx = ax + positions[3 * b] + positions[3 * c];
        double gy = ay + positions[3 * b + 1] + positions[3 * c + 1];
        double gz = az + positions[3 * b + 2] + positions[3 * c + 2];
        if (3 * triangleCount + 3 > triangles.length) {
            triangles = Arrays.copyOf(triangles, triangles.length * 2);
        }
        boolean outward = nx * gx + ny * gy + nz * gz >= 0;
        triangles[3 * triangleCount] = a;
        triangles[3 * triangleCount + 1] = outward ? b : c;
        triangles[3 * triangleCount + 2] = outward ? c : b;
        triangleCount++;
    }

    /** Adds the quad a-b-c-d (in ring order) as two triangles. */
    void quad(int a, int b, int c, int d) {
        triangle(a, b, c);
        triangle(a, c, d);
    }

    /**
     * The mesh with every local vertex p mapped to centre + Ry(yaw) p, where Ry rotates about +Y
     * (x' = cos x + sin z, z' = -sin x + cos z).
     */
    TriangleMesh build(double cx, double cy, double cz, double cosYaw, double sinYaw) {
        double[] out = new double[3 * vertexCount];
        for (int i = 0; i < vertexCount; i++) {
            double x = positions[3 * i];
            double y = positions[3 * i + 1];
            double z = positions[3 * i + 2];
            out[3 * i] = cx + cosYaw * x + sinYaw * z;
            out[3 * i + 1] = cy + y;
            out[3 * i + 2] = cz - sinYaw * x + cosYaw * z;
        }
        return new TriangleMesh(out, Arrays.copyOf(triangles, 3 * triangleCount));
    }

    /**
     * a + (b - a) i / n, exactly a at i = 0 and exactly b at i = n, so grids that share an edge
     * produce bit-identical vertices there.
     */
    static double lerp(double a, double b, int i, int n) {
        if (i == 0) {
            return a;
        }
        if (i == n) {
            return b;
        }
        return a + (b - a) * i / n;
    }

    /** Segments needed so no edge along a length exceeds maxEdge, at least min. */
    static int segments(double length, double maxEdge, int min) {
        return Math.max(min, (int) Math.ceil(length / maxEdge - 1e-9));
    }
}
