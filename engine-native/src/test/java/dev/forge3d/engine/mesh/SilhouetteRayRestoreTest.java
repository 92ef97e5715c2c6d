package dev.forge3d.engine.mesh;

import dev.forge3d.api.View;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PhotoConsistency#restoreSilhouetteRays} gives every object pixel's centre ray back the inside. */
class SilhouetteRayRestoreTest {
    @Test
    void everyObjectPixelsRayMeetsTheInsideAgainAndLittleElseComesBack() {
        VolumeGrid g = VolumeGrid.covering(new double[] {-1, -1, -1}, new double[] {1, 1, 1}, 33);
        ViewCamera camera = ViewCamera.orthographic(View.FRONT, 40, 40, 20);
        float[] uncarved = new float[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double r = Math.sqrt(g.x(i) * g.x(i) + g.y(j) * g.y(j) + g.z(k) * g.z(k));
                    uncarved[i + g.nx() * (j + g.ny() * k)] = (float) (0.6 - r);
                }
            }
        }
        // The silhouette: the pixels whose centre rays meet the sphere.
        byte[] everywhere = new byte[40 * 40];
        Arrays.fill(everywhere, (byte) 1);
        float[] near = new float[everywhere.length], far = new float[everywhere.length];
        VolumeCarving.depthRange(g, uncarved, camera, everywhere, near, far);
        byte[] mask = new byte[everywhere.length];
        int objectPixels = 0;
        for (int p = 0; p < mask.length; p++) {
            mask[p] = (byte) (near[p] < Float.POSITIVE_INFINITY ? 1 : 0);
            objectPixels += mask[p];
        }
        assertTrue(objectPixels > 300, "the sphere covers " + objectPixels + " pixels");

        // Carved away entirely, as no carving may go: every ray lost the inside.
        float[] field = new float[g.size()];
        Arrays.fill(field, (float) (-0.5 * g.voxel()));
        PhotoConsistency.restoreSilhouetteRays(g, field, uncarved, camera, mask);

        VolumeCarving.depthRange(g, field, camera, mask, near, far);
        int inside = 0;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p] != 0) {
                assertTrue(near[p] < Float.POSITIVE_INFINITY, "pixel " + p + " meets the inside");
            }
        }
        for (float f : field) {
            inside += f > 0 ? 1 : 0;
        }
        // One cell a ray at most: far fewer samples than the sphere's own.
        int sphere = 0;
        for (float f : uncarved) {
            sphere += f > 0 ? 1 : 0;
        }
        assertTrue(inside <= 8 * objectPixels && inside < sphere / 2, inside + " samples back of " + sphere);
        // Nothing comes back that was outside before carving.
        for (int s = 0; s < field.length; s++) {
            if (field[s] > 0) {
                assertEquals(uncarved[s], field[s]);
            }
        }
    }
}
