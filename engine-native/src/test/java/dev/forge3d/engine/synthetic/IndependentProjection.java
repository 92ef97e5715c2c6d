package dev.forge3d.engine.synthetic;

import org.joml.Matrix4d;
import org.joml.Vector3d;

/**
 * The ground-truth camera model implemented independently of the renderer's ray generation:
 * a general 4x4 inverse of the stored camera-to-world matrix, then the pinhole formula with
 * pixel centres at (i + 0.5, j + 0.5).
 */
final class IndependentProjection {
    private final Matrix4d worldToCamera;
    private final double fx;
    private final double fy;
    private final double cx;
    private final double cy;

    IndependentProjection(double[][] cameraToWorldRows, PinholeIntrinsics k) {
        Matrix4d c2w = new Matrix4d();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                c2w.setRowColumn(r, c, cameraToWorldRows[r][c]);
            }
        }
        this.worldToCamera = c2w.invert();
        this.fx = k.fx();
        this.fy = k.fy();
        this.cx = k.cx();
        this.cy = k.cy();
    }

    /** {u, v, camera z} of a world point. */
    double[] project(double x, double y, double z) {
        Vector3d p = worldToCamera.transformPosition(new Vector3d(x, y, z));
        return new double[] {fx * p.x / p.z + cx, fy * p.y / p.z + cy, p.z};
    }

    /**
     * How far the ray through continuous image point (u, v) passes from a world point (infinity
     * when the point is behind the camera along that ray).
     */
    double rayMissDistance(double u, double v, double x, double y, double z) {
        Vector3d c = worldToCamera.transformPosition(new Vector3d(x, y, z));
        Vector3d d = new Vector3d((u - cx) / fx, (v - cy) / fy, 1).normalize();
        double along = d.dot(c);
        if (along <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(Math.max(0, c.lengthSquared() - along * along));
    }

    /** The world point seen at continuous image point (u, v) at camera depth z. */
    double[] unproject(double u, double v, double depth) {
        Vector3d p = new Vector3d((u - cx) / fx * depth, (v - cy) / fy * depth, depth);
        new Matrix4d(worldToCamera).invert().transformPosition(p);
        return new double[] {p.x, p.y, p.z};
    }

    /**
     * Which pixel centres the mesh's triangles cover (edges inclusive), a plain scan-line-free
     * bounding-box rasteriser with edge functions. Triangles must be in front of the camera.
     */
    boolean[] rasterise(TriangleMesh mesh, int width, int height) {
        boolean[] covered = new boolean[width * height];
        double[] pos = mesh.positions();
        int[] tri = mesh.triangles();
        double[][] uv = new double[3][];
        for (int t = 0; t < mesh.triangleCount(); t++) {
            for (int k = 0; k < 3; k++) {
                int v = tri[3 * t + k];
                uv[k] = project(pos[3 * v], pos[3 * v + 1], pos[3 * v + 2]);
                if (uv[k][2] <= 0) {
                    throw new IllegalStateException("triangle behind the camera");
                }
            }
            double area = edge(uv[0], uv[1], uv[2][0], uv[2][1]);
            if (area == 0) {
                continue;
            }
            int x0 = Math.max(0, (int) Math.floor(Math.min(uv[0][0], Math.min(uv[1][0], uv[2][0])) - 0.5));
            int x1 = Math.min(width - 1, (int) Math.ceil(Math.max(uv[0][0], Math.max(uv[1][0], uv[2][0]))));
            int y0 = Math.max(0, (int) Math.floor(Math.min(uv[0][1], Math.min(uv[1][1], uv[2][1])) - 0.5));
            int y1 = Math.min(height - 1, (int) Math.ceil(Math.max(uv[0][1], Math.max(uv[1][1], uv[2][1]))));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double px = x + 0.5;
                    double py = y + 0.5;
                    double w0 = edge(uv[1], uv[2], px, py) * Math.signum(area);
                    double w1 = edge(uv[2], uv[0], px, py) * Math.signum(area);
                    double w2 = edge(uv[0], uv[1], px, py) * Math.signum(area);
                    if (w0 >= 0 && w1 >= 0 && w2 >= 0) {
                        covered[y * width + x] = true;
                    }
                }
            }
        }
        return covered;
    }

    private static double edge(double[] a, double[] b, double px, double py) {
        return (b[0] - a[0]) * (py - a[1]) - (b[1] - a[1]) * (px - a[0]);
    }
}
