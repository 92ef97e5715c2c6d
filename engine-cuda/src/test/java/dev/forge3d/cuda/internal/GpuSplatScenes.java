package dev.forge3d.cuda.internal;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;
import dev.forge3d.engine.synthetic.RandomGaussians;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random splat scenes in front of cameras around the point (0, 0, 3), and random models, for the
 * GPU tests (their comparison against the CPU twin is {@link TwinAssertions}).
 */
public final class GpuSplatScenes {
    public static final float[] BACKGROUND = {0.2f, 0.3f, 0.1f};

    private GpuSplatScenes() {
    }

    /** {@code count} Gaussians in the view frustum at depth 2-4 with random SH of degree 3. */
    public static SplatArrays random(int count, long seed, float scaleLo, float scaleHi) {
        return RandomGaussians.inFrustum(RandomGaussians.TEST_SPREAD.withScales(scaleLo, scaleHi), count,
                new SplittableRandom(seed));
    }

    /** Views turned about y around (0, 0, 3), from -0.075 * count to +0.075 * count radians. */
    public static List<SplatView> views(int count, int width, int height) {
        List<SplatView> views = new ArrayList<>();
        float focal = 0.75f * width;
        for (int i = 0; i < count; i++) {
            double angle = 0.15 * (i - count / 2.0);
            float c = (float) Math.cos(angle);
            float s = (float) Math.sin(angle);
            float tx = -s * 3;
            float tz = 3 - c * 3;
            views.add(new SplatView(width, height, focal, focal * 1.02f, width / 2f + 0.7f, height / 2f - 0.4f,
                    new float[] {c, 0, s, tx, 0, 1, 0, 0, -s, 0, c, tz}));
        }
        return views;
    }

    public static float[] randomImage(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] image = new float[3 * width * height];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextDouble();
        }
        return image;
    }

    public static SplatSettings settings(int maxGaussians, int threads) {
        return new SplatSettings(1f, maxGaussians, BACKGROUND, 7, threads);
    }
}
