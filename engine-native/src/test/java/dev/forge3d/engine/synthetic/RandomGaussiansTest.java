package dev.forge3d.engine.synthetic;

import dev.forge3d.api.spi.SplatArrays;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomGaussiansTest {
    static final RandomGaussians.Spread SPREAD = new RandomGaussians.Spread(0.5, 0.25, 2, 6, 0.01, 0.05, 0.8, 1.5,
            0.1);

    @Test
    void everyGaussianLiesInsideItsSpread() {
        int n = 2000;
        SplatArrays g = RandomGaussians.inFrustum(SPREAD, n, new SplittableRandom(3));
        for (int i = 0; i < n; i++) {
            float z = g.means()[3 * i + 2];
            assertTrue(z >= 2 && z <= 6, "depth " + z);
            assertTrue(Math.abs(g.means()[3 * i]) <= 0.5 * z + 1e-5, "x " + g.means()[3 * i]);
            assertTrue(Math.abs(g.means()[3 * i + 1]) <= 0.25 * z + 1e-5, "y " + g.means()[3 * i + 1]);
            for (int k = 0; k < 3; k++) {
                double scale = Math.exp(g.logScales()[3 * i + k]);
                assertTrue(scale >= 0.01 - 1e-6 && scale <= 0.05 + 1e-6, "scale " + scale);
                assertTrue(Math.abs(g.shDc()[3 * i + k]) <= 0.8, "dc " + g.shDc()[3 * i + k]);
            }
            assertTrue(Math.abs(g.opacityLogits()[i]) <= 1.5, "opacity logit " + g.opacityLogits()[i]);
        }
        for (float rest : g.shRest()) {
            assertTrue(Math.abs(rest) <= 0.1, "rest " + rest);
        }
        // The spread is covered, not just respected: the means reach near both depth limits.
        double nearest = Double.MAX_VALUE, farthest = 0;
        for (int i = 0; i < n; i++) {
            nearest = Math.min(nearest, g.means()[3 * i + 2]);
            farthest = Math.max(farthest, g.means()[3 * i + 2]);
        }
        assertTrue(nearest < 2.05 && farthest > 5.95, nearest + " .. " + farthest);
    }

    @Test
    void theSameSeedGivesTheSameGaussians() {
        SplatArrays a = RandomGaussians.inFrustum(SPREAD, 50, new SplittableRandom(9));
        SplatArrays b = RandomGaussians.inFrustum(SPREAD, 50, new SplittableRandom(9));
        assertArrayEquals(a.means(), b.means());
        assertArrayEquals(a.shRest(), b.shRest());
    }

    @Test
    void normalValuesHaveUnitSpread() {
        SplatArrays g = RandomGaussians.normalValues(400, new SplittableRandom(5));
        double sum = 0, squares = 0;
        for (float v : g.shRest()) {
            sum += v;
            squares += v * v;
        }
        int n = g.shRest().length;
        assertEquals(0, sum / n, 0.02);
        assertEquals(1, squares / n, 0.03);
    }
}
