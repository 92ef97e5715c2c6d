package dev.forge3d.engine.synthetic;

import dev.forge3d.api.spi.SplatArrays;

import java.util.SplittableRandom;

/**
 * Random Gaussian-splat parameters: the fresh inputs on which the splat kernels' tests compare
 * CUDA against the CPU twin and the benchmarks time them. Every draw comes from the caller's
 * {@link SplittableRandom}, so a seed gives the same Gaussians everywhere.
 */
public final class RandomGaussians {
    /**
     * The splat tests' spread: depth 2-4 across a view of about 84 x 62 degrees, colours and SH
     * well inside their ranges, opacities from 27% to 73%; axis scales 0.01-0.1 unless a test
     * picks its own ({@link Spread#withScales}).
     */
    public static final Spread TEST_SPREAD = new Spread(0.45, 0.3, 2, 4, 0.01, 0.1, 0.8, 1, 0.15);

    private RandomGaussians() {
    }

    /**
     * How Gaussians are spread in front of a camera at the origin looking down +z: each mean at a
     * uniform depth in [{@code nearDepth}, {@code farDepth}] and, at depth z, uniform within
     * {@code halfWidthPerDepth * z} and {@code halfHeightPerDepth * z} of the axis; each axis
     * scale uniform in [{@code minScale}, {@code maxScale}] (stored as its log); the DC colour,
     * the opacity logit and the higher SH coefficients uniform within plus or minus their limits,
     * the quaternion's components within plus or minus 1.
     */
    public record Spread(double halfWidthPerDepth, double halfHeightPerDepth, double nearDepth, double farDepth,
                         double minScale, double maxScale, double dcLimit, double opacityLogitLimit,
                         double restLimit) {
        public Spread {
            if (!(nearDepth > 0 && farDepth > nearDepth && minScale > 0 && maxScale > minScale)) {
                throw new IllegalArgumentException("need 0 < nearDepth < farDepth and 0 < minScale < maxScale");
            }
        }

        /** The same spread with other axis scales. */
        public Spread withScales(double min, double max) {
            return new Spread(halfWidthPerDepth, halfHeightPerDepth, nearDepth, farDepth, min, max, dcLimit,
                    opacityLogitLimit, restLimit);
        }
    }

    /** {@code count} Gaussians spread as {@code spread} says, with SH of degree 3. */
    public static SplatArrays inFrustum(Spread spread, int count, SplittableRandom random) {
        SplatArrays g = SplatArrays.allocate(count);
        int rest = 3 * SplatArrays.REST_COEFFICIENTS;
        for (int i = 0; i < count; i++) {
            float z = (float) random.nextDouble(spread.nearDepth(), spread.farDepth());
            double halfWidth = spread.halfWidthPerDepth(), halfHeight = spread.halfHeightPerDepth();
            g.means()[3 * i] = (float) random.nextDouble(-halfWidth, halfWidth) * z;
            g.means()[3 * i + 1] = (float) random.nextDouble(-halfHeight, halfHeight) * z;
            g.means()[3 * i + 2] = z;
            for (int k = 0; k < 3; k++) {
                g.logScales()[3 * i + k] = (float) Math.log(random.nextDouble(spread.minScale(), spread.maxScale()));
                g.shDc()[3 * i + k] = (float) random.nextDouble(-spread.dcLimit(), spread.dcLimit());
            }
            for (int k = 0; k < 4; k++) {
                g.rotations()[4 * i + k] = (float) random.nextDouble(-1, 1);
            }
            g.opacityLogits()[i] = (float) random.nextDouble(-spread.opacityLogitLimit(), spread.opacityLogitLimit());
            for (int k = 0; k < rest; k++) {
                g.shRest()[rest * i + k] = (float) random.nextDouble(-spread.restLimit(), spread.restLimit());
            }
        }
        return g;
    }

    /**
     * Every value of every parameter group drawn from N(0, 1), group after group: not a
     * renderable scene, for kernels that only copy, pack or update values.
     */
    public static SplatArrays normalValues(int count, SplittableRandom random) {
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
