package dev.forge3d.cuda.internal;

import dev.forge3d.api.spi.DensifyCounts;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatLearningRates;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;
import dev.forge3d.engine.splat.CpuSplatSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.forge3d.cuda.internal.TwinAssertions.assertBitIdentical;
import static dev.forge3d.cuda.internal.TwinAssertions.assertRelativeErrorBelow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GPU training session against CpuSplatSession, its CPU twin, on fresh random scenes.
 *
 * <p>Tolerances: one step chains float32 kernels that each match their twin to 1e-4 (issue 5), so
 * the loss, the rendered image and the parameters after one Adam step must too. Over 20 steps
 * Adam's normalised update amplifies rounding differences where a gradient is near zero, so the
 * bound there is 1e-3: a wrong kernel (a missed group, a swapped learning rate, a stale
 * statistic) is off by orders of magnitude more.
 *
 * <p>The tests of the session's own plumbing (upload, download, opacity reset, the kernel-free
 * step, memory) need no splat kernel and pass before the kernels merge; the rest need them.
 */
@Tag("gpu")
class GpuSplatSessionTest {
    private static final double ONE_STEP = 1e-4;
    private static final double TWENTY_STEPS = 1e-3;
    private static final SplatLearningRates RATES = new SplatLearningRates(1e-3f, 5e-3f, 1e-3f, 2.5e-2f, 2.5e-3f,
            1.25e-4f);

    private CudaRuntime runtime;

    @BeforeEach
    void needsAGpu() {
        runtime = GpuTestSupport.runtimeOrSkip(); // before any scene is generated
    }

    private CudaSplatSession cuda(SplatArrays initial, SplatSettings settings, CudaSplatSession.Flag... flags) {
        return CudaSplatSession.open(runtime, 0, initial, settings, flags);
    }

    // ---- the session's own plumbing ----

