package dev.forge3d.cuda.internal;

import dev.forge3d.api.Vec3;
import dev.forge3d.api.View;
import dev.forge3d.engine.mesh.ViewCamera;
import dev.forge3d.engine.mesh.VolumeCarving;
import dev.forge3d.engine.mesh.VolumeGrid;
import dev.forge3d.engine.synthetic.CameraPose;
import dev.forge3d.engine.synthetic.OrbitCameras;
import dev.forge3d.engine.synthetic.PinholeIntrinsics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.forge3d.cuda.internal.TwinAssertions.assertRelativeErrorBelow;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hull-field kernel against its CPU twin ({@link VolumeCarving#hullField}) on fresh random
 * signed-distance images, for the job's orthographic cameras and for posed perspective ones, at
 * several grid and image sizes. The kernel repeats the twin's double arithmetic in order with
 * explicitly rounded operations, so the fields are expected to be bit-identical; the bound, a
 * relative L2 error of 1e-6, leaves room for one operation rounded differently (and for the sign
 * of a zero, which Math.min and fmin may pick differently), far below any real mistake.
 */
@Tag("gpu")
class GpuVolumeCarvingTest {

    @ParameterizedTest(name = "{0} samples, {1} px, perspective {2}")
    @CsvSource({"8, 16, false", "40, 64, true", "97, 257, false", "128, 200, true"})
    void matchesTheCpuTwin(int samples, int pixels, boolean perspective) {
        CudaVolumeCarving cuda = new CudaVolumeCarving(GpuTestSupport.runtimeOrSkip(), 0);
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        VolumeGrid g = VolumeGrid.covering(new double[] {-0.6, -0.5, -0.7}, new double[] {0.6, 0.55, 0.6}, samples);
        ViewCamera[] cameras = cameras(perspective, pixels, random);
        float[][] distances = new float[cameras.length][];
        List<CudaVolumeCarving.View> views = new ArrayList<>();
        for (int v = 0; v < cameras.length; v++) {
            ViewCamera c = cameras[v];
            distances[v] = new float[c.width() * c.height()];
            for (int p = 0; p < distances[v].length; p++) {
                distances[v][p] = (float) (random.nextDouble() * 40 - 20);
            }
            views.add(new CudaVolumeCarving.View(c.rows(), c.perspective(), c.pixelsPerUnit(), c.width(), c.height(),
                    distances[v]));
        }
        float[] cpu = new float[g.size()];
        VolumeCarving.hullField(g, cameras, distances, cpu);
        float[] gpu = cuda.hullField(g.nx(), g.ny(), g.nz(), g.originX(), g.originY(), g.originZ(), g.voxel(), views);
        boolean anyNonZero = false;
        for (float value : cpu) {
            anyNonZero |= value != 0;
        }
        assertTrue(anyNonZero, "a field to compare");
        assertRelativeErrorBelow("seed " + seed + ": hull field", cpu, gpu, 1e-6);
    }

    /** Four views 90 degrees apart: the job's orthographic ones, or posed pinholes 15 degrees up (one wider). */
    private static ViewCamera[] cameras(boolean perspective, int pixels, SplittableRandom random) {
        ViewCamera[] out = new ViewCamera[View.values().length];
        if (!perspective) {
            for (View view : View.values()) {
                int width = view == View.LEFT ? pixels + 17 : pixels;
                out[view.ordinal()] = ViewCamera.orthographic(view, width, pixels, 0.8 * pixels);
            }
            return out;
        }
        Map<View, CameraPose> poses = OrbitCameras.fourViews(new Vec3(0.01 * random.nextDouble(), 0, 0), 2.6, 15);
        for (View view : View.values()) {
            int width = view == View.RIGHT ? pixels + 9 : pixels;
            out[view.ordinal()] = ViewCamera.perspective(PinholeIntrinsics.fromHorizontalFov(width, pixels, 40),
                    poses.get(view));
        }
        return out;
    }
}
