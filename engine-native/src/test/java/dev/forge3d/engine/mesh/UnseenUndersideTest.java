package dev.forge3d.engine.mesh;

import dev.forge3d.api.Vec3;
import dev.forge3d.api.View;
import dev.forge3d.engine.synthetic.OrbitCameras;
import dev.forge3d.engine.synthetic.PinholeIntrinsics;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The underside cut against cameras and a volume whose answer is known. */
class UnseenUndersideTest {
    private static final PinholeIntrinsics LENS = PinholeIntrinsics.fromHorizontalFov(64, 64, 40);

    private static ViewCamera[] fourViews(double elevationDegrees, double azimuthDegrees) {
        Map<View, dev.forge3d.engine.synthetic.CameraPose> poses =
                OrbitCameras.fourViews(new Vec3(0, 0.5, 0), 2, elevationDegrees, azimuthDegrees);
        ViewCamera[] out = new ViewCamera[4];
        int v = 0;
        for (View view : View.values()) {
            out[v++] = ViewCamera.perspective(LENS, poses.get(view));
        }
        return out;
    }

    @Test
    void viewsLookingDownGiveTheWorldsUp() {
        assertArrayEquals(new double[] {0, 1, 0}, UnseenUnderside.upIfAllLookDown(fourViews(15, 25)), 1e-9);
    }

    @Test
    void levelViewsOrOneViewLeaveTheUndersideAlone() {
        assertNull(UnseenUnderside.upIfAllLookDown(fourViews(0, 0)));
        assertNull(UnseenUnderside.upIfAllLookDown(new ViewCamera[] {fourViews(15, 0)[0]}));
    }

    /**
     * A slab's first points seen from above: the lowest lies on its front bottom edge, so the cut
     * keeps the slab and removes what hangs below it.
     */
    @Test
    void theCutKeepsWhatTheViewsSeeAndRemovesWhatHangsBelow() {
        ViewCamera[] cameras = fourViews(15, 0);
        VolumeGrid g = VolumeGrid.covering(new double[] {-0.6, -0.4, -0.6}, new double[] {0.6, 1.0, 0.6}, 57);
        // A 0.8 m cube standing on y = 0 with a keel below it, shallower than the cameras' rays, as
        // the hull of views from above leaves: hidden from every view behind the cube's sides.
        float[] field = new float[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = g.x(i), y = g.y(j), z = g.z(k);
                    double cube = 0.4 - Math.max(Math.abs(x), Math.max(Math.abs(y - 0.4), Math.abs(z)));
                    double keel = Math.min(y + 0.08 - 0.2 * Math.max(Math.abs(x), Math.abs(z)), 0.05 - y);
                    field[i + g.nx() * (j + g.ny() * k)] = (float) Math.max(cube, keel);
                }
            }
        }
        byte[][] masks = new byte[4][];
        float[][] near = new float[4][];
        for (int v = 0; v < 4; v++) {
            byte[] everywhere = new byte[64 * 64];
            Arrays.fill(everywhere, (byte) 1);
            near[v] = new float[64 * 64];
            VolumeCarving.depthRange(g, field, cameras[v], everywhere, near[v], new float[64 * 64]);
            // The silhouette: the pixels whose rays meet the volume.
            masks[v] = new byte[64 * 64];
            for (int p = 0; p < masks[v].length; p++) {
                masks[v][p] = (byte) (near[v][p] < Float.POSITIVE_INFINITY ? 1 : 0);
            }
        }
        double lowest = UnseenUnderside.lowestSeenHeight(cameras, masks, near, new double[] {0, 1, 0});
        // The front bottom edge, within a pixel's footprint (about 3 cm here) and a voxel.
        assertEquals(0, lowest, 0.05);
        UnseenUnderside.cutBelow(g, field, new double[] {0, 1, 0}, lowest);
        assertEquals(-1, Math.signum(VolumeFields.trilinear(field, g, 0, -0.05, 0)), "the keel below the base goes");
        assertEquals(1, Math.signum(VolumeFields.trilinear(field, g, 0.3, 0.05, 0.3)), "the cube stays");
    }
}
