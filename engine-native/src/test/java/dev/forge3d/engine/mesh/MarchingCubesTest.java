package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Marching cubes gives closed, outward, accurate surfaces, in the same order as its layer passes run one by one. */
class MarchingCubesTest {

    @Test
    void aGridWithMoreSamplesThanAnIntCountsIsRefused() {
        // 2048^3 is 2^33 samples: size() would wrap to 0 and every index past 2^31 would go negative.
        assertThrows(IllegalArgumentException.class, () -> new VolumeGrid(0, 0, 0, 1, 2048, 2048, 2048));
        assertThrows(IllegalArgumentException.class, () -> new VolumeGrid(0, 0, 0, 1, 46341, 46341, 2));
        assertEquals(2 * 46340 * 23170, new VolumeGrid(0, 0, 0, 1, 46340, 23170, 2).size());
    }

    @Test
    void everyCaseCutsExactlyItsCrossedEdges() {
        for (int config = 0; config < 256; config++) {
            boolean[] used = new boolean[12];
            int slot = 0;
            for (; MarchingCubesTable.edge(config, slot) >= 0; slot++) {
                used[MarchingCubesTable.edge(config, slot)] = true;
            }
            assertEquals(0, slot % 3, "whole triangles in case " + config);
            for (int e = 0; e < 12; e++) {
                int a = MarchingCubesTable.EDGE_ORIGIN[e];
                int b = a | 1 << (e / 4);
                boolean crossed = (config >> a & 1) != (config >> b & 1);
                assertEquals(crossed, used[e], "case " + config + " edge " + e);
            }
        }
    }

    @Test
    void aRandomFieldGivesAClosedConsistentlyOrientedSurface() {
        // Noise on a small grid reaches every case, the face-ambiguous ones included.
        VolumeGrid g = new VolumeGrid(0, 0, 0, 1, 14, 13, 12);
        float[] field = new float[g.size()];
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 1; k < g.nz() - 1; k++) {
            for (int j = 1; j < g.ny() - 1; j++) {
                for (int i = 1; i < g.nx() - 1; i++) {
                    field[i + g.nx() * (j + g.ny() * k)] = (float) (random.nextDouble() - 0.45);
                }
            }
        }
        for (int i = 0; i < field.length; i++) {
            field[i] = field[i] == 0 ? -0.5f : field[i];
        }
        TriMesh mesh = MarchingCubes.extract(g, field);
        assertTrue(mesh.faceCount() > 1000, "faces " + mesh.faceCount());
        MeshSimplifierTest.assertClosed(mesh);
        assertTrue(signedVolume(mesh) > 0, "outward");
    }

    @Test
    void aSphereIsClosedOutwardOfGenusZeroAndOnItsDistanceField() {
        double radius = 0.4;
        VolumeGrid g = VolumeGrid.covering(new double[] {-0.5, -0.5, -0.5}, new double[] {0.5, 0.5, 0.5}, 48);
        float[] field = sphereField(g, radius);
        TriMesh mesh = MarchingCubes.extract(g, field);
        MeshSimplifierTest.assertClosed(mesh);
        // Euler characteristic 2 for a closed surface of genus 0 (each edge shared by two faces).
        assertEquals(2, mesh.vertexCount() - 3 * mesh.faceCount() / 2 + mesh.faceCount());
        assertEquals(4.0 / 3 * Math.PI * Math.pow(radius, 3), signedVolume(mesh), 0.01 * signedVolume(mesh));
        float[] p = mesh.positions();
        for (int i = 0; i < p.length; i += 3) {
            double r = Math.sqrt(p[i] * p[i] + p[i + 1] * p[i + 1] + p[i + 2] * p[i + 2]);
            // Linear interpolation of the distance along a grid edge errs by at most voxel^2 / (2 r).
            assertEquals(radius, r, g.voxel() * g.voxel() / radius, "vertex " + i / 3);
        }
    }

    @Test
    void theParallelLayersMatchTheLayersRunInOrder() {
        VolumeGrid g = VolumeGrid.covering(new double[] {-0.5, -0.5, -0.5}, new double[] {0.5, 0.4, 0.3}, 40);
        float[] field = sphereField(g, 0.28);
        int[] edgeVertex = new int[3 * g.size()];
        int vertices = 0;
        for (int k = 0; k < g.nz(); k++) {
            vertices += MarchingCubes.countCrossedEdges(g, field, k);
        }
        float[] positions = new float[3 * vertices];
        int first = 0;
        for (int k = 0; k < g.nz(); k++) {
            MarchingCubes.placeEdgeVertices(g, field, k, first, edgeVertex, positions);
            first += MarchingCubes.countCrossedEdges(g, field, k);
        }
        int triangles = 0;
        for (int k = 0; k < g.nz() - 1; k++) {
            triangles += MarchingCubes.countTriangles(g, field, k);
        }
        int[] indices = new int[3 * triangles];
        first = 0;
        for (int k = 0; k < g.nz() - 1; k++) {
            MarchingCubes.emitTriangles(g, field, k, edgeVertex, first, indices);
            first += MarchingCubes.countTriangles(g, field, k);
        }
        TriMesh parallel = MarchingCubes.extract(g, field);
        assertArrayEquals(positions, parallel.positions());
        assertArrayEquals(indices, parallel.indices());
    }

    static float[] sphereField(VolumeGrid g, double radius) {
        float[] field = new float[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    field[i + g.nx() * (j + g.ny() * k)] = (float) (radius - Math.sqrt(g.x(i) * g.x(i)
                            + g.y(j) * g.y(j) + g.z(k) * g.z(k)));
                }
            }
        }
        return field;
    }

    static double signedVolume(TriMesh mesh) {
        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        double volume = 0;
        for (int f = 0; f < idx.length; f += 3) {
            int a = 3 * idx[f], b = 3 * idx[f + 1], c = 3 * idx[f + 2];
            volume += (p[a] * ((double) p[b + 1] * p[c + 2] - (double) p[b + 2] * p[c + 1])
                    - p[a + 1] * ((double) p[b] * p[c + 2] - (double) p[b + 2] * p[c])
                    + p[a + 2] * ((double) p[b] * p[c + 1] - (double) p[b + 1] * p[c])) / 6;
        }
        return volume;
    }
}
