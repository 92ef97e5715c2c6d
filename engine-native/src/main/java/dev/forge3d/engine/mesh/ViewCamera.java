package dev.forge3d.engine.mesh;

import dev.forge3d.api.View;
import dev.forge3d.engine.synthetic.CameraPose;
import dev.forge3d.engine.synthetic.PinholeIntrinsics;
import org.joml.Matrix4d;

/**
 * How a view's image sees the world: a 3 x 4 projection whose third row gives the depth along
 * the viewing direction (OpenCV camera axes: x right, y down, z forward). A perspective camera
 * divides the first two rows by the depth; an orthographic one does not. Pixel centres sit at
 * (i + 0.5, j + 0.5), as in {@link PinholeIntrinsics}.
 *
 * @param rows           the projection, row-major, 12 values
 * @param perspective    whether u and v are divided by the depth
 * @param pixelsPerUnit  the focal length in pixels (perspective) or pixels per world unit (orthographic)
 * @param width          image width in pixels
 * @param height         image height in pixels
 * @param viewDirection  the viewing direction in world coordinates, unit length
 */
public record ViewCamera(double[] rows, boolean perspective, double pixelsPerUnit, int width, int height,
                         double[] viewDirection) {

    /** Depth of the world origin in an orthographic view, in object heights. */
    public static final double ORTHOGRAPHIC_DISTANCE = 10;

    public ViewCamera {
        if (rows.length != 12 || viewDirection.length != 3 || width <= 0 || height <= 0 || !(pixelsPerUnit > 0)) {
            throw new IllegalArgumentException("bad camera");
        }
        rows = rows.clone();
        viewDirection = viewDirection.clone();
    }

    /** The pinhole camera at {@code pose} (camera-to-world, OpenCV axes). */
    public static ViewCamera perspective(PinholeIntrinsics k, CameraPose pose) {
        Matrix4d w2c = pose.worldToCamera();
        double[] rows = new double[12];
        for (int c = 0; c < 4; c++) {
            double x = w2c.getRowColumn(0, c);
            double y = w2c.getRowColumn(1, c);
            double z = w2c.getRowColumn(2, c);
            rows[c] = k.fx() * x + k.cx() * z;
            rows[4 + c] = k.fy() * y + k.cy() * z;
            rows[8 + c] = z;
        }
        var f = pose.forward();
        return new ViewCamera(rows, true, k.fx(), k.width(), k.height(), new double[] {f.x(), f.y(), f.z()});
    }

    /**
     * The orthographic camera of a normalised view: the world origin projects to the image
     * centre, world +Y is image up, and the camera looks horizontally at the origin from the
     * view's side (front from +Z, right from +X, back from -Z, left from -X). Depth is measured
     * from an image plane {@link #ORTHOGRAPHIC_DISTANCE} units before the origin, so it is
     * positive across the object, as for a real camera.
     */
    public static ViewCamera orthographic(View view, int width, int height, double pixelsPerUnit) {
        // Camera right and forward axes in world coordinates, per view.
        double[] right;
        double[] forward;
        switch (view) {
            case FRONT -> { right = new double[] {1, 0, 0}; forward = new double[] {0, 0, -1}; }
            case BACK -> { right = new double[] {-1, 0, 0}; forward = new double[] {0, 0, 1}; }
            case RIGHT -> { right = new double[] {0, 0, -1}; forward = new double[] {-1, 0, 0}; }
            case LEFT -> { right = new double[] {0, 0, 1}; forward = new double[] {1, 0, 0}; }
            default -> throw new IllegalArgumentException(view.toString());
        }
        double[] rows = {
                pixelsPerUnit * right[0], pixelsPerUnit * right[1], pixelsPerUnit * right[2], width / 2.0,
                0, -pixelsPerUnit, 0, height / 2.0,
                forward[0], forward[1], forward[2], ORTHOGRAPHIC_DISTANCE};
        return new ViewCamera(rows, false, pixelsPerUnit, width, height, forward);
    }

    /** Projects a world point: out = (u, v, depth). */
    public void project(double x, double y, double z, double[] out) {
        double u = rows[0] * x + rows[1] * y + rows[2] * z + rows[3];
        double v = rows[4] * x + rows[5] * y + rows[6] * z + rows[7];
        double d = rows[8] * x + rows[9] * y + rows[10] * z + rows[11];
        if (perspective) {
            u /= d;
            v /= d;
        }
        out[0] = u;
        out[1] = v;
        out[2] = d;
    }

    /** The world point seen at pixel position (u, v) at a depth: the inverse of {@link #project}. */
    public void unproject(double u, double v, double depth, double[] out) {
        double a = perspective ? u * depth : u;
        double b = perspective ? v * depth : v;
        double[] r = {a - rows[3], b - rows[7], depth - rows[11]};
        // Solve the 3 x 3 system by Cramer's rule; the rows are independent for any real camera.
        double m00 = rows[0], m01 = rows[1], m02 = rows[2];
        double m10 = rows[4], m11 = rows[5], m12 = rows[6];
        double m20 = rows[8], m21 = rows[9], m22 = rows[10];
        double det = m00 * (m11 * m22 - m12 * m21) - m01 * (m10 * m22 - m12 * m20) + m02 * (m10 * m21 - m11 * m20);
        out[0] = (r[0] * (m11 * m22 - m12 * m21) - m01 * (r[1] * m22 - m12 * r[2]) + m02 * (r[1] * m21 - m11 * r[2])) / det;
        out[1] = (m00 * (r[1] * m22 - m12 * r[2]) - r[0] * (m10 * m22 - m12 * m20) + m02 * (m10 * r[2] - r[1] * m20)) / det;
        out[2] = (m00 * (m11 * r[2] - r[1] * m21) - m01 * (m10 * r[2] - r[1] * m20) + r[0] * (m10 * m21 - m11 * m20)) / det;
    }

    /** World units per pixel at a depth, to turn image distances into world distances. */
    public double worldPerPixel(double depth) {
        return perspective ? depth / pixelsPerUnit : 1 / pixelsPerUnit;
    }
}
