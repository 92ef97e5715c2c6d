package dev.forge3d.engine.pipeline;

import dev.forge3d.engine.input.ImageDimensions;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.Optional;

/**
 * The size the mesh job works on a view at. Every stage after decoding holds a view's pixels
 * several times over (colour, mask, distances, texture energy: about 34 bytes a pixel), so four
 * 100-megapixel photos took 13 GB and 80 s; yet the texture is at most 2048 texels a side, and the
 * geometry samples 256. A photo longer than {@link #MAX_WORKING_SIDE} is shrunk to it (area
 * average) before segmentation: twice the largest texture, so a bake that samples it bilinearly
 * loses no detail the texture could hold.
 */
final class MeshViewSize {
    /** The longest side a view is worked on at. */
    static final int MAX_WORKING_SIDE = 4096;

    private MeshViewSize() {
    }

    /** The view shrunk to {@link #MAX_WORKING_SIDE} on its longer side (a new Mat), or empty when it fits. */
    static Optional<Mat> shrunk(Mat image) {
        ImageDimensions own = new ImageDimensions(image.cols(), image.rows());
        ImageDimensions working = workingSize(own);
        if (working.equals(own)) {
            return Optional.empty();
        }
        Mat out = new Mat();
        try (Size size = new Size(working.width(), working.height())) {
            opencv_imgproc.resize(image, out, size, 0, 0, opencv_imgproc.INTER_AREA);
        }
        return Optional.of(out);
    }

    /** The size a view of {@code photo}'s size is worked on at: its own, or shrunk to the working side. */
    static ImageDimensions workingSize(ImageDimensions photo) {
        int longer = Math.max(photo.width(), photo.height());
        if (longer <= MAX_WORKING_SIDE) {
            return photo;
        }
        double scale = (double) MAX_WORKING_SIDE / longer;
        return new ImageDimensions(Math.max(1, (int) Math.round(photo.width() * scale)),
                Math.max(1, (int) Math.round(photo.height() * scale)));
    }
}
