package dev.forge3d.engine.features;

import dev.forge3d.engine.media.ImageDecoding;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.KeyPoint;
import org.bytedeco.opencv.opencv_core.KeyPointVector;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_features2d.SIFT;

import java.nio.file.Path;

/**
 * SIFT keypoints and RootSIFT descriptors through OpenCV, at most {@code maxFeatures} per image
 * (OpenCV keeps the strongest responses).
 */
public final class SiftExtractor {
    /** The default cap per image, as COLMAP's. */
    public static final int DEFAULT_MAX_FEATURES = 8192;

    private SiftExtractor() {
    }

    /** @throws dev.forge3d.api.Forge3dException {@code unreadable_input} when the image does not decode */
    public static ImageFeatures extract(Path image, int maxFeatures) {
        if (maxFeatures < 1) {
            throw new IllegalArgumentException("maxFeatures must be >= 1: " + maxFeatures);
        }
        try (Mat bgr = ImageDecoding.decodeBgr(image); Mat gray = new Mat();
             KeyPointVector keypoints = new KeyPointVector(); Mat descriptors = new Mat();
             SIFT sift = SIFT.create(maxFeatures, 3, 0.04, 10, 1.6, false)) {
            opencv_imgproc.cvtColor(bgr, gray, opencv_imgproc.COLOR_BGR2GRAY);
            sift.detectAndCompute(gray, new Mat(), keypoints, descriptors, false);
            // OpenCV may return a few more than asked when responses tie at the cut.
            int count = (int) Math.min(keypoints.size(), maxFeatures);
            if (count > 0 && (descriptors.cols() != ImageFeatures.DIMENSION
                    || descriptors.type() != opencv_core.CV_32F || descriptors.rows() < count)) {
                throw new IllegalStateException("OpenCV SIFT returned " + descriptors.rows() + "x"
                        + descriptors.cols() + " descriptors of type " + descriptors.type());
            }
            float[] xy = new float[2 * count];
            float[] values = new float[count * ImageFeatures.DIMENSION];
            byte[] rgb = new byte[3 * count];
            try (UByteIndexer pixels = bgr.createIndexer()) {
                int width = bgr.cols();
                int height = bgr.rows();
                for (int i = 0; i < count; i++) {
                    KeyPoint keypoint = keypoints.get(i);
                    float x = keypoint.pt().x();
                    float y = keypoint.pt().y();
                    // OpenCV puts pixel centres at integers; the dataset convention puts them at +0.5.
                    xy[2 * i] = x + 0.5f;
                    xy[2 * i + 1] = y + 0.5f;
                    int px = Math.clamp(Math.round(x), 0, width - 1);
                    int py = Math.clamp(Math.round(y), 0, height - 1);
                    rgb[3 * i] = (byte) pixels.get(py, px, 2);
                    rgb[3 * i + 1] = (byte) pixels.get(py, px, 1);
                    rgb[3 * i + 2] = (byte) pixels.get(py, px, 0);
                }
            }
            if (count > 0) {
                try (FloatIndexer rows = descriptors.createIndexer()) {
                    for (int i = 0; i < count; i++) {
                        for (int k = 0; k < ImageFeatures.DIMENSION; k++) {
                            values[i * ImageFeatures.DIMENSION + k] = rows.get(i, k);
                        }
                    }
                }
            }
            RootSift.normalise(values, count, ImageFeatures.DIMENSION);
            return new ImageFeatures(xy, values, rgb);
        }
    }
}
