package dev.forge3d.engine.dataset;

import org.joml.Matrix4d;
import org.joml.Matrix4dc;

import java.util.Optional;

/**
 * Where a photo's pixels lie in the reference image that one shared camera is estimated on: the
 * photo as it is, or turned a quarter clockwise, then scaled. A phone's portrait and landscape
 * photos, or one photo saved at half size, are the same camera seen this way, so poses can share
 * its focal length and principal point; each photo is still written and trained at its own size and
 * orientation, with the camera this mapping gives back.
 *
 * <p>Coordinates are continuous, the centre of the top-left pixel at (0.5, 0.5), as in
 * {@link CameraIntrinsics}. A photo {@code width x height} maps a point (x, y) to (s x, s y) as it
 * is, or to (s (height - y), s x) turned.
 *
 * @param width  the photo's own width
 * @param height the photo's own height
 * @param turned whether the photo is turned a quarter clockwise to match the reference
 * @param scale  reference pixels per photo pixel
 */
public record ReferenceMapping(int width, int height, boolean turned, double scale) {
    public ReferenceMapping {
        if (width <= 0 || height <= 0 || !(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("bad mapping: " + width + "x" + height + " scale " + scale);
        }
    }

    /** A photo that is the reference itself. */
    public static ReferenceMapping identity(int width, int height) {
        return new ReferenceMapping(width, height, false, 1);
    }

    /**
     * The mapping of a {@code width x height} photo onto a {@code referenceWidth x referenceHeight}
     * reference, when the two share one shape, turned a quarter or not: the scaled photo must land
     * within a photo pixel of the reference on both sides (sizes are rounded when a photo is
     * shrunk). Empty when the shapes differ.
     */
    public static Optional<ReferenceMapping> fit(int width, int height, int referenceWidth, int referenceHeight) {
        if (width == referenceWidth && height == referenceHeight) {
            return Optional.of(identity(width, height));
        }
        double asIs = (double) referenceWidth / width;
        if (Math.abs(asIs * height - referenceHeight) <= Math.max(1, asIs)) {
            return Optional.of(new ReferenceMapping(width, height, false, asIs));
        }
        double turned = (double) referenceWidth / height;
        if (Math.abs(turned * width - referenceHeight) <= Math.max(1, turned)) {
            return Optional.of(new ReferenceMapping(width, height, true, turned));
        }
        return Optional.empty();
    }

    public boolean isIdentity() {
        return !turned && scale == 1;
    }

    /** The photo's keypoint positions in reference pixels, as {@code x0, y0, x1, y1, ...}. */
    public float[] toReference(float[] xy) {
        float[] out = new float[xy.length];
        for (int i = 0; i < xy.length; i += 2) {
            double x = xy[i];
            double y = xy[i + 1];
            out[i] = (float) (scale * (turned ? height - y : x));
            out[i + 1] = (float) (scale * (turned ? x : y));
        }
        return out;
    }

    /** A reference point {@code (x, y)} in the photo's own pixels. */
    public double[] fromReference(double x, double y) {
        double u = x / scale;
        double v = y / scale;
        return turned ? new double[] {v, height - u} : new double[] {u, v};
    }

    /** The photo's own camera, given the reference camera. */
    public CameraIntrinsics camera(CameraIntrinsics reference) {
        double cx = (turned ? reference.cy() : reference.cx()) / scale;
        double cy = turned ? height - reference.cx() / scale : reference.cy() / scale;
        return new CameraIntrinsics(width, height, (turned ? reference.fy() : reference.fx()) / scale,
                (turned ? reference.fx() : reference.fy()) / scale, cx, cy, reference.k1());
    }

    /**
     * The photo's camera-to-world (OpenCV axes), given the reference image's: a turned photo's
     * camera is the reference camera rolled a quarter, its x axis the reference's y, its y the
     * reference's -x. The scale does not move the camera.
     */
    public Matrix4d cameraToWorld(Matrix4dc reference) {
        Matrix4d out = new Matrix4d(reference);
        if (turned) {
            // Columns of the roll: photo x -> reference y, photo y -> reference -x, z stays.
            out.mul(new Matrix4d(0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1));
        }
        return out;
    }
}
