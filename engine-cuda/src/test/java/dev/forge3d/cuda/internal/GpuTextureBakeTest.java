package dev.forge3d.cuda.internal;

import dev.forge3d.engine.mesh.TextureBaker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static dev.forge3d.cuda.internal.TwinAssertions.PROJECT_TOLERANCE;
import static dev.forge3d.cuda.internal.TwinAssertions.assertRelativeErrorBelow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The texture-bake kernel against its CPU twin (TextureBaker.sampleTexelRows) on fresh random
 * inputs: texel surfaces, perspective and orthographic cameras of different image sizes, colours,
 * masks and depths (about half the views' depths hide the point), with and without symmetry.
 *
 * <p>Tolerance: the kernel does the twin's double operations in the same order without fused
 * multiply-adds, so the outputs are expected to be identical. A texel whose best view is a tie
 * within one rounding could still differ; the bound allows one texel in 10,000 to, and any real
 * mistake (a swapped row, a wrong offset between views, a missed mirror) changes far more. The
 * colours' relative L2 error must stay under the project's 1e-4.
 */
@Tag("gpu")
class GpuTextureBakeTest {

    @ParameterizedTest(name = "{0}^2 texels, {1} views, mirror planes {2}")
    @CsvSource({"1, 1, 0", "64, 4, 3", "257, 3, 1", "1024, 4, 2", "512, 2, 3"})
    void matchesTheCpuTwin(int size, int viewCount, int mirrorPlanes) {
        CudaTextureBake cuda = new CudaTextureBake(GpuTestSupport.runtimeOrSkip(), 0);
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        int texels = size * size;
        byte[] covered = new byte[texels];
        float[] position = new float[3 * texels];
        float[] normal = new float[3 * texels];
        for (int t = 0; t < texels; t++) {
            covered[t] = (byte) (random.nextDouble() < 0.8 ? 1 : 0);
            double nx = random.nextGaussian(), ny = random.nextGaussian(), nz = random.nextGaussian();
            double length = Math.max(1e-9, Math.sqrt(nx * nx + ny * ny + nz * nz));
            for (int k = 0; k < 3; k++) {
                position[3 * t + k] = (float) (random.nextDouble() * 2 - 1);
            }
            normal[3 * t] = (float) (nx / length);
            normal[3 * t + 1] = (float) (ny / length);
            normal[3 * t + 2] = (float) (nz / length);
        }
        double[] cameras = new double[TextureBaker.CAMERA_DOUBLES * viewCount];
        int[] viewSizes = new int[2 * viewCount];
        int pixels = 0;
        for (int v = 0; v < viewCount; v++) {
            int w = 32 + random.nextInt(200), h = 32 + random.nextInt(200);
            viewSizes[2 * v] = w;
            viewSizes[2 * v + 1] = h;
            pixels += w * h;
            randomCamera(random, w, h, v % 2 == 0, cameras, TextureBaker.CAMERA_DOUBLES * v);
        }
        int[] viewRgb = new int[pixels];
        byte[] viewMask = new byte[pixels];
        float[] viewDepth = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            viewRgb[p] = random.nextInt(1 << 24);
            viewMask[p] = (byte) (random.nextDouble() < 0.9 ? 1 : 0);
            // The cameras put the points 3 to 5 units deep: about half are hidden.
            viewDepth[p] = random.nextDouble() < 0.05 ? Float.POSITIVE_INFINITY : (float) (3 + 2 * random.nextDouble());
        }
        double tolerance = 0.05;

        int[] cpuRgb = new int[texels];
        byte[] cpuSeen = new byte[texels];
        TextureBaker.sampleTexelRows(size, covered, position, normal, viewCount, cameras, viewSizes, viewRgb,
                viewMask, viewDepth, tolerance, mirrorPlanes, cpuRgb, cpuSeen, 0, size);
        int[] gpuRgb = new int[texels];
        byte[] gpuSeen = new byte[texels];
        cuda.bake(size, covered, position, normal, viewCount, cameras, viewSizes, viewRgb, viewMask, viewDepth,
                tolerance, mirrorPlanes, gpuRgb, gpuSeen);

        int differing = 0, seenByCpu = 0;
        for (int t = 0; t < texels; t++) {
            seenByCpu += cpuSeen[t];
            if (cpuRgb[t] != gpuRgb[t] || cpuSeen[t] != gpuSeen[t]) {
                differing++;
            }
        }
        String where = "seed " + seed + ": ";
        assertTrue(texels < 100 || seenByCpu > 0.1 * texels, where + "the inputs should let views see texels");
        assertTrue(differing <= texels / 10_000, where + differing + " of " + texels + " texels differ");
        // The channels are whole numbers, so a zero reference (all black) still demands an exact match.
        assertRelativeErrorBelow(where + "colour channels", channels(cpuRgb), channels(gpuRgb),
                PROJECT_TOLERANCE);
        if (texels == 1) {
            assertEquals(cpuRgb[0], gpuRgb[0], where + "the single texel");
        }
    }

    /** The three 8-bit channels of packed 24-bit colours, texel by texel, low byte first. */
    private static float[] channels(int[] rgb) {
        float[] channels = new float[3 * rgb.length];
        for (int t = 0; t < rgb.length; t++) {
            for (int k = 0; k < 3; k++) {
                channels[3 * t + k] = (rgb[t] >> (8 * k)) & 0xFF;
            }
        }
        return channels;
    }

    /**
     * A camera that sees the cube [-1, 1]^3 from 3 to 5 units deep: a perspective one (u, v
     * divided by depth) or an orthographic one, rows perturbed so that no two views agree.
     */
    private static void randomCamera(SplittableRandom random, int w, int h, boolean perspective, double[] out,
                                     int at) {
        double focal = perspective ? 0.8 * w : 0.3 * w;
        double jitter = 0.05 * focal;
        double depthScale = perspective ? 4 : 1;
        double[] rows = {
                focal + jitter * random.nextGaussian(), jitter * random.nextGaussian(), w / 2.0 * (perspective ? 1 : 0),
                w / 2.0 * depthScale,
                jitter * random.nextGaussian(), -focal + jitter * random.nextGaussian(), h / 2.0 * (perspective ? 1 : 0),
                h / 2.0 * depthScale,
                0.05 * random.nextGaussian(), 0.05 * random.nextGaussian(), 1, 4};
        System.arraycopy(rows, 0, out, at, 12);
        double dx = random.nextGaussian(), dy = random.nextGaussian(), dz = random.nextGaussian();
        double length = Math.max(1e-9, Math.sqrt(dx * dx + dy * dy + dz * dz));
        out[at + 12] = dx / length;
        out[at + 13] = dy / length;
        out[at + 14] = dz / length;
        out[at + 15] = perspective ? 1 : 0;
    }
}
