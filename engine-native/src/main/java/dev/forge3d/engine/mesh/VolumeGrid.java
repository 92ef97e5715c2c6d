package dev.forge3d.engine.mesh;

/**
 * A regular grid of samples: sample (i, j, k) sits at origin + voxel * (i, j, k), index
 * i + nx * (j + ny * k).
 */
public record VolumeGrid(double originX, double originY, double originZ, double voxel, int nx, int ny, int nz) {
    public VolumeGrid {
        if (!(voxel > 0) || nx < 2 || ny < 2 || nz < 2) {
            throw new IllegalArgumentException("a grid needs voxel > 0 and at least 2 samples per axis");
        }
        if ((long) nx * ny > Integer.MAX_VALUE / nz) { // size() and every sample index are ints
            throw new IllegalArgumentException("a grid of " + nx + " x " + ny + " x " + nz + " samples has more than "
                    + Integer.MAX_VALUE);
        }
    }

    /** The grid over a box with {@code samples} samples along its longest side, cubic voxels. */
    public static VolumeGrid covering(double[] min, double[] max, int samples) {
        double longest = Math.max(max[0] - min[0], Math.max(max[1] - min[1], max[2] - min[2]));
        double voxel = longest / (samples - 1);
        int nx = Math.max(2, (int) Math.ceil((max[0] - min[0]) / voxel) + 1);
        int ny = Math.max(2, (int) Math.ceil((max[1] - min[1]) / voxel) + 1);
        int nz = Math.max(2, (int) Math.ceil((max[2] - min[2]) / voxel) + 1);
        return new VolumeGrid(min[0], min[1], min[2], voxel, nx, ny, nz);
    }

    public int size() {
        return nx * ny * nz;
    }

    public double x(int i) {
        return originX + voxel * i;
    }

    public double y(int j) {
        return originY + voxel * j;
    }

    public double z(int k) {
        return originZ + voxel * k;
    }

    /**
     * The depths, along a camera's view, between which its rays cross the grid: {first, last},
     * from the grid's eight corners, the first kept just in front of the camera. Ray marches
     * through the grid start and end there.
     */
    public double[] depthSpan(ViewCamera camera) {
        double[] p = new double[3];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int corner = 0; corner < 8; corner++) {
            camera.project(x((corner & 1) * (nx - 1)), y(((corner >> 1) & 1) * (ny - 1)), z(((corner >> 2) & 1) * (nz - 1)), p);
            lo = Math.min(lo, p[2]);
            hi = Math.max(hi, p[2]);
        }
        return new double[] {Math.max(lo, 1e-6 * (hi - lo)), hi};
    }
}
