package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatView;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rendered image against the float64 reference where the compositing rules bite: opaque
 * stacked Gaussians (alpha capped at 0.99, pixels stopped once transmittance would fall under
 * 1e-4) and large ones spanning many tiles.
 */
class RasteriserForwardTest {
    private static final int W = 70;
    private static final int H = 45;

    private static void assertMatchesReference(SplatArrays g) {
        SplatView view = SplatScenes.view(W, H);
        float[] image = new float[3 * W * H];
        try (CpuSplatSession session = new CpuSplatSession(g, SplatScenes.settings(2))) {
            session.setShDegree(3);
            session.render(view, image);
        }
        double[] reference = ReferenceRenderer.render(SplatScenes.toDouble(g), 3, view,
                SplatScenes.d(SplatScenes.BACKGROUND));
        double worst = 0;
        for (int i = 0; i < image.length; i++) {
            worst = Math.max(worst, Math.abs(image[i] - reference[i]));
        }
        assertTrue(worst < 1e-4, "largest difference " + worst);
    }

    @Test
    void opaqueStacksAreCappedAndStopped() {
        SplatArrays g = SplatScenes.random(80, 17, 0.1f, 0.5f);
        Arrays.fill(g.opacityLogits(), 8f); // opacity 0.9997 > 0.99: capped, and T drops fast
        assertMatchesReference(g);
    }

    @Test
    void translucentLargeGaussiansMatch() {
        assertMatchesReference(SplatScenes.random(40, 5, 0.2f, 0.8f));
    }
}
