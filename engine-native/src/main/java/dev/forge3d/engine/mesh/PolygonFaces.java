package dev.forge3d.engine.mesh;

import java.util.Arrays;

/**
 * Faces of mixed size over a mesh's vertices: {@code counts[f]} corners each, listed one face
 * after another in {@code indices}, counter-clockwise seen from outside.
 */
public record PolygonFaces(int[] counts, int[] indices) {

    /** The triangles of a mesh as polygon faces. */
    public static PolygonFaces triangles(TriMesh mesh) {
        int[] counts = new int[mesh.faceCount()];
        Arrays.fill(counts, 3);
        return new PolygonFaces(counts, mesh.indices().clone());
    }

    public int faceCount() {
        return counts.length;
    }

    public int quadCount() {
        int n = 0;
        for (int c : counts) {
            n += c == 4 ? 1 : 0;
        }
        return n;
    }
}
