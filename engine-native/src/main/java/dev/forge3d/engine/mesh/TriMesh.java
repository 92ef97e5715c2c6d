package dev.forge3d.engine.mesh;

/**
 * An indexed triangle mesh: xyz per vertex, three vertex indices per face (counter-clockwise
 * seen from outside), optional per-vertex uv (u right, v down in the texture image).
 */
public record TriMesh(float[] positions, int[] indices, float[] uvs) {
    public TriMesh {
        if (positions.length % 3 != 0 || indices.length % 3 != 0) {
            throw new IllegalArgumentException("positions and indices must come in threes");
        }
        if (uvs != null && uvs.length / 2 != positions.length / 3) {
            throw new IllegalArgumentException("one uv per vertex");
        }
    }

    public TriMesh(float[] positions, int[] indices) {
        this(positions, indices, null);
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int faceCount() {
        return indices.length / 3;
    }

    /** min x, y, z then max x, y, z. */
    public double[] bounds() {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < positions.length; i += 3) {
            for (int a = 0; a < 3; a++) {
                b[a] = Math.min(b[a], positions[i + a]);
                b[3 + a] = Math.max(b[3 + a], positions[i + a]);
            }
        }
        return b;
    }

    /**
     * Area-weighted vertex normals, unit length, shared by all vertices at the same position, so
     * that vertices split along uv seams shade as one.
     */
    public float[] vertexNormals() {
        float[] n = new float[positions.length];
        for (int f = 0; f < indices.length; f += 3) {
            int a = 3 * indices[f];
            int b = 3 * indices[f + 1];
            int c = 3 * indices[f + 2];
            float ux = positions[b] - positions[a], uy = positions[b + 1] - positions[a + 1], uz = positions[b + 2] - positions[a + 2];
            float vx = positions[c] - positions[a], vy = positions[c + 1] - positions[a + 1], vz = positions[c + 2] - positions[a + 2];
            float nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            for (int v : new int[] {a, b, c}) {
                n[v] += nx;
                n[v + 1] += ny;
                n[v + 2] += nz;
            }
        }
        java.util.Map<Position, float[]> byPosition = new java.util.HashMap<>();
        for (int i = 0; i < n.length; i += 3) {
            float[] sum = byPosition.computeIfAbsent(new Position(positions[i], positions[i + 1], positions[i + 2]),
                    k -> new float[3]);
            sum[0] += n[i];
            sum[1] += n[i + 1];
            sum[2] += n[i + 2];
        }
        for (int i = 0; i < n.length; i += 3) {
            float[] sum = byPosition.get(new Position(positions[i], positions[i + 1], positions[i + 2]));
            n[i] = sum[0];
            n[i + 1] = sum[1];
            n[i + 2] = sum[2];
        }
        for (int i = 0; i < n.length; i += 3) {
            double len = Math.sqrt(n[i] * n[i] + n[i + 1] * n[i + 1] + n[i + 2] * n[i + 2]);
            if (len > 0) {
                n[i] /= len;
                n[i + 1] /= len;
                n[i + 2] /= len;
            } else {
                n[i + 1] = 1;
            }
        }
        return n;
    }

    /** A vertex position as a map key (records compare float components exactly). */
    private record Position(float x, float y, float z) {
    }
}
