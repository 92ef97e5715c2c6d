package dev.forge3d.engine.mesh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Our UV unwrapper. Faces are grouped by the axis their normal points along most (six
 * directions); each edge-connected group is a chart, projected flat onto the plane across its
 * axis, so a chart never folds over itself. Charts keep one texel density and are packed on
 * shelves, tallest first, with a gutter of {@link #GUTTER_TEXELS} texels so no two overlap even
 * after bilinear filtering. Vertices on chart borders are duplicated, one per chart.
 */
public final class UvUnwrapper {
    static final int GUTTER_TEXELS = 2;

    private UvUnwrapper() {
    }

    /** A chart in the packing: its faces, its projected extent and its place in the atlas. */
    private static final class Chart {
        final int axis;
        final List<Integer> faces = new ArrayList<>();
        double minU = Double.POSITIVE_INFINITY, minV = Double.POSITIVE_INFINITY;
        double maxU = Double.NEGATIVE_INFINITY, maxV = Double.NEGATIVE_INFINITY;
        double x, y;

        Chart(int axis) {
            this.axis = axis;
        }

        double width() {
            return maxU - minU;
        }

        double height() {
            return maxV - minV;
        }
    }

    /** The mesh with uvs in [0, 1] (u right, v down the image) for a square texture of this size. */
    public static TriMesh unwrap(TriMesh mesh, int textureSize) {
        return unwrap(mesh, textureSize, null);
    }

    /**
     * As {@link #unwrap(TriMesh, int)}, keeping each face and its {@code partner} (from
     * {@link QuadPairing#partners}, or null) in one chart. Faces keep their order.
     */
    public static TriMesh unwrap(TriMesh mesh, int textureSize, int[] partner) {
        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        int faceCount = mesh.faceCount();
        int[] axis = new int[faceCount];
        for (int f = 0; f < faceCount; f++) {
            axis[f] = dominantAxis(p, idx[3 * f], idx[3 * f + 1], idx[3 * f + 2]);
        }
        if (partner != null) {
            for (int f = 0; f < faceCount; f++) {
                if (partner[f] > f) {
                    axis[partner[f]] = axis[f];
                }
            }
        }
        // Edge-adjacent faces of the same axis join one chart (union-find over faces).
        int[] parent = new int[faceCount];
        for (int f = 0; f < faceCount; f++) {
            parent[f] = f;
        }
        Map<Long, Integer> edgeFace = new HashMap<>(faceCount * 2);
        for (int f = 0; f < faceCount; f++) {
            for (int e = 0; e < 3; e++) {
                int a = idx[3 * f + e], b = idx[3 * f + (e + 1) % 3];
                long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
                Integer other = edgeFace.putIfAbsent(key, f);
                if (other != null && axis[other] == axis[f]) {
                    union(parent, other, f);
                }
            }
        }
        if (partner != null) {
            for (int f = 0; f < faceCount; f++) {
                if (partner[f] >= 0) {
                    union(parent, f, partner[f]);
                }
            }
        }
        Map<Integer, Chart> byRoot = new HashMap<>();
        List<Chart> charts = new ArrayList<>();
        int[] chartOf = new int[faceCount];
        for (int f = 0; f < faceCount; f++) {
            int root = find(parent, f);
            Chart chart = byRoot.get(root);
            if (chart == null) {
                chart = new Chart(axis[f]);
                byRoot.put(root, chart);
                charts.add(chart);
            }
            chart.faces.add(f);
        }
        for (int c = 0; c < charts.size(); c++) {
            Chart chart = charts.get(c);
            for (int f : chart.faces) {
                chartOf[f] = c;
                for (int k = 0; k < 3; k++) {
                    int v = idx[3 * f + k];
                    double u = planeU(p, v, chart.axis), w = planeV(p, v, chart.axis);
                    chart.minU = Math.min(chart.minU, u);
                    chart.maxU = Math.max(chart.maxU, u);
                    chart.minV = Math.min(chart.minV, w);
                    chart.maxV = Math.max(chart.maxV, w);
                }
            }
        }
        double side = pack(charts, textureSize);
        // One output vertex per (chart, input vertex).
        Map<Long, Integer> vertexOf = new HashMap<>(mesh.vertexCount() * 2);
        float[] outPositions = new float[p.length * 2];
        float[] outUvs = new float[p.length * 2 / 3 * 2];
        int[] outIndices = new int[idx.length];
        int next = 0;
        for (int f = 0; f < faceCount; f++) {
            Chart chart = charts.get(chartOf[f]);
            for (int k = 0; k < 3; k++) {
                int v = idx[3 * f + k];
                long key = ((long) chartOf[f] << 32) | v;
                Integer out = vertexOf.get(key);
                if (out == null) {
                    if (3 * (next + 1) > outPositions.length) {
                        outPositions = Arrays.copyOf(outPositions, outPositions.length * 2);
                        outUvs = Arrays.copyOf(outUvs, outUvs.length * 2);
                    }
                    out = next++;
                    vertexOf.put(key, out);
                    System.arraycopy(p, 3 * v, outPositions, 3 * out, 3);
                    outUvs[2 * out] = (float) ((chart.x + planeU(p, v, chart.axis) - chart.minU) / side);
                    outUvs[2 * out + 1] = (float) ((chart.y + planeV(p, v, chart.axis) - chart.minV) / side);
                }
                outIndices[3 * f + k] = out;
            }
        }
        return new TriMesh(Arrays.copyOf(outPositions, 3 * next), outIndices, Arrays.copyOf(outUvs, 2 * next));
    }

    /**
     * Places the charts on shelves in a square of world-unit side L, growing L until they fit,
     * with the gutter measured in texels of that square. Returns L.
     */
    private static double pack(List<Chart> charts, int textureSize) {
        double area = 0;
        for (Chart c : charts) {
            area += c.width() * c.height();
        }
        List<Chart> order = new ArrayList<>(charts);
        order.sort((a, b) -> Double.compare(b.height(), a.height()));
        double side = Math.sqrt(Math.max(area, 1e-12)) * 1.05;
        while (true) {
            double gutter = GUTTER_TEXELS * side / textureSize;
            double x = gutter, y = gutter, shelf = 0;
            boolean fits = true;
            for (Chart c : order) {
                if (x + c.width() + gutter > side) {
                    x = gutter;
                    y += shelf + gutter;
                    shelf = 0;
                }
                if (x + c.width() + gutter > side) {
                    fits = false;
                    break;
                }
                c.x = x;
                c.y = y;
                x += c.width() + gutter;
                shelf = Math.max(shelf, c.height());
            }
            if (fits && y + shelf + gutter <= side) {
                return side;
            }
            side *= 1.04;
        }
    }

    private static int dominantAxis(float[] p, int a, int b, int c) {
        double ux = p[3 * b] - p[3 * a], uy = p[3 * b + 1] - p[3 * a + 1], uz = p[3 * b + 2] - p[3 * a + 2];
        double vx = p[3 * c] - p[3 * a], vy = p[3 * c + 1] - p[3 * a + 1], vz = p[3 * c + 2] - p[3 * a + 2];
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        double ax = Math.abs(nx), ay = Math.abs(ny), az = Math.abs(nz);
        if (ax >= ay && ax >= az) {
            return nx >= 0 ? 0 : 1;
        }
        if (ay >= az) {
            return ny >= 0 ? 2 : 3;
        }
        return nz >= 0 ? 4 : 5;
    }

    /** The first in-plane coordinate across the chart's axis (axis index = direction / 2). */
    private static double planeU(float[] p, int v, int direction) {
        int a = direction / 2;
        return p[3 * v + (a + 1) % 3];
    }

    private static double planeV(float[] p, int v, int direction) {
        int a = direction / 2;
        return p[3 * v + (a + 2) % 3];
    }

    private static int find(int[] parent, int f) {
        while (parent[f] != f) {
            parent[f] = parent[parent[f]];
            f = parent[f];
        }
        return f;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
