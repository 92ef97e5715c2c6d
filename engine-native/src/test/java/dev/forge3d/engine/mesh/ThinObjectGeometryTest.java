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
        Extent rod = Extent.of(reconstruct(ViewNormalisationTest.boxPhoto(2600, 200, 2400, 40), Resolution.HIGH_POLY));
        // Marching cubes and smoothing thicken a rod a few voxels thick by about one voxel (measured 0.95).
        assertEquals(rod.length / 60, rod.thickness, 1.25 * rod.voxel, rod.toString());
    }

    @Test
    void aRodSeenSideOnFromOneViewIsAsDeepAsItIsThick() {
        // A 10:1 rod lying across the only view: inflated across its rows it came out as deep as long (a disc).
        Extent rod = Extent.of(reconstruct(ViewNormalisationTest.boxPhoto(1200, 300, 1000, 100), Resolution.LOW_POLY));
        assertEquals(rod.length / 10, rod.thickness, 1.5 * rod.voxel, rod.toString());
        assertEquals(rod.thickness, rod.depth, 1.5 * rod.voxel, rod.toString());
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

    /** A reconstruction's extent along x (length), y (thickness) and z (depth), and its grid's voxel. */
    record Extent(double length, double thickness, double depth, double voxel) {
        static Extent of(DenseSurface dense) {
            float[] p = dense.mesh().positions();
            double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE,
                    -Double.MAX_VALUE};
            for (int i = 0; i < p.length; i++) {
                b[i % 3] = Math.min(b[i % 3], p[i]);
                b[3 + i % 3] = Math.max(b[3 + i % 3], p[i]);
            }
            return new Extent(b[3] - b[0], b[4] - b[1], b[5] - b[2], dense.grid().voxel());
        }
    }
}
