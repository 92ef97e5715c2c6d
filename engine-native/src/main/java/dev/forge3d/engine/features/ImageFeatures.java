package dev.forge3d.engine.features;

import dev.forge3d.engine.dataset.ReferenceMapping;

/**
 * The keypoints and descriptors of one image, as flat arrays.
 *
 * @param xy          keypoint positions, {@code x0, y0, x1, y1, ...}, in the pixel-centre
 *                    convention of {@link dev.forge3d.engine.dataset.CameraIntrinsics} (the centre
 *                    of the top-left pixel at (0.5, 0.5))
 * @param descriptors RootSIFT descriptors, {@link #DIMENSION} floats per keypoint, unit L2 norm
 * @param rgb         the colour under each keypoint, {@code r, g, b} bytes
 */
public record ImageFeatures(float[] xy, float[] descriptors, byte[] rgb) {
    public static final int DIMENSION = 128;

    public ImageFeatures {
        int count = xy.length / 2;
        if (xy.length % 2 != 0 || descriptors.length != count * DIMENSION || rgb.length != count * 3) {
            throw new IllegalArgumentException("feature arrays disagree: " + xy.length + " coordinates, "
                    + descriptors.length + " descriptor floats, " + rgb.length + " colour bytes");
        }
    }

    /** The same features with their positions in the reference image the shared camera is estimated on. */
    public ImageFeatures inReference(ReferenceMapping mapping) {
        return mapping.isIdentity() ? this : new ImageFeatures(mapping.toReference(xy), descriptors, rgb);
    }

    public int count() {
        return xy.length / 2;
    }

    public double x(int feature) {
        return xy[2 * feature];
    }

    public double y(int feature) {
        return xy[2 * feature + 1];
    }
}
