package dev.forge3d.api.spi;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grid and field checks every {@link MeshKernels} implementation makes first, at their bounds. */
class MeshKernelsChecksTest {

    @Test
    void aGridMayHoldExactlyTheMostSamples() {
        int longest = MeshKernels.MAX_GRID_SAMPLES / 4;
        assertEquals(4 * longest, MeshKernels.checkGrid(2, 2, longest, 0, 0, 0, 1));
        assertInvalid(() -> MeshKernels.checkGrid(2, 2, longest + 1, 0, 0, 0, 1));
        assertEquals(523 * 523 * 523, MeshKernels.checkGrid(523, 523, 523, -1, -1, -1, 0.01));
        assertInvalid(() -> MeshKernels.checkGrid(524, 524, 524, -1, -1, -1, 0.01));
    }

    @Test
    void theMostSamplesLeaveMarchingCubesWorstCaseWithinAJavaArray() {
        // Nine floats of vertex positions a sample and fifteen vertex ids a cube at worst.
        assertTrue(15L * MeshKernels.MAX_GRID_SAMPLES <= Integer.MAX_VALUE);
        assertFalse(15L * (MeshKernels.MAX_GRID_SAMPLES + 1) <= Integer.MAX_VALUE);
    }

    @Test
    void aProductPastALongDoesNotWrapIntoRange() {
        // 14511796 x 2147221520 x 592 = 2^64 + 1024.
        assertInvalid(() -> MeshKernels.checkGrid(14511796, 2147221520, 592, 0, 0, 0, 1));
        assertInvalid(() -> MeshKernels.checkGrid(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0, 0, 1));
    }

    @Test
    void sidesPlacementAndFieldsAreChecked() {
        assertInvalid(() -> MeshKernels.checkGrid(1, 2, 2, 0, 0, 0, 1));
        assertInvalid(() -> MeshKernels.checkGrid(2, -2, 2, 0, 0, 0, 1));
        assertInvalid(() -> MeshKernels.checkGrid(2, 2, 2, 0, 0, 0, 0));
        assertInvalid(() -> MeshKernels.checkGrid(2, 2, 2, 0, 0, 0, Double.POSITIVE_INFINITY));
        assertInvalid(() -> MeshKernels.checkGrid(2, 2, 2, 0, 0, Double.NaN, 1));
        assertEquals(12, MeshKernels.checkGrid(2, 3, 2, -5, 0, 5, 0.5));
        assertInvalid(() -> MeshKernels.checkField(new float[11], 12));
        assertInvalid(() -> MeshKernels.checkField(null, 12));
        MeshKernels.checkField(new float[12], 12);
    }

    private static void assertInvalid(Executable call) {
        Forge3dException e = assertThrows(Forge3dException.class, call);
        assertEquals(ErrorCode.INVALID_PARAM, e.code(), e.getMessage());
    }
}
