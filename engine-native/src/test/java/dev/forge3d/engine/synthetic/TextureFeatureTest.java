package dev.forge3d.engine.synthetic;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.DMatch;
import org.bytedeco.opencv.opencv_core.DMatchVectorVector;
import org.bytedeco.opencv.opencv_core.KeyPoint;
import org.bytedeco.opencv.opencv_core.KeyPointVector;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_features2d.BFMatcher;
import org.bytedeco.opencv.opencv_features2d.SIFT;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The texture is rich enough for SfM: SIFT finds many keypoints on a default-size frame, and
 * SIFT matches between neighbouring orbit frames agree with the ground-truth geometry (a
 * keypoint, lifted to 3D with the rendered depth and reprojected with the ground-truth cameras,
 * lands on its match).
 */
class TextureFeatureTest {

    @Test
    void siftMatchesBetweenNeighbouringFramesAreManyAndGeometricallyCorrect() {
        GenerationSpec spec = GenerationSpec.defaultOrbit();
        RayCastRenderer renderer = new RayCastRenderer(spec.scene());
        PinholeIntrinsics k = spec.intrinsics();
        CameraPose poseA = spec.rig().poses().get(0);
        CameraPose poseB = spec.rig().poses().get(1);
        RenderedView a = renderer.render(k, poseA, 2);
        RenderedView b = renderer.render(k, poseB, 2);

        SIFT sift = SIFT.create();
        KeyPointVector keysA = new KeyPointVector();
        KeyPointVector keysB = new KeyPointVector();
        Mat descA = new Mat();
        Mat descB = new Mat();
        sift.detectAndCompute(grey(a), new Mat(), keysA, descA);
        sift.detectAndCompute(grey(b), new Mat(), keysB, descB);
        assertTrue(keysA.size() > 1500, "only " + keysA.size() + " SIFT keypoints on a 640x360 frame");

        DMatchVectorVector knn = new DMatchVectorVector();
        new BFMatcher(opencv_core.NORM_L2, false).knnMatch(descA, descB, knn, 2);
        IndependentProjection camA = new IndependentProjection(poseA.rows(), k);
        IndependentProjection camB = new IndependentProjection(poseB.rows(), k);
        int matches = 0;
        int correct = 0;
        for (long i = 0; i < knn.size(); i++) {
            if (knn.get(i).size() < 2) {
                continue;
            }
            DMatch best = knn.get(i).get(0);
            if (best.distance() > 0.75f * knn.get(i).get(1).distance()) {
                continue;
            }
            KeyPoint pa = keysA.get(best.queryIdx());
            KeyPoint pb = keysB.get(best.trainIdx());
            // OpenCV puts pixel centres at integers; the ground truth at integer + 0.5.
            double ua = pa.pt().x() + 0.5;
            double va = pa.pt().y() + 0.5;
            float depth = a.depth()[(int) va * a.width() + (int) ua];
            if (!Float.isFinite(depth)) {
                continue;
            }
            matches++;
            double[] world = camA.unproject(ua, va, depth);
            double[] uvB = camB.project(world[0], world[1], world[2]);
            double du = uvB[0] - (pb.pt().x() + 0.5);
            double dv = uvB[1] - (pb.pt().y() + 0.5);
            if (du * du + dv * dv < 1.5 * 1.5) {
                correct++;
            }
        }
        assertTrue(matches > 1000, "only " + matches + " ratio-test matches");
        assertTrue(correct > 0.95 * matches, correct + " of " + matches + " matches agree with the ground truth");
    }

    private static Mat grey(RenderedView view) {
        Mat mat = new Mat(view.height(), view.width(), opencv_core.CV_8UC1);
        byte[] data = new byte[view.width() * view.height()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) Math.round(TestImages.luma(view.rgb()[i]));
        }
        mat.data().put(data);
        return mat;
    }
}
