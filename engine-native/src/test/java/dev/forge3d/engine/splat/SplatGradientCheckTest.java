package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analytic gradients of the whole step (projection with SH, tile rasteriser, L1 + SSIM loss)
 * against central finite differences of the independent float64 {@link ReferenceRenderer}, for
 * every parameter group and each SH band, on a small random scene at the same parameter values.
 */
class SplatGradientCheckTest {
    private static final int W = 48;
    private static final int H = 34;
    private static final double STEP = 1e-5;
    private static SplatArrays scene;
    private static SplatArrays analytic;
    private static SplatView view;
    private static double[] target;
    private static double[] background;

    @BeforeAll
    static void computeAnalyticGradients() {
        scene = SplatScenes.random(7, 11, 0.04f, 0.25f);
        view = SplatScenes.view(W, H);
        float[] targetImage = SplatScenes.randomImage(W, H, 5);
        target = SplatScenes.d(targetImage);
        background = SplatScenes.d(SplatScenes.BACKGROUND);
        try (CpuSplatSession session = new CpuSplatSession(scene, SplatScenes.settings(1))) {
            session.setShDegree(3);
            session.lossAndGradients(view, targetImage);
            analytic = CpuSplatSession.copyOf(session.gradients());
        }
    }

    @Test
    void meansMatchFiniteDifferences() {
        check("means", 0, analytic.means(), 0, 3);
    }

    @Test
    void logScalesMatchFiniteDifferences() {
        check("log scales", 1, analytic.logScales(), 0, 3);
    }

    @Test
    void rotationsMatchFiniteDifferences() {
        check("rotations", 2, analytic.rotations(), 0, 4);
    }

    @Test
    void opacityLogitsMatchFiniteDifferences() {
        check("opacity logits", 3, analytic.opacityLogits(), 0, 1);
    }

    @Test
    void shBand0MatchesFiniteDifferences() {
        check("SH band 0", 4, analytic.shDc(), 0, 3);
    }

    @Test
    void shBand1MatchesFiniteDifferences() {
        check("SH band 1", 5, analytic.shRest(), 0, 9);
    }

    @Test
    void shBand2MatchesFiniteDifferences() {
        check("SH band 2", 5, analytic.shRest(), 9, 24);
    }

    @Test
    void shBand3MatchesFiniteDifferences() {
        check("SH band 3", 5, analytic.shRest(), 24, 45);
    }

    /** Checks elements {@code from..to-1} of each Gaussian's slice of a group (stride = group size / count). */
    private static void check(String name, int group, float[] gradient, int from, int to) {
        ReferenceRenderer.Params p = SplatScenes.toDouble(scene);
        double[] values = p.group(group);
        int stride = values.length / p.count();
        double errorSquared = 0;
        double normSquared = 0;
        double maxAbs = 0;
        double maxError = 0;
        for (int i = 0; i < p.count(); i++) {
            for (int k = from; k < to; k++) {
                int index = i * stride + k;
                double saved = values[index];
                values[index] = saved + STEP;
                double plus = loss(p);
                values[index] = saved - STEP;
                double minus = loss(p);
                values[index] = saved;
                double numeric = (plus - minus) / (2 * STEP);
                double error = gradient[index] - numeric;
                errorSquared += error * error;
                normSquared += numeric * numeric;
                maxAbs = Math.max(maxAbs, Math.abs(numeric));
                maxError = Math.max(maxError, Math.abs(error));
            }
        }
        double relative = Math.sqrt(errorSquared / normSquared);
        System.out.printf("gradient check %-15s relative error %.2e, max error %.2e of max |grad| %.2e%n", name,
                relative, maxError, maxAbs);
        assertTrue(normSquared > 0, name + ": the finite differences are all zero; the scene does not exercise it");
        assertTrue(relative < 1e-4, name + ": relative error " + relative);
        assertTrue(maxError < 1e-4 * maxAbs, name + ": max error " + maxError + " of " + maxAbs);
    }

    private static double loss(ReferenceRenderer.Params p) {
        return ReferenceRenderer.loss(ReferenceRenderer.render(p, 3, view, background), target, W, H);
    }
}
