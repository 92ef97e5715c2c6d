package dev.forge3d.engine.mesh;

import java.util.Arrays;

/**
 * Extracts the zero level set of a field (positive inside) as a closed triangle mesh: the CPU
 * twin of the surface-extraction kernel. It is the dual of marching cubes ("surface nets"): one
 * vertex per cell that the surface crosses, at the mean of the cell's edge crossings, and one
 * quad (two triangles) per crossed grid edge, joining the four cells around that edge. It needs
 * no case tables, shares every vertex by construction, and gives a closed surface when the field
 * is negative on the grid's border.
 */
public final class SurfaceNets {
    private static final int[][] CORNERS = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 0},
            {0, 0, 1}, {1, 0, 1}, {0, 1, 1}, {1, 1, 1}};
    private static final int[][] EDGES = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3}, {4, 6}, {5, 7},
            {0, 4}, {1, 5}, {2, 6}, {3, 7}};

    private SurfaceNets() {
    }

    public static TriMesh extract(VolumeGrid g, float[] field) {
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        int cx = nx - 1, cy = ny - 1, cz = nz - 1;
        int[] cellVertex = new int[cx * cy * cz];
        Arrays.fill(cellVertex, -1);
        FloatList positions = new FloatList();
        float[] corner = new float[8];
        int vertices = 0;
        for (int k = 0; k < cz; k++) {
            for (int j = 0; j < cy; j++) {
                for (int i = 0; i < cx; i++) {
                    int inside = 0;
                    for (int c = 0; c < 8; c++) {
                        corner[c] = field[(i + CORNERS[c][0]) + nx * ((j + CORNERS[c][1]) + ny * (k + CORNERS[c][2]))];
                        if (corner[c] > 0) {
                            inside++;
                        }
                    }
                    if (inside == 0 || inside == 8) {
                        continue;
                    }
                    double sx = 0, sy = 0, sz = 0;
                    int crossings = 0;
                    for (int[] e : EDGES) {
                        float a = corner[e[0]], b = corner[e[1]];
                        if ((a > 0) == (b > 0)) {
                            continue;
                        }
                        double t = a / (a - b);
                        sx += CORNERS[e[0]][0] + t * (CORNERS[e[1]][0] - CORNERS[e[0]][0]);
                        sy += CORNERS[e[0]][1] + t * (CORNERS[e[1]][1] - CORNERS[e[0]][1]);
                        sz += CORNERS[e[0]][2] + t * (CORNERS[e[1]][2] - CORNERS[e[0]][2]);
                        crossings++;
                    }
                    positions.add((float) g.x(i) + (float) (g.voxel() * sx / crossings));
                    positions.add((float) g.y(j) + (float) (g.voxel() * sy / crossings));
                    positions.add((float) g.z(k) + (float) (g.voxel() * sz / crossings));
                    cellVertex[i + cx * (j + cy * k)] = vertices++;
                }
            }
        }
        IntList triangles = new IntList();
        int[] n = {nx, ny, nz};
        int[] s = new int[3];
        int[] quad = new int[4];
        float[] pos = positions.toArray();
        for (int axis = 0; axis < 3; axis++) {
            int b = (axis + 1) % 3, c = (axis + 2) % 3;
            for (s[2] = 0; s[2] < nz; s[2]++) {
                for (s[1] = 0; s[1] < ny; s[1]++) {
                    for (s[0] = 0; s[0] < nx; s[0]++) {
                        if (s[axis] >= n[axis] - 1 || s[b] < 1 || s[c] < 1 || s[b] >= n[b] - 1 || s[c] >= n[c] - 1) {
                            continue;
                        }
                        int here = s[0] + nx * (s[1] + ny * s[2]);
                        int next = here + (axis == 0 ? 1 : axis == 1 ? nx : nx * ny);
                        boolean in0 = field[here] > 0, in1 = field[next] > 0;
                        if (in0 == in1) {
                            continue;
                        }
                        // The four cells around the edge, counter-clockwise seen from +axis.
                        int[][] offsets = {{-1, -1}, {0, -1}, {0, 0}, {-1, 0}};
                        for (int q = 0; q < 4; q++) {
                            int[] cell = {s[0], s[1], s[2]};
                            cell[b] += offsets[q][0];
                            cell[c] += offsets[q][1];
                            quad[q] = cellVertex[cell[0] + cx * (cell[1] + cy * cell[2])];
                        }
                        if (!in0) {
                            int t = quad[1];
                            quad[1] = quad[3];
                            quad[3] = t;
                        }
                        // Split along the shorter diagonal.
                        if (distanceSquared(pos, quad[0], quad[2]) <= distanceSquared(pos, quad[1], quad[3])) {
                            triangles.add(quad[0], quad[1], quad[2]);
                            triangles.add(quad[0], quad[2], quad[3]);
                        } else {
                            triangles.add(quad[0], quad[1], quad[3]);
                            triangles.add(quad[1], quad[2], quad[3]);
                        }
                    }
                }
            }
        }
        return new TriMesh(pos, triangles.toArray());
    }

    private static float distanceSquared(float[] p, int a, int b) {
        float dx = p[3 * a] - p[3 * b], dy = p[3 * a + 1] - p[3 * b + 1], dz = p[3 * a + 2] - p[3 * b + 2];
        return dx * dx + dy * dy + dz * dz;
    }

    /** A growable float array. */
    static final class FloatList {
        private float[] data = new float[1024];
        private int size;

        void add(float v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    /** A growable int array. */
    static final class IntList {
        private int[] data = new int[1024];
        private int size;

        void add(int a, int b, int c) {
            if (size + 3 > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = a;
            data[size++] = b;
            data[size++] = c;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
