package dev.forge3d.cuda.internal;

import dev.forge3d.api.spi.AdamHyperParams;
import dev.forge3d.engine.cpu.CpuFusedAdam;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static dev.forge3d.cuda.internal.TwinAssertions.assertRelativeErrorBelow;

/**
 * The Adam kernel against its CPU twin, on fresh random inputs, over several consecutive steps.
 *
 * <p>Tolerance: the kernel does the same float32 operations in the same order as CpuFusedAdam,
 * with no fused multiply-add and IEEE-rounded division and square root, so the results are expected
 * to be bit-identical. The bound, a relative L2 error of 1e-6 (about 8 float ulps), leaves room
 * for a compiler that rounds one operation differently, and any real mistake (a wrong bias
 * correction, a swapped beta, a missed element) is orders of magnitude larger. It is well under
 * the project's 1e-4 limit.
 */
@Tag("gpu")
class GpuAdamTest {
    private static final double TOLERANCE = 1e-6;
    private static final int STEPS = 5;

    @ParameterizedTest(name = "{0} floats")
    @ValueSource(ints = {1, 1000, (1 << 20) + 7})
    void matchesTheCpuTwinStepAfterStep(int count) {
        CudaAdam cuda = new CudaAdam(GpuTestSupport.runtimeOrSkip(), 0);
        CpuFusedAdam cpu = new CpuFusedAdam();
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        AdamHyperParams hyper = new AdamHyperParams(1e-2f, 0.9f, 0.999f, 1e-8f);

        float[] cpuParams = gaussian(random, count, 1f);
        float[] cpuMoment1 = new float[count];
        float[] cpuMoment2 = new float[count];
        float[] gpuParams = cpuParams.clone();
        float[] gpuMoment1 = new float[count];
        float[] gpuMoment2 = new float[count];
        for (int step = 1; step <= STEPS; step++) {
            float[] grads = gaussian(random, count, 0.1f);
            cpu.update(cpuParams, grads, cpuMoment1, cpuMoment2, hyper, step);
            cuda.update(gpuParams, grads.clone(), gpuMoment1, gpuMoment2, hyper, step);
            String where = "seed " + seed + ", step " + step + ", ";
            assertRelativeErrorBelow(where + "params", cpuParams, gpuParams, TOLERANCE);
            assertRelativeErrorBelow(where + "moment1", cpuMoment1, gpuMoment1, TOLERANCE);
            assertRelativeErrorBelow(where + "moment2", cpuMoment2, gpuMoment2, TOLERANCE);
        }
    }

    @ParameterizedTest(name = "epsilon {0}")
    @ValueSource(floats = {1e-15f, 1e-8f, 1e-3f})
    void matchesTheCpuTwinFromWarmMomentsAtALateStep(float epsilon) {
        CudaAdam cuda = new CudaAdam(GpuTestSupport.runtimeOrSkip(), 0);
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        int count = 4096;
        int step = 1000; // bias corrections near 1 for beta1, still far from it for beta2
        AdamHyperParams hyper = new AdamHyperParams(3e-4f, 0.9f, 0.999f, epsilon);
        float[] params = gaussian(random, count, 1f);
        float[] grads = gaussian(random, count, 1e-3f);
        float[] moment1 = gaussian(random, count, 1e-3f);
        float[] moment2 = new float[count];
        for (int i = 0; i < count; i++) {
            moment2[i] = (float) (random.nextDouble() * 1e-6);
        }
        float[] gpuParams = params.clone();
        float[] gpuMoment1 = moment1.clone();
        float[] gpuMoment2 = moment2.clone();
        new CpuFusedAdam().update(params, grads, moment1, moment2, hyper, step);
        cuda.update(gpuParams, grads, gpuMoment1, gpuMoment2, hyper, step);
        assertRelativeErrorBelow("seed " + seed + ", params", params, gpuParams, TOLERANCE);
        assertRelativeErrorBelow("seed " + seed + ", moment1", moment1, gpuMoment1, TOLERANCE);
        assertRelativeErrorBelow("seed " + seed + ", moment2", moment2, gpuMoment2, TOLERANCE);
    }

    private static float[] gaussian(SplittableRandom random, int count, float scale) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (scale * random.nextGaussian());
        }
        return values;
    }
}
