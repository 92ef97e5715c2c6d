package dev.forge3d.engine.mesh;

import dev.forge3d.api.MeshParams;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.util.meshoptimizer.MeshOptimizer;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * Reduces a mesh to a face count with meshoptimizer (LWJGL). Edge-collapse simplification
 * first; if it stops short of the target (its error bound), the sloppy clustering variant
 * finishes. Buffers are native (direct): LWJGL reads their addresses, and heap buffers crash.
 */
public final class MeshSimplifier {
    /** The relative error bound handed to meshoptimizer: large, so the face count decides. */
    static final float TARGET_ERROR = 1f;

    private MeshSimplifier() {
    }

    /**
     * The face count a job aims for: {@code faces}, or the dense count less {@code simplifyRatio},
     * but no fewer than {@link MeshParams#MIN_FACES} (or the dense count, when that is smaller).
     */
    public static int targetFaces(int denseFaces, int faces, double simplifyRatio) {
        if (!(simplifyRatio > 0)) {
            return faces;
        }
        // Never below the least face count a job may ask for, unless the dense mesh has fewer.
        return (int) Math.max(facesLeftBy(denseFaces, simplifyRatio), Math.min(denseFaces, MeshParams.MIN_FACES));
    }

    /** The faces {@code simplifyRatio} alone leaves of {@code denseFaces}, before any floor. */
    public static long facesLeftBy(int denseFaces, double simplifyRatio) {
        return Math.round(denseFaces * (1 - simplifyRatio));
    }

    /** The mesh with at most about {@code targetFaces} faces; unchanged if it has no more already. */
    public static TriMesh simplify(TriMesh mesh, int targetFaces) {
        if (targetFaces >= mesh.faceCount()) {
            return mesh;
        }
        int vertexCount = mesh.vertexCount();
        int indexCount = mesh.indices().length;
        if (vertexCount <= 0 || indexCount <= 0 || mesh.positions().length != 3L * vertexCount) {
            throw new IllegalArgumentException("empty or inconsistent mesh");
        }
        for (int index : mesh.indices()) {
            if (index < 0 || index >= vertexCount) {
                throw new IllegalArgumentException("index out of range: " + index);
            }
        }
        FloatBuffer positions = MemoryUtil.memAllocFloat(mesh.positions().length);
        IntBuffer indices = MemoryUtil.memAllocInt(indexCount);
        IntBuffer destination = MemoryUtil.memAllocInt(indexCount);
        try {
            positions.put(mesh.positions()).flip();
            indices.put(mesh.indices()).flip();
            long target = 3L * targetFaces;
            long written = MeshOptimizer.meshopt_simplify(destination, indices, positions, vertexCount, 12, target,
                    TARGET_ERROR, 0, null);
            if (written > 3L * Math.ceil(targetFaces * 1.01)) {
                destination.clear();
                written = MeshOptimizer.meshopt_simplifySloppy(destination, indices, positions, vertexCount, 12, null,
                        target, TARGET_ERROR, null);
            }
            int[] kept = new int[(int) written];
            destination.get(0, kept);
            return compact(mesh.positions(), kept);
        } finally {
            MemoryUtil.memFree(positions);
            MemoryUtil.memFree(indices);
            MemoryUtil.memFree(destination);
        }
    }

    /** Keeps only the vertices the faces use, in first-use order. */
    static TriMesh compact(float[] positions, int[] indices) {
        int[] remap = new int[positions.length / 3];
        java.util.Arrays.fill(remap, -1);
        int next = 0;
        int[] outIndices = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int v = indices[i];
            if (remap[v] < 0) {
                remap[v] = next++;
            }
            outIndices[i] = remap[v];
        }
        float[] outPositions = new float[3 * next];
        for (int v = 0; v < remap.length; v++) {
            if (remap[v] >= 0) {
                System.arraycopy(positions, 3 * v, outPositions, 3 * remap[v], 3);
            }
        }
        return new TriMesh(outPositions, outIndices);
    }
}
