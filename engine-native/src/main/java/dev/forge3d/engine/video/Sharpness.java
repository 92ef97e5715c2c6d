package dev.forge3d.engine.video;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/** Image sharpness as the variance of the Laplacian: blur flattens edges and lowers it. */
public final class Sharpness {
    private Sharpness() {
    }

    /** @param image an 8-bit BGR or grey image */
    public static double varianceOfLaplacian(Mat image) {
        try (Mat gray = new Mat(); Mat laplacian = new Mat(); Mat mean = new Mat(); Mat deviation = new Mat()) {
            if (image.channels() == 1) {
                image.copyTo(gray);
            } else {
                opencv_imgproc.cvtColor(image, gray, image.channels() == 4 ? opencv_imgproc.COLOR_BGRA2GRAY
                        : opencv_imgproc.COLOR_BGR2GRAY);
            }
            opencv_imgproc.Laplacian(gray, laplacian, opencv_core.CV_64F);
            opencv_core.meanStdDev(laplacian, mean, deviation);
            try (DoubleIndexer sd = deviation.createIndexer()) {
                return sd.get(0) * sd.get(0);
            }
        }
    }
}
