package dev.forge3d.engine.splat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loss and its image gradient alone against the float64 reference (a full 11x11 window, not
 * separable passes), so an SSIM gradient error cannot hide behind the L1 term.
 */
class PhotometricLossTest {
    private static final int W = 23;
    private static final int H = 17;

    @Test
    void lossAndImageGradientMatchTheReference() {
        float[] image = SplatScenes.randomImage(W, H, 1);
        float[] target = SplatScenes.randomImage(W, H, 2);
        // Make the images similar in places so SSIM is not near zero everywhere.
        for (int i = 0; i < image.length; i += 2) {
            image[i] = 0.9f * target[i] + 0.05f;
        }
        float[] gradient = new float[image.length];
        float loss;
        try (WorkerPool pool = new WorkerPool(2)) {
            loss = new PhotometricLoss(W, H).lossAndGradient(image, target, gradient, pool);
        }
        double[] x = SplatScenes.d(image);
        double[] y = SplatScenes.d(target);
        assertEquals(ReferenceRenderer.loss(x, y, W, H), loss, 1e-5);
        double h = 1e-6;
        double errorSquared = 0;
        double normSquared = 0;
        double ssimOnlySquared = 0;
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + h;
            double plus = ReferenceRenderer.loss(x, y, W, H);
            x[i] = saved - h;
            double minus = ReferenceRenderer.loss(x, y, W, H);
            x[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            double l1Part = 0.8 * Math.signum(saved - y[i]) / x.length;
            errorSquared += (gradient[i] - numeric) * (gradient[i] - numeric);
            normSquared += numeric * numeric;
            ssimOnlySquared += (numeric - l1Part) * (numeric - l1Part);
        }
        double relative = Math.sqrt(errorSquared / normSquared);
        double ssimShare = Math.sqrt(ssimOnlySquared / normSquared);
        System.out.printf("loss gradient: relative error %.2e (SSIM part is %.0f%% of the gradient norm)%n", relative,
                100 * ssimShare);
        assertTrue(ssimShare > 0.1, "the SSIM term is exercised");
        assertTrue(relative < 1e-4, "relative error " + relative);
    }
}
