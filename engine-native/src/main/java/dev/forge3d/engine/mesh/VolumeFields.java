package dev.forge3d.engine.mesh;

/** Sampling helpers for fields on a {@link VolumeGrid} and on images. */
final class VolumeFields {
    private VolumeFields() {
    }

    /** Trilinear interpolation; {@code -voxel} (outside) beyond the grid. */
    static double trilinear(float[] field, VolumeGrid g, double x, double y, double z) {
        double fx = (x - g.originX()) / g.voxel();
        double fy = (y - g.originY()) / g.voxel();
        double fz = (z - g.originZ()) / g.voxel();
        if (!(fx >= 0 && fy >= 0 && fz >= 0 && fx <= g.nx() - 1 && fy <= g.ny() - 1 && fz <= g.nz() - 1)) {
            return -g.voxel();
        }
        int i = Math.min((int) fx, g.nx() - 2);
        int j = Math.min((int) fy, g.ny() - 2);
        int k = Math.min((int) fz, g.nz() - 2);
        double tx = fx - i, ty = fy - j, tz = fz - k;
        int sx = 1, sy = g.nx(), sz = g.nx() * g.ny();
        int o = i + sy * j + sz * k;
        double c00 = field[o] * (1 - tx) + field[o + sx] * tx;
        double c10 = field[o + sy] * (1 - tx) + field[o + sy + sx] * tx;
        double c01 = field[o + sz] * (1 - tx) + field[o + sz + sx] * tx;
        double c11 = field[o + sz + sy] * (1 - tx) + field[o + sz + sy + sx] * tx;
        return (c00 * (1 - ty) + c10 * ty) * (1 - tz) + (c01 * (1 - ty) + c11 * ty) * tz;
    }

    /** The field's gradient by central differences of the trilinear interpolant, into out. */
    static void gradient(float[] field, VolumeGrid g, double x, double y, double z, double[] out) {
        double h = 0.5 * g.voxel();
        out[0] = trilinear(field, g, x + h, y, z) - trilinear(field, g, x - h, y, z);
        out[1] = trilinear(field, g, x, y + h, z) - trilinear(field, g, x, y - h, z);
        out[2] = trilinear(field, g, x, y, z + h) - trilinear(field, g, x, y, z - h);
    }

    /**
     * Bilinear interpolation of a float image at continuous pixel coordinates (pixel centres at
     * i + 0.5), clamped to the border.
     */
    static double bilinear(float[] image, int width, int height, double u, double v) {
        double x = Math.max(0, Math.min(width - 1, u - 0.5));
        double y = Math.max(0, Math.min(height - 1, v - 0.5));
        int x0 = Math.min((int) x, width - 2 < 0 ? 0 : width - 2);
        int y0 = Math.min((int) y, height - 2 < 0 ? 0 : height - 2);
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double tx = x - x0, ty = y - y0;
        double top = image[y0 * width + x0] * (1 - tx) + image[y0 * width + x1] * tx;
        double bottom = image[y1 * width + x0] * (1 - tx) + image[y1 * width + x1] * tx;
        return top * (1 - ty) + bottom * ty;
    }
}
