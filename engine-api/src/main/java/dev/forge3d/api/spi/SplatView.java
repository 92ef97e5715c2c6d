package dev.forge3d.api.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A pinhole camera for splat rendering: world-to-camera rotation and translation (OpenCV axes:
 * x right, y down, z forward), focal lengths and principal point in pixels with the centre of
 * the top-left pixel at (0.5, 0.5), and the image size.
 *
 * <p>An immutable value: the matrix is copied in and out, and equality, hash code and
 * {@code toString} go by its values, as for the other components.
 *
 * @param worldToCamera 12 floats, row-major 3x4 {@code [R | t]}
 */
public record SplatView(int width, int height, float fx, float fy, float cx, float cy, float[] worldToCamera) {
    public SplatView {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (Objects.requireNonNull(worldToCamera, "worldToCamera").length != 12) {
            throw new IllegalArgumentException("worldToCamera needs 12 floats (3x4 row-major), got " + worldToCamera.length);
        }
        worldToCamera = worldToCamera.clone();
    }

    /** A copy: changing it changes no view. */
    @Override
    public float[] worldToCamera() {
        return worldToCamera.clone();
    }

    /** The camera centre in world coordinates, {@code -R^T t}. */
    public float[] cameraCentre() {
        float[] m = worldToCamera;
        return new float[] {
                -(m[0] * m[3] + m[4] * m[7] + m[8] * m[11]),
                -(m[1] * m[3] + m[5] * m[7] + m[9] * m[11]),
                -(m[2] * m[3] + m[6] * m[7] + m[10] * m[11])};
    }

    public int pixelCount() {
        return width * height;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SplatView view && width == view.width && height == view.height
                && Float.compare(fx, view.fx) == 0 && Float.compare(fy, view.fy) == 0
                && Float.compare(cx, view.cx) == 0 && Float.compare(cy, view.cy) == 0
                && Arrays.equals(worldToCamera, view.worldToCamera);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(width, height, fx, fy, cx, cy) + Arrays.hashCode(worldToCamera);
    }

    @Override
    public String toString() {
        return "SplatView[" + width + "x" + height + ", fx=" + fx + ", fy=" + fy + ", cx=" + cx + ", cy=" + cy
                + ", worldToCamera=" + Arrays.toString(worldToCamera) + "]";
    }
}
