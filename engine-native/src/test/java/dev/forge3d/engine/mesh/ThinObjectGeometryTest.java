package dev.forge3d.engine.mesh;

import dev.forge3d.api.Resolution;
import dev.forge3d.api.View;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rod seen side on, thinner than a voxel of the coarse grid that finds the hull: the finer
 * grids find it, and one too thin for the final grid is refused with a message that says so;
 * from one view it is rounded across its thickness, not its length.
 */
class ThinObjectGeometryTest {

    @Test
    void aRodSixtyTimesLongerThanThickIsReconstructedAtItsProportions() {
        // 60:1 is 0.66 coarse voxels thick (40 samples on its length), 4.3 voxels at high_poly's 256.
        DenseSurface dense = reconstruct(ViewNormalisationTest.boxPhoto(2600, 200, 2400, 40), Resolution.HIGH_POLY);
        double[] bounds = bounds(dense.mesh());
        double length = bounds[3] - bounds[0];
        double thickness = bounds[4] - bounds[1];
        // Marching cubes and smoothing thicken a rod a few voxels thick by about one voxel (measured 0.95).
        assertEquals(length / 60, thickness, 1.25 * dense.grid().voxel(),
                "length " + length + ", thickness " + thickness + ", voxel " + dense.grid().voxel());
    }

    @Test
    void aRodSeenSideOnFromOneViewIsAsDeepAsItIsThick() {
        // A 10:1 rod lying across the only view: inflated across its rows it came out as deep as long (a disc).
        DenseSurface dense = reconstruct(ViewNormalisationTest.boxPhoto(1200, 300, 1000, 100), Resolution.LOW_POLY);
        double[] bounds = bounds(dense.mesh());
        double length = bounds[3] - bounds[0];
        double thickness = bounds[4] - bounds[1];
        double depth = bounds[5] - bounds[2];
        assertEquals(length / 10, thickness, 1.5 * dense.grid().voxel(),
                "length " + length + ", thickness " + thickness + ", voxel " + dense.grid().voxel());
        assertEquals(thickness, depth, 1.5 * dense.grid().voxel(),
                "thickness " + thickness + ", depth " + depth + ", voxel " + dense.grid().voxel());
    }

    @Test
    void aRodThinnerThanTheFinalGridIsRefusedWithTheReason() {
        // 200:1 at low_poly's 64 samples is a third of a voxel thick.
        SilhouetteGeometryModel.EmptyReconstructionException e = assertThrows(
                SilhouetteGeometryModel.EmptyReconstructionException.class,
                () -> reconstruct(ViewNormalisationTest.boxPhoto(4200, 100, 4000, 20), Resolution.LOW_POLY));
        assertTrue(e.getMessage().contains("thinner than the grid resolves") && e.getMessage().contains("64"),
                e.getMessage());
    }

    private static DenseSurface reconstruct(ViewImage front, Resolution resolution) {
        List<PosedView> views = MeshBuild.poseNormalised(ViewNormalisation.normalise(Map.of(View.FRONT, front),
                MeshBuild.canvasHeight(resolution)));
        return MeshBuild.reconstruct(views, resolution, new SilhouetteGeometryModel(), f -> { });
    }

    private static double[] bounds(TriMesh mesh) {
        float[] p = mesh.positions();
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE,
                -Double.MAX_VALUE};
        for (int i = 0; i < p.length; i++) {
            b[i % 3] = Math.min(b[i % 3], p[i]);
            b[3 + i % 3] = Math.max(b[3 + i % 3], p[i]);
        }
        return b;
    }
}
