package dev.forge3d.engine.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A distortion-free pinhole camera. Image coordinates are continuous with the origin at the
 * top-left corner of the image: pixel (i, j) covers [i, i+1) x [j, j+1) and its centre is at
 * (i + 0.5, j + 0.5). A camera-space point (x, y, z), OpenCV axes, projects to
 * u = fx x / z + cx, v = fy y / z + cy.
 */
public record PinholeIntrinsics(double fx, double fy, double cx, double cy, int width, int height) {

    public PinholeIntrinsics {
        JsonValues.checkPositive("fx", fx);
        JsonValues.checkPositive("fy", fy);
        if (!Double.isFinite(cx) || !Double.isFinite(cy)) {
            throw new IllegalArgumentException("principal point must be finite");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
    }

    /** Square pixels, principal point at the image centre, the given horizontal field of view. */
    public static PinholeIntrinsics fromHorizontalFov(int width, int height, double horizontalFovDegrees) {
        if (!(horizontalFovDegrees > 0 && horizontalFovDegrees < 180)) {
            throw new IllegalArgumentException("field of view must be in (0, 180): " + horizontalFovDegrees);
        }
        double f = 0.5 * width / StrictMath.tan(Math.toRadians(horizontalFovDegrees) / 2);
        return new PinholeIntrinsics(f, f, width / 2.0, height / 2.0, width, height);
    }

    public double horizontalFovDegrees() {
        return Math.toDegrees(2 * Math.atan(0.5 * width / fx));
    }

    /**
     * The same camera in the convention where pixel centres sit at integer coordinates (OpenCV
     * keypoints, cv::projectPoints): the principal point moves by -0.5 on both axes.
     */
    public PinholeIntrinsics withIntegerPixelCentres() {
        return new PinholeIntrinsics(fx, fy, cx - 0.5, cy - 0.5, width, height);
    }

    /**
     * The camera of the image resized by {@code factor} (0.5 halves it), exact for this
     * pixel-corner convention; the size is rounded.
     */
    public PinholeIntrinsics scaled(double factor) {
        JsonValues.checkPositive("factor", factor);
        return new PinholeIntrinsics(fx * factor, fy * factor, cx * factor, cy * factor,
                (int) Math.round(width * factor), (int) Math.round(height * factor));
    }

    /** The 3x3 calibration matrix K, row-major. */
    public double[][] matrix() {
        return new double[][] {{fx, 0, cx}, {0, fy, cy}, {0, 0, 1}};
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fx", fx);
        json.put("fy", fy);
        json.put("cx", cx);
        json.put("cy", cy);
        json.put("width", width);
        json.put("height", height);
        return json;
    }

    public static PinholeIntrinsics fromJson(Map<String, Object> json) {
        return new PinholeIntrinsics(JsonValues.number(json.get("fx")), JsonValues.number(json.get("fy")),
                JsonValues.number(json.get("cx")), JsonValues.number(json.get("cy")),
                (int) JsonValues.number(json.get("width")), (int) JsonValues.number(json.get("height")));
    }
}
