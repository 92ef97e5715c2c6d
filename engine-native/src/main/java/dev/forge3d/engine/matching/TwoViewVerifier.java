package dev.forge3d.engine.matching;

import dev.forge3d.engine.features.ImageFeatures;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.Arrays;
import java.util.Optional;

/**
 * Geometric verification of putative matches: RANSAC on the fundamental matrix (the intrinsics
 * are not known yet), keeping the pair when at least {@link #MIN_INLIERS} matches agree. A
 * homography is fitted too, so the mapper can tell pairs without parallax.
 */
public final class TwoViewVerifier {
    /** COLMAP's minimum number of inliers for a verified pair. */
    public static final int MIN_INLIERS = 15;
    private static final double CONFIDENCE = 0.999;
    private static final int MAX_ITERATIONS = 2000;

    private final double maxErrorPx;

    /** @param maxErrorPx the RANSAC inlier threshold: distance to the epipolar line, in pixels */
    public TwoViewVerifier(double maxErrorPx) {
        this.maxErrorPx = maxErrorPx;
    }

    /** @param matches putative matches interleaved, as {@link dev.forge3d.api.spi.DescriptorMatcher} returns them */
    public Optional<VerifiedPair> verify(ImagePair pair, ImageFeatures first, ImageFeatures second, int[] matches) {
        int count = matches.length / 2;
        if (count < MIN_INLIERS) {
            return Optional.empty();
        }
        double[] flows = new double[count];
        try (Mat points1 = new Mat(count, 2, opencv_core.CV_64F); Mat points2 = new Mat(count, 2, opencv_core.CV_64F);
             Mat mask = new Mat(); Mat homographyMask = new Mat()) {
            try (DoubleIndexer p1 = points1.createIndexer(); DoubleIndexer p2 = points2.createIndexer()) {
                for (int m = 0; m < count; m++) {
                    int a = matches[2 * m];
                    int b = matches[2 * m + 1];
                    p1.put(m, 0, first.x(a));
                    p1.put(m, 1, first.y(a));
                    p2.put(m, 0, second.x(b));
                    p2.put(m, 1, second.y(b));
                    flows[m] = Math.hypot(first.x(a) - second.x(b), first.y(a) - second.y(b));
                }
            }
            try (Mat fundamental = opencv_calib3d.findFundamentalMat(points1, points2, opencv_calib3d.FM_RANSAC,
                    maxErrorPx, CONFIDENCE, MAX_ITERATIONS, mask)) {
                if (fundamental == null || fundamental.empty() || mask.empty()) {
                    return Optional.empty();
                }
            }
            int[] inliers = new int[2 * count];
            int n = 0;
            try (UByteIndexer keep = mask.createIndexer()) {
                for (int m = 0; m < count; m++) {
                    if (keep.get(m) != 0) {
                        inliers[n++] = matches[2 * m];
                        inliers[n++] = matches[2 * m + 1];
                    }
                }
            }
            if (n / 2 < MIN_INLIERS) {
                return Optional.empty();
            }
            int homographyInliers = 0;
            try (Mat homography = opencv_calib3d.findHomography(points1, points2, opencv_calib3d.RANSAC,
                    maxErrorPx, homographyMask, MAX_ITERATIONS, CONFIDENCE)) {
                if (homography != null && !homography.empty()) {
                    homographyInliers = opencv_core.countNonZero(homographyMask);
                }
            }
            Arrays.sort(flows);
            return Optional.of(new VerifiedPair(pair, Arrays.copyOf(inliers, n), homographyInliers,
                    flows[count / 2]));
        }
    }
}
