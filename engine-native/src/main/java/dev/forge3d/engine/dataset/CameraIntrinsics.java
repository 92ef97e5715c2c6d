package dev.forge3d.engine.dataset;

/**
 * A pinhole camera with one radial distortion term (COLMAP's SIMPLE_RADIAL when fx == fy).
 * Pixel coordinates are continuous with the centre of the top-left pixel at (0.5, 0.5), as in
 * COLMAP, nerfstudio and the synthetic scene generator; OpenCV keypoints (integer centres) need
 * 0.5 added. A point (x, y, z) in camera coordinates (OpenCV: x right, y down, z forward) lands at
 * u = fx * d * x/z + cx, v = fy * d * y/z + cy with d = 1 + k1 * r2 and r2 = (x/z)^2 + (y/z)^2.
 */
public record CameraIntrinsics(int width, int height, double fx, double fy, double cx, double cy, double k1) {
    public CameraIntrinsics {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy)) {
            throw new IllegalArgumentException("focal lengths must be positive: " + fx + ", " + fy);
        }
        if (!Double.isFinite(cx) || !Double.isFinite(cy) || !Double.isFinite(k1)) {
            throw new IllegalArgumentException("principal point and k1 must be finite");
        }
    }

    /** The camera scaled to an image {@code factor} times smaller on each side (a downscale). */
    public CameraIntrinsics downscaled(int factor) {
        return new CameraIntrinsics(width / factor, height / factor, fx / factor, fy / factor, cx / factor,
                cy / factor, k1);
    }
}
