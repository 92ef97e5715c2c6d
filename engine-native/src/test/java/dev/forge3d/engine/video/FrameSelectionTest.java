package dev.forge3d.engine.video;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameSelectionTest {
    @Test
    void picksTheSharpestFrameOfEachEqualSlot() {
        // 10 frames into 3 slots: [0, 3), [3, 6), [6, 10)
        List<Double> sharpness = List.of(1.0, 5.0, 2.0, 9.0, 1.0, 1.0, 0.5, 0.7, 0.7, 0.1);
        assertArrayEquals(new int[] {1, 3, 7}, FrameExtractor.sharpestPerSlot(sharpness, 3));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, FrameExtractor.sharpestPerSlot(sharpness, 10));
    }

    @Test
    void blurLowersTheVarianceOfTheLaplacian() {
        try (Mat image = new Mat(120, 160, opencv_core.CV_8UC3, new Scalar(0, 0, 0, 0)); Mat blurred = new Mat()) {
            opencv_core.randu(image, new Mat(1, 1, opencv_core.CV_64F, new Scalar(0)),
                    new Mat(1, 1, opencv_core.CV_64F, new Scalar(255)));
            opencv_imgproc.GaussianBlur(image, blurred, new Size(9, 9), 3);
            double sharp = Sharpness.varianceOfLaplacian(image);
            double soft = Sharpness.varianceOfLaplacian(blurred);
            assertTrue(soft < 0.1 * sharp, soft + " vs " + sharp);
        }
    }
}
