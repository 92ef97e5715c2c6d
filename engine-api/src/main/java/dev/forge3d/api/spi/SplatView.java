package dev.forge3d.api.spi;

/**
 * A pinhole camera for splat rendering: world-to-camera rotation and translation (OpenCV axes:
 * x right, y down, z forward), focal lengths and principal point in pixels with the centre of
 * the top-left pixel at (0.5, 0.5), and the image size.
 *
 * @param worldToCamera 12 floats, row-major 3x4 {@code [R | t]}
 */
public record SplatView(int width, int height, float fx, float fy, float cx, float cy, float[] worldToCamera) {
    public SplatView {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (worldToCamera.length != 12) {
            throw new IllegalArgumentException("worldToCamera needs 12 floats (3x4 row-major), got " + worldToCamera.length);
        }
        worldToCamera = worldToCamera.clone();
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
}
