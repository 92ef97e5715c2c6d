package dev.forge3d.engine.splat;

/**
 * Per-Gaussian screen-space data produced by {@link Projection#forward} for one view: the
 * buffers the tile binning and the rasteriser read. A Gaussian with {@code radius == 0} is not
 * visible. Sized for a capacity; grown only when the model outgrows it.
 */
final class ProjectedGaussians {
    int capacity;
    /** u v in pixels (centre of the top-left pixel at 0.5, 0.5). */
    float[] mean2d;
    /** The inverse 2D covariance a b c: power = -0.5 (a dx^2 + c dy^2) - b dx dy. */
    float[] conic;
    /** View-space z. */
    float[] depth;
    /** Three-sigma radius in pixels; 0 when culled. */
    int[] radius;
    /** Tile rectangle min x, min y, max x, max y (max exclusive). */
    int[] tileRect;
    int[] tilesTouched;
    float[] rgb;
    float[] opacity;

    ProjectedGaussians(int capacity) {
        allocate(capacity);
    }

    void ensureCapacity(int count) {
        if (count > capacity) {
            allocate(Math.max(count, capacity + capacity / 2));
        }
    }

    private void allocate(int n) {
        capacity = n;
        mean2d = new float[2 * n];
        conic = new float[3 * n];
        depth = new float[n];
        radius = new int[n];
        tileRect = new int[4 * n];
        tilesTouched = new int[n];
        rgb = new float[3 * n];
        opacity = new float[n];
    }
}
