package dev.forge3d.engine.mesh;

import java.util.stream.IntStream;

/**
 * Extracts the zero level set of a field (positive inside) as a closed triangle mesh by marching
 * cubes (Lorensen and Cline, 1987) with the crack-free case table of {@link MarchingCubesTable}:
 * one vertex on every grid edge whose two samples lie on different sides, shared by the cubes
 * around that edge, and up to five triangles per cube, counter-clockwise seen from outside. The
 * surface is closed when the field is not positive on the grid's border.
 *
 * <p>The CPU twin of the extraction kernels. Every pass works on one z layer of samples or cubes
 * at a time and the layers' outputs are placed by prefix sums over per-layer counts, so the
 * vertex and triangle order is the grid order, whatever the threads: vertex ids go to crossed
 * edges in order of (sample index, axis), triangles in order of (cube index, table slot). A
 * kernel that counts per sample or per cube and scans produces the same arrays.
 */
public final class MarchingCubes {
    private MarchingCubes() {
    }

    public static TriMesh extract(VolumeGrid g, float[] field) {
        if (field.length != g.size()) {
            throw new IllegalArgumentException("field has " + field.length + " samples, the grid " + g.size());
        }
        if (3L * g.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("grid too large for int edge ids: " + g.size() + " samples");
        }
        int nz = g.nz();
        int[] vertexStart = new int[nz + 1];
        IntStream.range(0, nz).parallel().forEach(k -> vertexStart[k + 1] = countCrossedEdges(g, field, k));
        prefixSum(vertexStart);
        int[] edgeVertex = new int[3 * g.size()];
        float[] positions = new float[3 * vertexStart[nz]];
        IntStream.range(0, nz).parallel().forEach(k -> placeEdgeVertices(g, field, k, vertexStart[k], edgeVertex,
                positions));
        int[] triangleStart = new int[nz];
        IntStream.range(0, nz - 1).parallel().forEach(k -> triangleStart[k + 1] = countTriangles(g, field, k));
        prefixSum(triangleStart);
        int[] indices = new int[3 * triangleStart[nz - 1]];
        IntStream.range(0, nz - 1).parallel().forEach(k -> emitTriangles(g, field, k, edgeVertex,
                triangleStart[k], indices));
        return new TriMesh(positions, indices);
    }

    /** In place: a[i] becomes a[0] + ... + a[i] (a[0] is 0, so this yields start offsets). */
    private static void prefixSum(int[] a) {
        for (int i = 1; i < a.length; i++) {
            a[i] += a[i - 1];
        }
    }

    /** Whether the grid edge from sample {@code s} to {@code s + step} is crossed by the surface. */
    private static boolean crossed(float[] field, int s, int step) {
        return field[s] > 0 != field[s + step] > 0;
    }

    /** The crossed edges starting at samples of layer k (each sample owns its +x, +y and +z edge). */
    static int countCrossedEdges(VolumeGrid g, float[] field, int k) {
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        int[] step = {1, nx, nx * ny};
        int count = 0;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int s = i + nx * (j + ny * k);
                count += (i < nx - 1 && crossed(field, s, step[0]) ? 1 : 0)
                        + (j < ny - 1 && crossed(field, s, step[1]) ? 1 : 0)
                        + (k < nz - 1 && crossed(field, s, step[2]) ? 1 : 0);
            }
        }
        return count;
    }

    /**
     * Numbers layer k's crossed edges from {@code first} and puts their vertices where the linear
     * interpolation of the two samples is zero; {@code edgeVertex[3 s + axis]} gets the id.
     */
    static void placeEdgeVertices(VolumeGrid g, float[] field, int k, int first, int[] edgeVertex, float[] positions) {
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        int[] step = {1, nx, nx * ny};
        int[] size = {nx, ny, nz};
        int next = first;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int s = i + nx * (j + ny * k);
                int[] at = {i, j, k};
                for (int axis = 0; axis < 3; axis++) {
                    if (at[axis] == size[axis] - 1 || !crossed(field, s, step[axis])) {
                        continue;
                    }
                    float a = field[s], b = field[s + step[axis]];
                    float t = a / (a - b);
                    positions[3 * next] = (float) (g.x(i) + (axis == 0 ? t * g.voxel() : 0));
                    positions[3 * next + 1] = (float) (g.y(j) + (axis == 1 ? t * g.voxel() : 0));
                    positions[3 * next + 2] = (float) (g.z(k) + (axis == 2 ? t * g.voxel() : 0));
                    edgeVertex[3 * s + axis] = next++;
                }
            }
        }
    }

    /** The case of the cube whose lowest corner is sample s: bit c set when corner c is inside. */
    static int cubeCase(float[] field, int s, int nx, int nxy) {
        int config = 0;
        for (int c = 0; c < 8; c++) {
            int corner = s + (c & 1) + nx * (c >> 1 & 1) + nxy * (c >> 2 & 1);
            config |= field[corner] > 0 ? 1 << c : 0;
        }
        return config;
    }

    /** The triangles of the cubes of layer k (cubes whose lowest corners are samples of layer k). */
    static int countTriangles(VolumeGrid g, float[] field, int k) {
        int nx = g.nx(), ny = g.ny();
        int count = 0;
        for (int j = 0; j < ny - 1; j++) {
            for (int i = 0; i < nx - 1; i++) {
                int config = cubeCase(field, i + nx * (j + ny * k), nx, nx * ny);
                for (int slot = 0; MarchingCubesTable.edge(config, slot) >= 0; slot += 3) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Writes the triangles of layer k's cubes from triangle {@code first} on. */
    static void emitTriangles(VolumeGrid g, float[] field, int k, int[] edgeVertex, int first, int[] indices) {
        int nx = g.nx(), ny = g.ny(), nxy = nx * ny;
        int out = 3 * first;
        for (int j = 0; j < ny - 1; j++) {
            for (int i = 0; i < nx - 1; i++) {
                int s = i + nx * (j + ny * k);
                int config = cubeCase(field, s, nx, nxy);
                for (int slot = 0; MarchingCubesTable.edge(config, slot) >= 0; slot++) {
                    int e = MarchingCubesTable.edge(config, slot);
                    int origin = MarchingCubesTable.EDGE_ORIGIN[e];
                    int sample = s + (origin & 1) + nx * (origin >> 1 & 1) + nxy * (origin >> 2 & 1);
                    indices[out++] = edgeVertex[3 * sample + e / 4];
                }
            }
        }
    }
}