    @ParameterizedTest(name = "{0} Gaussians")
    @ValueSource(ints = {0, 1, 1000, 100_003})
    void downloadReturnsTheUploadedGaussiansBitForBit(int count) {
        SplatArrays initial = GpuSplatScenes.random(count, System.nanoTime(), 0.01f, 0.1f);
        try (CudaSplatSession session = cuda(initial, GpuSplatScenes.settings(200_000, 1))) {
            assertEquals(count, session.count());
            assertBitIdentical("downloaded", initial, session.download());
        }
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(floats = {0.01f, 0.5f, 0.99f})
    void resetOpacityCapsTheLogitsAsTheCpuTwinDoes(float cap) {
        SplatArrays initial = GpuSplatScenes.random(5000, System.nanoTime(), 0.01f, 0.1f);
        for (int i = 0; i < initial.count(); i++) {
            initial.opacityLogits()[i] *= 6; // both sides of every cap
        }
        try (CpuSplatSession cpu = new CpuSplatSession(initial, GpuSplatScenes.settings(10_000, 1));
             CudaSplatSession gpu = cuda(initial, GpuSplatScenes.settings(10_000, 1))) {
            cpu.resetOpacity(cap);
            gpu.resetOpacity(cap);
            assertArrayEquals(cpu.download().opacityLogits(), gpu.download().opacityLogits());
        }
    }

    @Test
    void aKernelFreeStepDoesTheHostWorkAndLeavesTheModelAlone() {
        SplatArrays initial = GpuSplatScenes.random(2000, 5, 0.01f, 0.1f);
        SplatView view = GpuSplatScenes.views(1, 64, 48).getFirst();
        try (CudaSplatSession session = cuda(initial, GpuSplatScenes.settings(10_000, 1),
                CudaSplatSession.Flag.SKIP_KERNELS, CudaSplatSession.Flag.TRACK_MEMORY)) {
            float[] target = GpuSplatScenes.randomImage(64, 48, 6);
            for (int i = 0; i < 3; i++) {
                assertEquals(0f, session.step(view, target, RATES));
            }
            assertEquals(new DensifyCounts(0, 0, 0, 2000), session.densify(DensifySettings.defaults(true)));
            assertBitIdentical("downloaded", initial, session.download());
            CudaSplatSession.Memory memory = session.memory();
            long model = 3L * 59 * Float.BYTES * initial.count();
            long image = 3L * 64 * 48 * Float.BYTES;
            assertTrue(memory.heldBytes() >= model + image, memory.toString());
            assertTrue(memory.peakBytes() >= model, memory.toString());
        }
    }

    // ---- against the CPU twin (needs the splat kernels) ----

    @ParameterizedTest(name = "{0} Gaussians at {1}x{2}")
    @CsvSource({"50, 64, 48", "2000, 160, 120", "20000, 333, 197"})
    void oneStepMatchesTheCpuTwin(int count, int width, int height) {
        long seed = System.nanoTime();
        SplatArrays initial = GpuSplatScenes.random(count, seed, 0.02f, 0.15f);
        SplatView view = GpuSplatScenes.views(3, width, height).get(1);
        float[] target = GpuSplatScenes.randomImage(width, height, seed + 1);
        SplatSettings settings = GpuSplatScenes.settings(4 * count, 1);
        try (CpuSplatSession cpu = new CpuSplatSession(initial, settings);
             CudaSplatSession gpu = cuda(initial, settings)) {
            cpu.setShDegree(3);
            gpu.setShDegree(3);
            float cpuLoss = cpu.step(view, target, RATES);
            float gpuLoss = gpu.step(view, target, RATES);
            String where = "seed " + seed;
            assertRelativeErrorBelow(where + " loss", new float[] {cpuLoss}, new float[] {gpuLoss}, ONE_STEP);
            assertRelativeErrorBelow(where + " after one step", cpu.download(), gpu.download(), ONE_STEP);
            float[] cpuImage = new float[3 * width * height];
            float[] gpuImage = new float[3 * width * height];
            cpu.render(view, cpuImage);
            gpu.render(view, gpuImage);
            assertRelativeErrorBelow(where + " render", cpuImage, gpuImage, ONE_STEP);
        }
    }

    @Test
    void twentyStepsOverSeveralViewsWithADensificationStayClose() {
        long seed = System.nanoTime();
        int width = 96;
        int height = 72;
        SplatArrays truth = GpuSplatScenes.random(300, seed, 0.05f, 0.2f);
        List<SplatView> views = GpuSplatScenes.views(5, width, height);
        List<float[]> targets = new ArrayList<>();
        try (CpuSplatSession renderer = new CpuSplatSession(truth, GpuSplatScenes.settings(300, 1))) {
            renderer.setShDegree(3);
            for (SplatView v : views) {
                float[] image = new float[3 * width * height];
                renderer.render(v, image);
                targets.add(image);
            }
        }
        SplatArrays start = GpuSplatScenes.random(300, seed + 1, 0.05f, 0.2f);
        SplatSettings settings = new SplatSettings(1f, 2000, GpuSplatScenes.BACKGROUND, 5, 1);
        try (CpuSplatSession cpu = new CpuSplatSession(start, settings);
             CudaSplatSession gpu = cuda(start, settings)) {
            cpu.setShDegree(1);
            gpu.setShDegree(1);
            String where = "seed " + seed;
            for (int step = 1; step <= 20; step++) {
                int k = step % views.size();
                float cpuLoss = cpu.step(views.get(k), targets.get(k), RATES);
                float gpuLoss = gpu.step(views.get(k), targets.get(k), RATES);
                assertRelativeErrorBelow(where + " loss at step " + step, new float[] {cpuLoss},
                        new float[] {gpuLoss}, step == 1 ? ONE_STEP : TWENTY_STEPS);
                if (step == 1) {
                    assertRelativeErrorBelow(where + " after step 1", cpu.download(), gpu.download(), ONE_STEP);
                }
                if (step == 10) {
                    DensifySettings densify = new DensifySettings(1e-5f, 0.01f, 0.005f, 20f, 0.5f);
                    assertEquals(cpu.densify(densify), gpu.densify(densify), where + " densification counts");
                    assertEquals(cpu.count(), gpu.count());
                    assertRelativeErrorBelow(where + " after densifying", cpu.download(), gpu.download(), TWENTY_STEPS);
                }
            }
            assertRelativeErrorBelow(where + " after 20 steps", cpu.download(), gpu.download(), TWENTY_STEPS);
            float[] cpuImage = new float[3 * width * height];
            float[] gpuImage = new float[3 * width * height];
            cpu.render(views.get(2), cpuImage);
            gpu.render(views.get(2), gpuImage);
            assertRelativeErrorBelow(where + " render after 20 steps", cpuImage, gpuImage, TWENTY_STEPS);
        }
    }
}
