package dev.forge3d.engine.mesh;

/**
 * Taubin's lambda|mu smoothing: a shrinking Laplacian step then an inflating one, which removes
 * the grid's staircase without the shrinkage of plain Laplacian smoothing.
 */
public final class TaubinSmoothing {
    public static final double LAMBDA = 0.5;
    public static final double MU = -0.53;

    private TaubinSmoothing() {
    }

    /** Smooths the positions in place, {@code iterations} lambda|mu pairs. */
    public static void smooth(TriMesh mesh, int iterations) {
        float[] p = mesh.positions();
        int n = mesh.vertexCount();
        int[] idx = mesh.indices();
        // Neighbour lists in compressed rows; each edge of a closed mesh appears twice, evenly.
        int[] start = new int[n + 1];
        for (int f = 0; f < idx.length; f += 3) {
            for (int e = 0; e < 3; e++) {
                start[idx[f + e] + 1] += 2;
            }
        }
        for (int v = 0; v < n; v++) {
            start[v + 1] += start[v];
        }
        int[] fill = start.clone();
        int[] neighbours = new int[start[n]];
        for (int f = 0; f < idx.length; f += 3) {
            for (int e = 0; e < 3; e++) {
                int a = idx[f + e];
                neighbours[fill[a]++] = idx[f + (e + 1) % 3];
                neighbours[fill[a]++] = idx[f + (e + 2) % 3];
            }
        }
        float[] scratch = new float[p.length];
        for (int it = 0; it < iterations; it++) {
            laplacianStep(p, scratch, start, neighbours, LAMBDA);
            laplacianStep(p, scratch, start, neighbours, MU);
        }
    }

    private static void laplacianStep(float[] p, float[] out, int[] start, int[] neighbours, double factor) {
        int n = start.length - 1;
        for (int v = 0; v < n; v++) {
            int count = start[v + 1] - start[v];
            if (count == 0) {
                out[3 * v] = p[3 * v];
                out[3 * v + 1] = p[3 * v + 1];
                out[3 * v + 2] = p[3 * v + 2];
                continue;
            }
            double sx = 0, sy = 0, sz = 0;
            for (int q = start[v]; q < start[v + 1]; q++) {
                int u = neighbours[q];
                sx += p[3 * u];
                sy += p[3 * u + 1];
                sz += p[3 * u + 2];
            }
            out[3 * v] = (float) (p[3 * v] + factor * (sx / count - p[3 * v]));
            out[3 * v + 1] = (float) (p[3 * v + 1] + factor * (sy / count - p[3 * v + 1]));
            out[3 * v + 2] = (float) (p[3 * v + 2] + factor * (sz / count - p[3 * v + 2]));
        }
        System.arraycopy(out, 0, p, 0, p.length);
    }
}
