package dev.forge3d.engine.splat;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterRandomTest {

    @Test
    void theFinaliserIsSplitMix64() {
        // SplittableRandom's first long from a seed is splitmix64's finaliser of seed + GAMMA.
        for (long seed : new long[] {0, 1, 7, -1, 0x123456789ABCDEFL, Long.MIN_VALUE}) {
            assertEquals(new SplittableRandom(seed).nextLong(), CounterRandom.mix(seed + CounterRandom.GAMMA));
        }
    }

    @Test
    void normalSamplesHaveTheMomentsAndSpreadOfAStandardNormal() {
        int draws = 400_000;
        double sum = 0;
        double sumSquares = 0;
        double sumFourth = 0;
        int withinOneSigma = 0;
        int beyondThreeSigma = 0;
        for (int i = 0; i < draws; i++) {
            // Coordinates as densification uses them: many Gaussians, six draws each, two calls.
            double x = CounterRandom.normal(42, i % 2, i / 12, i % 6);
            sum += x;
            sumSquares += x * x;
            sumFourth += x * x * x * x;
            withinOneSigma += Math.abs(x) < 1 ? 1 : 0;
            beyondThreeSigma += Math.abs(x) > 3 ? 1 : 0;
        }
        double mean = sum / draws;
        double variance = sumSquares / draws - mean * mean;
        // Standard errors over 400k draws: mean 0.0016, variance 0.0022, kurtosis 0.02.
        assertEquals(0, mean, 0.008, "mean");
        assertEquals(1, variance, 0.011, "variance");
        assertEquals(3, sumFourth / draws, 0.1, "fourth moment");
        assertEquals(0.6827, (double) withinOneSigma / draws, 0.004, "P(|x| < 1)");
        assertEquals(0.0027, (double) beyondThreeSigma / draws, 0.0006, "P(|x| > 3)");
    }

    @Test
    void samplesArePureFunctionsOfTheirCoordinates() {
        float first = CounterRandom.normal(5, 3, 1000, 2);
        for (int i = 0; i < 100; i++) {
            CounterRandom.normal(5, 3, i, i % 6); // other draws in between change nothing
        }
        assertEquals(Float.floatToRawIntBits(first), Float.floatToRawIntBits(CounterRandom.normal(5, 3, 1000, 2)));
        // Each coordinate matters.
        long base = CounterRandom.hash(5, 3, 1000, 2);
        assertNotEquals(base, CounterRandom.hash(6, 3, 1000, 2));
        assertNotEquals(base, CounterRandom.hash(5, 4, 1000, 2));
        assertNotEquals(base, CounterRandom.hash(5, 3, 1001, 2));
        assertNotEquals(base, CounterRandom.hash(5, 3, 1000, 3));
    }

    @Test
    void neighbouringCoordinatesAreUncorrelated() {
        // Draw d and d + 1 of the same Gaussian, and the same draw of Gaussians g and g + 1.
        int pairs = 100_000;
        double alongDraws = 0;
        double alongGaussians = 0;
        for (int g = 0; g < pairs; g++) {
            double x = CounterRandom.normal(9, 0, g, 0);
            alongDraws += x * CounterRandom.normal(9, 0, g, 1);
            alongGaussians += x * CounterRandom.normal(9, 0, g + 1, 0);
        }
        // The correlation's standard error is 1/sqrt(100k) = 0.003.
        assertTrue(Math.abs(alongDraws / pairs) < 0.015, "draw correlation " + alongDraws / pairs);
        assertTrue(Math.abs(alongGaussians / pairs) < 0.015, "Gaussian correlation " + alongGaussians / pairs);
    }
}
