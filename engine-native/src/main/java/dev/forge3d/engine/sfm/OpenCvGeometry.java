package dev.forge3d.engine.sfm;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.Optional;

/**
 * The minimal solvers SfM takes from OpenCV: the essential matrix with its pose (five-point
 * RANSAC) and absolute pose (PnP RANSAC). Inputs are checked here, before the native calls.
 */
final class OpenCvGeometry {
    private static final double CONFIDENCE = 0.999;

    private OpenCvGeometry() {
    }

    /**
     * @param rotation    world-to-camera rotation of the second view relative to the first, row-major
     * @param translation its translation, unit length
     * @param inlier      per match: inlier of the essential matrix with the points in front of both views
     */
    record RelativePose(double[] rotation, double[] translation, boolean[] inlier) {
    }

    /** @param inliers the correspondences consistent with the pose */
    record AbsolutePose(double[] rotation, double[] translation, int[] inliers) {
    }

    /** The relative pose of two views from pixel matches {@code uv1[k], uv2[k]} (x, y interleaved). */
    static Optional<RelativePose> relativePose(double[] uv1, double[] uv2, double focal, double cx, double cy,
                                               double maxErrorPx) {
        int n = uv1.length / 2;
        if (n < 5 || uv2.length != uv1.length) {
            return Optional.empty();
        }
        try (Mat p1 = points(uv1, 2); Mat p2 = points(uv2, 2); Mat k = cameraMatrix(focal, cx, cy);
             Mat mask = new Mat(); Mat r = new Mat(); Mat t = new Mat()) {
            try (Mat e = opencv_calib3d.findEssentialMat(p1, p2, k, opencv_calib3d.RANSAC, CONFIDENCE, maxErrorPx,
                    1000, mask)) {
                if (e == null || e.rows() != 3 || e.cols() != 3) {
                    return Optional.empty(); // several solutions stacked, or none: degenerate
                }
                int good = opencv_calib3d.recoverPose(e, p1, p2, k, r, t, mask);
                if (good < 5) {
                    return Optional.empty();
                }
            }
            boolean[] inlier = new boolean[n];
            try (UByteIndexer m = mask.createIndexer()) {
                for (int i = 0; i < n; i++) {
                    inlier[i] = m.get(i) != 0;
                }
            }
            return Optional.of(new RelativePose(values(r, 9), values(t, 3), inlier));
        }
    }

    /**
     * PnP RANSAC with the current SIMPLE_RADIAL camera.
     *
     * @param xyz world points, 3 per correspondence; uv their pixels, 2 per correspondence
     */
    static Optional<AbsolutePose> absolutePose(double[] xyz, double[] uv, double[] intrinsics, double maxErrorPx) {
        int n = uv.length / 2;
        if (n < 6 || xyz.length != 3 * n) {
            return Optional.empty();
        }
        try (Mat object = points(xyz, 3); Mat image = points(uv, 2);
             Mat k = cameraMatrix(intrinsics[0], intrinsics[2], intrinsics[3]);
             Mat distortion = new Mat(1, 4, opencv_core.CV_64F); Mat rvec = new Mat(); Mat tvec = new Mat();
             Mat inliers = new Mat(); Mat r = new Mat()) {
            try (DoubleIndexer d = distortion.createIndexer()) {
                d.put(0, 0, intrinsics[1]);
                d.put(0, 1, 0);
                d.put(0, 2, 0);
                d.put(0, 3, 0);
            }
            boolean found = opencv_calib3d.solvePnPRansac(object, image, k, distortion, rvec, tvec, false, 1000,
                    (float) maxErrorPx, CONFIDENCE, inliers, opencv_calib3d.SOLVEPNP_ITERATIVE);
            if (!found || inliers.empty()) {
                return Optional.empty();
            }
            opencv_calib3d.Rodrigues(rvec, r);
            int count = (int) inliers.total();
            int[] indices = new int[count];
            try (IntIndexer in = inliers.createIndexer()) {
                for (int i = 0; i < count; i++) {
                    indices[i] = in.get(i);
                }
            }
            return Optional.of(new AbsolutePose(values(r, 9), values(tvec, 3), indices));
        }
    }

    private static Mat points(double[] values, int columns) {
        Mat mat = new Mat(values.length / columns, columns, opencv_core.CV_64F);
        try (DoubleIndexer indexer = mat.createIndexer()) {
            indexer.put(0L, values);
        }
        return mat;
    }

    private static Mat cameraMatrix(double focal, double cx, double cy) {
        return points(new double[] {focal, 0, cx, 0, focal, cy, 0, 0, 1}, 3);
    }

    private static double[] values(Mat mat, int count) {
        double[] out = new double[count];
        try (Mat converted = new Mat()) {
            mat.convertTo(converted, opencv_core.CV_64F);
            if (converted.total() * converted.channels() != count) {
                throw new IllegalStateException("OpenCV returned " + converted.total() + " values, expected " + count);
            }
            try (DoubleIndexer indexer = converted.createIndexer()) {
                for (int i = 0; i < count; i++) {
                    out[i] = indexer.get(i / converted.cols(), i % converted.cols());
                }
            }
        }
        return out;
    }
}
