package dev.forge3d.cuda.internal;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;

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
        SplittableRandom random = new SplittableRandom(seed);
        SplatArrays g = SplatArrays.allocate(count);
        for (int i = 0; i < count; i++) {
            float z = (float) random.nextDouble(2, 4);
            g.means()[3 * i] = (float) random.nextDouble(-0.45, 0.45) * z;
            g.means()[3 * i + 1] = (float) random.nextDouble(-0.3, 0.3) * z;
            g.means()[3 * i + 2] = z;
            for (int k = 0; k < 3; k++) {
                g.logScales()[3 * i + k] = (float) Math.log(random.nextDouble(scaleLo, scaleHi));
                g.shDc()[3 * i + k] = (float) random.nextDouble(-0.8, 0.8);
            }
            for (int k = 0; k < 4; k++) {
                g.rotations()[4 * i + k] = (float) random.nextDouble(-1, 1);
            }
            g.opacityLogits()[i] = (float) random.nextDouble(-1, 1);
            for (int k = 0; k < 3 * SplatArrays.REST_COEFFICIENTS; k++) {
                g.shRest()[3 * SplatArrays.REST_COEFFICIENTS * i + k] = (float) random.nextDouble(-0.15, 0.15);
            }
        }
        return g;
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

    /**
     * Every value of every parameter group drawn from N(0, 1), group after group: not a renderable
     * scene, for kernels that only copy, pack or update values.
     */
    public static SplatArrays normalValues(SplittableRandom random, int count) {
        SplatArrays g = SplatArrays.allocate(count);
        for (float[] array : new float[][] {g.means(), g.logScales(), g.rotations(), g.opacityLogits(), g.shDc(),
                g.shRest()}) {
            for (int k = 0; k < array.length; k++) {
                array[k] = (float) random.nextGaussian();
            }
        }
        return g;
    }
}
