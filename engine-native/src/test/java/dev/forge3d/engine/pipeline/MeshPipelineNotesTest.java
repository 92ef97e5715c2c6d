package dev.forge3d.engine.pipeline;

import dev.forge3d.api.Resolution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshPipelineNotesTest {
    @Test
    void aCountReachedBySplittingAdvisesHighPolyOnlyWhereItIsNotInUse() {
        String lowPoly = MeshPipeline.splitNote(25_644, 60_000, Resolution.LOW_POLY);
        assertTrue(lowPoly.contains("25644 faces, fewer than the 60000") && lowPoly.contains("high_poly"), lowPoly);
        // The note said "try --resolution high_poly" to a high_poly job with 484,364 faces of 500,000.
        String highPoly = MeshPipeline.splitNote(484_364, 500_000, Resolution.HIGH_POLY);
        assertFalse(highPoly.contains("high_poly"), highPoly);
    }
}
