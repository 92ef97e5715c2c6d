package dev.forge3d.api.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The argument checks every {@link DescriptorMatcher} makes first, at their bounds. */
class DescriptorMatcherChecksTest {

    @Test
    void arraysMustFitTheirCountsAndTheRatioItsRange() {
        DescriptorMatcher.checkArguments(new float[8], 2, new float[12], 3, 4, 1f);
        DescriptorMatcher.checkArguments(new float[0], 0, new float[0], 0, 4, 0.5f);
        assertRefused(new float[8], 2, new float[8], 3, 4, 0.8f);
        assertRefused(new float[8], 2, new float[8], 2, 0, 0.8f);
        assertRefused(new float[8], -2, new float[8], 2, 4, 0.8f);
        assertRefused(null, 2, new float[8], 2, 4, 0.8f);
        assertRefused(new float[8], 2, null, 2, 4, 0.8f);
        assertRefused(new float[8], 2, new float[8], 2, 4, 0f);
        assertRefused(new float[8], 2, new float[8], 2, 4, 1.0001f);
        assertRefused(new float[8], 2, new float[8], 2, 4, Float.NaN);
    }

    @Test
    void everyEntryMustBeFiniteWithinTheBoundThatKeepsSquaredLengthsInRange() {
        float largest = (float) Math.sqrt((double) DescriptorMatcher.MAX_SQUARED_NORM / 4);
        float[] a = {largest, -largest, largest, largest, 1, 2, 3, 4};
        DescriptorMatcher.checkArguments(a, 2, new float[4], 1, 4, 0.8f);
        double squaredLength = 4.0 * largest * largest;
        assertTrue(squaredLength <= DescriptorMatcher.MAX_SQUARED_NORM * 1.000001, "at the bound: " + squaredLength);
        a[1] = -Math.nextUp(largest);
        assertRefused(a, 2, new float[4], 1, 4, 0.8f);
        for (float bad : new float[] {Float.NaN, Float.NEGATIVE_INFINITY, Float.MAX_VALUE}) {
            float[] b = {0, 0, 0, 0, 0, 0, bad, 0};
            assertRefused(new float[4], 1, b, 2, 4, 0.8f);
        }
    }

    private static void assertRefused(float[] a, int countA, float[] b, int countB, int dimension, float ratio) {
        assertThrows(IllegalArgumentException.class,
                () -> DescriptorMatcher.checkArguments(a, countA, b, countB, dimension, ratio));
    }
}
