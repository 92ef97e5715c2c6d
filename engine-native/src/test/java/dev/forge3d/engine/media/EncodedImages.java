package dev.forge3d.engine.media;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image files made in memory by OpenCV's encoders, for the tests of the decoding and header readers. */
public final class EncodedImages {
    private EncodedImages() {
    }

    /** {@code image} encoded as the format {@code extension} names, with OpenCV's encoder parameters. */
    public static byte[] of(Mat image, String extension, int... parameters) {
        try (BytePointer buffer = new BytePointer(); IntPointer options = new IntPointer(parameters)) {
            assertTrue(opencv_imgcodecs.imencode(extension, image, buffer, options), extension);
            byte[] out = new byte[(int) buffer.limit()];
            buffer.get(out);
            return out;
        }
    }

    /** A {@code width x height} image of one colour, half transparent where {@code cvType} has alpha, encoded. */
    public static byte[] oneColour(int width, int height, int cvType, String extension, int... parameters) {
        try (Mat image = new Mat(height, width, cvType, new Scalar(40, 120, 200, 128))) {
            return of(image, extension, parameters);
        }
    }
}
