package dev.forge3d.engine.mesh;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Raises a mesh's face count to a target without moving its surface: edges are split at their
 * midpoints, longest first, each face on a split edge into two. A job may ask for more faces than
 * the volume gave (a 64^3 low_poly volume gives about 25,000, a 256^3 one some 500,000 or fewer),
 * and the count asked for is what it writes, as with any other target.
 *
 * <p>The splits go in rounds: a face is split at most once a round, so that both faces of an
 * edge are split at once (no T-junctions, a closed mesh stays closed) and the edges a round makes
 * wait for the next. Edges on more than two faces are left whole.
 */
public final class EdgeSplitting {
    private EdgeSplitting() {
    }

    /** The mesh with {@code targetFaces} faces (one more where the last split adds two); unchanged if it has as many. */
    public static TriMesh splitTo(TriMesh mesh, int targetFaces) {
        if (mesh.faceCount() == 0 || mesh.faceCount() >= targetFaces) {
            return mesh;
        }
        // Each split adds a vertex and at least one face.
        int newVertices = targetFaces - mesh.faceCount();
        float[] positions = Arrays.copyOf(mesh.positions(), mesh.positions().length + 3 * newVertices);
        int[] indices = Arrays.copyOf(mesh.indices(), 3 * targetFaces + 3);
        int vertices = mesh.vertexCount();
        int faces = mesh.faceCount();
        while (faces < targetFaces) {
            Edges edges = Edges.of(positions, indices, faces);
            boolean[] split = new boolean[faces];
            int before = faces;
            for (int e : edges.longestFirst()) {
                if (faces >= targetFaces) {
                    break;
                }
                int f = edges.first[e];
                int g = edges.second[e];
                if (edges.shared[e] || split[f] || (g >= 0 && split[g])) {
                    continue;
                }
                int a = edges.a[e];
                int b = edges.b[e];
                for (int k = 0; k < 3; k++) {
                    positions[3 * vertices + k] = (positions[3 * a + k] + positions[3 * b + k]) / 2;
                }
                int middle = vertices++;
                for (int face : g >= 0 ? new int[] {f, g} : new int[] {f}) {
                    splitFace(indices, face, a, b, middle, faces++);
                    split[face] = true;
                }
            }
            if (faces == before) {
                break; // only edges on more than two faces are left: nothing to split
            }
        }
        return new TriMesh(Arrays.copyOf(positions, 3 * vertices), Arrays.copyOf(indices, 3 * faces));
    }

    /**
     * Face {@code face} (p, q, r), with p-q the edge a-b either way round, becomes (p, m, r), and
     * face {@code added} is (m, q, r): the same turn, so the orientation is kept.
     */
    private static void splitFace(int[] indices, int face, int a, int b, int middle, int added) {
        int at = 3 * face;
        for (int i = 0; i < 3; i++) {
            int p = indices[at + i];
            int q = indices[at + (i + 1) % 3];
            if ((p == a && q == b) || (p == b && q == a)) {
                int r = indices[at + (i + 2) % 3];
                indices[at + (i + 1) % 3] = middle;
                indices[3 * added] = middle;
                indices[3 * added + 1] = q;
                indices[3 * added + 2] = r;
                return;
            }
        }
        throw new IllegalStateException("face " + face + " has no edge " + a + "-" + b);
    }

    /** The mesh's edges: their ends, lengths, the faces on them and whether more than two share one. */
    private record Edges(int[] a, int[] b, double[] length, int[] first, int[] second, boolean[] shared) {
        static Edges of(float[] positions, int[] indices, int faces) {
            Map<Long, Integer> ids = new HashMap<>(4 * faces);
            int capacity = 3 * faces;
            int[] a = new int[capacity];
            int[] b = new int[capacity];
            double[] length = new double[capacity];
            int[] first = new int[capacity];
            int[] second = new int[capacity];
            boolean[] shared = new boolean[capacity];
            Arrays.fill(second, -1);
            for (int f = 0; f < faces; f++) {
                for (int k = 0; k < 3; k++) {
                    int u = indices[3 * f + k];
                    int v = indices[3 * f + (k + 1) % 3];
                    long key = ((long) Math.min(u, v) << 32) | Math.max(u, v);
                    int next = ids.size();
                    int id = ids.computeIfAbsent(key, x -> next);
                    if (id == next) {
                        a[id] = Math.min(u, v);
                        b[id] = Math.max(u, v);
                        length[id] = distance(positions, u, v);
                        first[id] = f;
                    } else if (second[id] < 0) {
                        second[id] = f;
                    } else {
                        shared[id] = true;
                    }
                }
            }
            int count = ids.size();
            return new Edges(Arrays.copyOf(a, count), Arrays.copyOf(b, count), Arrays.copyOf(length, count),
                    Arrays.copyOf(first, count), Arrays.copyOf(second, count), Arrays.copyOf(shared, count));
        }

        /** Edge ids, longest first; equal lengths by their ends, so that a mesh always splits alike. */
        int[] longestFirst() {
            Comparator<Integer> order = Comparator.<Integer>comparingDouble(e -> -length[e])
                    .thenComparingInt(e -> a[e]).thenComparingInt(e -> b[e]);
            return IntStream.range(0, a.length).boxed().sorted(order).mapToInt(Integer::intValue).toArray();
        }

        private static double distance(float[] p, int u, int v) {
            double dx = p[3 * u] - p[3 * v];
            double dy = p[3 * u + 1] - p[3 * v + 1];
            double dz = p[3 * u + 2] - p[3 * v + 2];
            return Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
}
