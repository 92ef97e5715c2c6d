package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Tangents follow glTF: tangent along +u, bitangent = cross(n, t) * w up the image (-v). */
class TangentFramesTest {
    @Test
    void aSquareFacingZWithImageUpAlongWorldY() {
        // Unit square in z = 0, u = x, v = 1 - y (the image's rows run down world y).
        float[] p = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0};
        float[] uv = {0, 1, 1, 1, 1, 0, 0, 0};
        TriMesh mesh = new TriMesh(p, new int[] {0, 1, 2, 0, 2, 3}, uv);
        float[] tangents = TangentFrames.tangents(mesh, mesh.vertexNormals());
        for (int v = 0; v < 4; v++) {
            float[] t = {tangents[4 * v], tangents[4 * v + 1], tangents[4 * v + 2], tangents[4 * v + 3]};
            // cross((0,0,1), (1,0,0)) * w = (0,1,0) * w: up the image is world +y, so w = +1.
            assertArrayEquals(new float[] {1, 0, 0, 1}, t, 1e-6f);
        }
    }

    @Test
    void aMirroredMappingFlipsTheHandedness() {
        float[] p = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0};
        float[] uv = {0, 0, 1, 0, 1, 1, 0, 1};
        TriMesh mesh = new TriMesh(p, new int[] {0, 1, 2, 0, 2, 3}, uv);
        float[] tangents = TangentFrames.tangents(mesh, mesh.vertexNormals());
        assertArrayEquals(new float[] {1, 0, 0, -1}, new float[] {tangents[0], tangents[1], tangents[2], tangents[3]},
                1e-6f);
    }
}
