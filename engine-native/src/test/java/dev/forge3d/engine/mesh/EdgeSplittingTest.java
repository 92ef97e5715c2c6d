package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splitting edges reaches a face count above the mesh's own without moving its surface. */
class EdgeSplittingTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7})
    void theCountIsReachedAndTheSurfaceStaysWhereItWas(int times) {
        TriMesh dense = MeshSimplifierTest.denseSphere();
        int target = times * dense.faceCount() + 1;
        TriMesh split = EdgeSplitting.splitTo(dense, target);
        assertTrue(split.faceCount() == target || split.faceCount() == target + 1, "faces " + split.faceCount());
        MeshSimplifierTest.assertClosed(split);
        assertArrayEquals(dense.bounds(), split.bounds(), 1e-7);
        // The same surface: midpoints lie on the faces they split, so area and enclosed volume stay.
        assertEquals(area(dense), area(split), 1e-6 * area(dense));
        assertEquals(volume(dense), volume(split), 1e-6 * volume(dense));
    }

    @Test
    void aMeshWithEnoughFacesIsKept() {
        TriMesh dense = MeshSimplifierTest.denseSphere();
        assertSame(dense, EdgeSplitting.splitTo(dense, dense.faceCount()));
    }

    @Test
    void anOpenMeshIsSplitToo() {
        // One triangle: its border edges have a single face each.
        TriMesh triangle = new TriMesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2});
        TriMesh split = EdgeSplitting.splitTo(triangle, 10);
        assertEquals(10, split.faceCount());
        assertEquals(0.5, area(split), 1e-6);
    }

    private static double area(TriMesh mesh) {
        double sum = 0;
        for (double[] cross : crosses(mesh)) {
            sum += Math.sqrt(cross[0] * cross[0] + cross[1] * cross[1] + cross[2] * cross[2]) / 2;
        }
        return sum;
    }

    /** The signed volume: positive for outward (counter-clockwise) faces, so it also holds the orientation. */
    private static double volume(TriMesh mesh) {
        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        double sum = 0;
        double[][] crosses = crosses(mesh);
        for (int f = 0; f < crosses.length; f++) {
            int a = 3 * idx[3 * f];
            sum += (p[a] * crosses[f][0] + p[a + 1] * crosses[f][1] + p[a + 2] * crosses[f][2]) / 6;
        }
        return sum;
    }

    private static double[][] crosses(TriMesh mesh) {
        float[] p = mesh.positions();
        int[] idx = mesh.indices();
        double[][] out = new double[mesh.faceCount()][];
        for (int f = 0; f < out.length; f++) {
            int a = 3 * idx[3 * f], b = 3 * idx[3 * f + 1], c = 3 * idx[3 * f + 2];
            double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            out[f] = new double[] {uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx};
        }
        return out;
    }
}
