package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatView;
import dev.forge3d.cuda.internal.CudaProjection;
import dev.forge3d.cuda.internal.CudaRuntime;
import dev.forge3d.cuda.internal.CudaStream;
import dev.forge3d.cuda.internal.DeviceBuffer;
import dev.forge3d.cuda.internal.DeviceProjectedGaussians;
import dev.forge3d.cuda.internal.DeviceSplatArrays;
import dev.forge3d.cuda.internal.GpuTestSupport;
import dev.forge3d.cuda.internal.HostArrayTransfers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static dev.forge3d.cuda.internal.TwinAssertions.PROJECT_TOLERANCE;
import static dev.forge3d.cuda.internal.TwinAssertions.assertRelativeErrorBelow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The projection kernels against Projection.forward / backward, on fresh random scenes: a random
 * camera, Gaussians in front of it, behind it, beyond the near plane's cut, outside the view
 * (where the Jacobian's tangents are clamped) and a few with a zero quaternion, SH of each degree.
 *
 * <p>The integer outputs (radius, tile rectangle, tiles touched) must be identical: the kernel
 * rounds every float operation as the twin does (no fused multiply-add, the twin's double steps in
 * double), so the float values they derive from are identical too. The float outputs and every
 * gradient must be within the project's relative L2 error of 1e-4.
 */
@Tag("gpu")
class GpuProjectionTest {

    @ParameterizedTest(name = "{0} Gaussians, SH degree {1}, {2}x{3}")
    @CsvSource({"1, 3, 17, 13", "100, 0, 64, 48", "100, 1, 64, 48", "100, 2, 300, 200", "10000, 3, 300, 200"})
    void forwardMatchesTheCpuTwin(int count, int shDegree, int width, int height) {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        SplatView view = randomView(random, width, height);
        SplatArrays gaussians = randomGaussians(random, view, count);

        ProjectedGaussians cpu = new ProjectedGaussians(count);
        Projection.forward(gaussians, shDegree, view, view.cameraCentre(), cpu, 0, count,
                new float[Projection.SCRATCH_FLOATS]);

        DeviceProjectedGaussians.Host gpu;
        try (CudaStream stream = CudaStream.create(runtime, 0);
             DeviceSplatArrays deviceGaussians = DeviceSplatArrays.allocate(runtime, 0, count);
             DeviceProjectedGaussians deviceProjected = DeviceProjectedGaussians.allocate(runtime, 0, count)) {
            deviceGaussians.upload(stream, gaussians);
            // Culled Gaussians keep their old outputs, as in the twin: start both from zeros.
            deviceProjected.upload(stream, DeviceProjectedGaussians.Host.allocate(count));
            new CudaProjection(runtime).enqueueForward(stream, deviceGaussians, shDegree, view, deviceProjected);
            gpu = deviceProjected.download(stream);
        }

        String where = "seed " + seed + ", ";
        if (count >= 100) {
            long visible = Arrays.stream(cpu.radius).filter(r -> r > 0).count();
            assertTrue(visible > count / 10 && visible < count, where + "the scene must mix visible and culled: "
                    + visible + " of " + count);
        }
        assertArrayEquals(cpu.radius, gpu.radius(), where + "radius");
        assertArrayEquals(cpu.tileRect, gpu.tileRect(), where + "tile rectangles");
        assertArrayEquals(cpu.tilesTouched, gpu.tilesTouched(), where + "tiles touched");
        assertRelativeErrorBelow(where + "mean2d", cpu.mean2d, gpu.mean2d(), PROJECT_TOLERANCE);
        assertRelativeErrorBelow(where + "conic", cpu.conic, gpu.conic(), PROJECT_TOLERANCE);
        assertRelativeErrorBelow(where + "depth", cpu.depth, gpu.depth(), PROJECT_TOLERANCE);
        assertRelativeErrorBelow(where + "rgb", cpu.rgb, gpu.rgb(), PROJECT_TOLERANCE);
        assertRelativeErrorBelow(where + "opacity", cpu.opacity, gpu.opacity(), PROJECT_TOLERANCE);
    }

    @ParameterizedTest(name = "{0} Gaussians, SH degree {1}, {2}x{3}")
    @CsvSource({"1, 3, 17, 13", "100, 0, 64, 48", "100, 1, 64, 48", "100, 2, 300, 200", "10000, 3, 300, 200"})
    void backwardMatchesTheCpuTwin(int count, int shDegree, int width, int height) {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        SplatView view = randomView(random, width, height);
        SplatArrays gaussians = randomGaussians(random, view, count);
        ProjectedGaussians projected = new ProjectedGaussians(count);
        float[] scratch = new float[Projection.SCRATCH_FLOATS];
        Projection.forward(gaussians, shDegree, view, view.cameraCentre(), projected, 0, count, scratch);
        float[] screen = new float[ScreenGradients.STRIDE * count];
        for (int i = 0; i < screen.length; i++) {
            screen[i] = (float) random.nextGaussian();
        }
        SplatArrays cpu = SplatArrays.allocate(count);
        Projection.backward(gaussians, shDegree, view, view.cameraCentre(), projected, screen, cpu, 0, count, scratch);

        SplatArrays gpu = SplatArrays.allocate(count);
        try (CudaStream stream = CudaStream.create(runtime, 0);
             DeviceSplatArrays deviceGaussians = DeviceSplatArrays.allocate(runtime, 0, count);
             DeviceProjectedGaussians deviceProjected = DeviceProjectedGaussians.allocate(runtime, 0, count);
             DeviceBuffer deviceScreen = DeviceBuffer.allocate(runtime, 0, (long) screen.length * Float.BYTES);
             DeviceSplatArrays deviceGrads = DeviceSplatArrays.allocate(runtime, 0, count)) {
            deviceGaussians.upload(stream, gaussians);
            deviceProjected.upload(stream, new DeviceProjectedGaussians.Host(projected.mean2d, projected.conic,
                    projected.depth, projected.radius, projected.tileRect, projected.tilesTouched, projected.rgb,
                    projected.opacity));
            HostArrayTransfers.upload(stream, deviceScreen, screen);
            // NaN everywhere first: the kernel must overwrite every gradient, zeros included.
            deviceGrads.upload(stream, filled(count, Float.NaN));
            new CudaProjection(runtime).enqueueBackward(stream, deviceGaussians, shDegree, view, deviceProjected,
                    deviceScreen, deviceGrads);
            deviceGrads.download(stream, gpu);
        }

        String where = "seed " + seed + ", ";
        assertRelativeErrorBelow(where + "d", cpu, gpu, PROJECT_TOLERANCE);
    }

    /** A camera at a random pose, with a focal length near the image width and an off-centre principal point. */
    static SplatView randomView(SplittableRandom random, int width, int height) {
        double qw = random.nextGaussian();
        double qx = random.nextGaussian();
        double qy = random.nextGaussian();
        double qz = random.nextGaussian();
        double n = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
        float[] r = new float[9];
        Projection.rotation((float) (qw / n), (float) (qx / n), (float) (qy / n), (float) (qz / n), r);
        float[] worldToCamera = new float[12];
        for (int row = 0; row < 3; row++) {
            System.arraycopy(r, 3 * row, worldToCamera, 4 * row, 3);
            worldToCamera[4 * row + 3] = (float) random.nextDouble(-2, 2);
        }
        float fx = (float) (width * random.nextDouble(0.7, 1.3));
        float fy = (float) (fx * random.nextDouble(0.95, 1.05));
        float cx = (float) (width * random.nextDouble(0.4, 0.6));
        float cy = (float) (height * random.nextDouble(0.4, 0.6));
        return new SplatView(width, height, fx, fy, cx, cy, worldToCamera);
    }

    /**
     * Gaussians placed in camera space and moved to world space: depths from behind the camera to
     * 6 units ahead, tangents up to twice the half field of view, scales 0.005 to 0.5, and one in 25
     * with a zero quaternion (culled by the twin's normalisation check).
     */
    static SplatArrays randomGaussians(SplittableRandom random, SplatView view, int count) {
        SplatArrays g = SplatArrays.allocate(count);
        float[] w = view.worldToCamera();
        for (int i = 0; i < count; i++) {
            double z = random.nextDouble(-1, 6);
            double cameraX = random.nextDouble(-1.2, 1.2) * Math.abs(z);
            double cameraY = random.nextDouble(-1.2, 1.2) * Math.abs(z);
            double[] camera = {cameraX - w[3], cameraY - w[7], z - w[11]};
            for (int axis = 0; axis < 3; axis++) {
                // world = R^T (camera - t)
                g.means()[3 * i + axis] = (float) (w[axis] * camera[0] + w[4 + axis] * camera[1]
                        + w[8 + axis] * camera[2]);
                g.logScales()[3 * i + axis] = (float) Math.log(random.nextDouble(0.005, 0.5));
                g.shDc()[3 * i + axis] = (float) (0.5 * random.nextGaussian());
            }
            boolean degenerate = random.nextInt(25) == 0;
            for (int k = 0; k < 4; k++) {
                g.rotations()[4 * i + k] = degenerate ? 0f : (float) random.nextGaussian();
            }
            g.opacityLogits()[i] = (float) (2 * random.nextGaussian());
            for (int k = 0; k < 45; k++) {
                g.shRest()[45 * i + k] = (float) (0.2 * random.nextGaussian());
            }
        }
        return g;
    }

    private static SplatArrays filled(int count, float value) {
        SplatArrays g = SplatArrays.allocate(count);
        for (float[] array : new float[][] {g.means(), g.logScales(), g.rotations(), g.opacityLogits(), g.shDc(),
                g.shRest()}) {
            Arrays.fill(array, value);
        }
        return g;
    }
}
