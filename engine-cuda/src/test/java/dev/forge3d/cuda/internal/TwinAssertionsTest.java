package dev.forge3d.cuda.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GPU tests' twin comparison, checked here where it can run without a GPU. */
class TwinAssertionsTest {

    @Test
    void relativeL2ErrorIsTheDifferencesNormOverTheReferencesNorm() {
        // ||(0, 0, 0.5)|| / ||(3, 4, 0)|| = 0.5 / 5
        assertEquals(0.1, TwinAssertions.relativeL2Error(new float[] {3, 4, 0}, new float[] {3, 4, 0.5f}), 1e-12);
    }

    @Test
    void aZeroReferenceGivesTheAbsoluteNorm() {
        assertEquals(5, TwinAssertions.relativeL2Error(new float[] {0, 0}, new float[] {3, -4}), 1e-12);
    }

    @Test
    void theBoundIsStrictAndTheMessageCountsTheDifferingValues() {
        float[] expected = {3, 4, 0, 1};
        assertDoesNotThrow(() -> TwinAssertions.assertRelativeErrorBelow("same", expected, expected.clone(), 1e-9));
        AssertionError error = assertThrows(AssertionError.class, () -> TwinAssertions.assertRelativeErrorBelow(
                "drift", new float[] {3, 4, 0, 0}, new float[] {3, 4, 0.5f, 0}, 0.1));
        assertTrue(error.getMessage().contains("drift: relative L2 error"), error.getMessage());
        assertTrue(error.getMessage().contains("1 of 4 values not bit-identical"), error.getMessage());
    }

    @Test
    void differentLengthsFail() {
        assertThrows(AssertionError.class,
                () -> TwinAssertions.assertRelativeErrorBelow("lengths", new float[2], new float[3], 1));
    }
}
