package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;
import dev.forge3d.engine.synthetic.RandomGaussians;

import java.util.SplittableRandom;

/** Small random scenes in front of a camera at the origin looking down +z, for tests. */
final class SplatScenes {
    static final float[] BACKGROUND = {0.2f, 0.3f, 0.1f};

    private SplatScenes() {
    }

    static SplatView view(int width, int height) {
        return new SplatView(width, height, 40f, 42f, width / 2f + 0.7f, height / 2f - 0.4f,
                new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
    }

    /** {@code count} Gaussians in the view frustum at depth 2-4 with random SH of degree 3. */
    static SplatArrays random(int count, long seed, float scaleLo, float scaleHi) {
        return RandomGaussians.inFrustum(RandomGaussians.TEST_SPREAD.withScales(scaleLo, scaleHi), count,
                new SplittableRandom(seed));
    }

    static float[] randomImage(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] image = new float[3 * width * height];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextDouble();
        }
        return image;
    }

    static SplatSettings settings(int threads) {
        return new SplatSettings(1f, 1_000_000, BACKGROUND, 7, threads);
    }

    static ReferenceRenderer.Params toDouble(SplatArrays g) {
        return new ReferenceRenderer.Params(g.count(), d(g.means()), d(g.logScales()), d(g.rotations()),
                d(g.opacityLogits()), d(g.shDc()), d(g.shRest()));
    }

    static double[] d(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
