package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.DensifyCounts;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.cuda.internal.CudaDensification;
import dev.forge3d.cuda.internal.CudaRuntime;
import dev.forge3d.cuda.internal.CudaStream;
import dev.forge3d.cuda.internal.DeviceBuffer;
import dev.forge3d.cuda.internal.GpuTestSupport;
import dev.forge3d.cuda.internal.HostArrayTransfers;
import dev.forge3d.engine.synthetic.RandomGaussians;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static dev.forge3d.cuda.internal.TwinAssertions.PROJECT_TOLERANCE;
import static dev.forge3d.cuda.internal.TwinAssertions.assertBitIdentical;
import static dev.forge3d.cuda.internal.TwinAssertions.assertRelativeErrorBelow;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The densification kernels against their CPU twins ({@link CpuSplatSession#accumulateDensifyStatistics},
 * {@link Densification#run}) on fresh random models.
 *
 * <p>Tolerances: the statistics are the same float operations in the same order, so they must be
 * bit-identical. The plan's counts must be exact, and every copied value (originals, clones,
 * moments, the unchanged parts of split children) bit-identical. Only split children's means and
 * log-scales go through exp, log, cos and sqrt, which the GPU's double math library rounds within
 * an ulp or two of Java's; after rounding to float they agree to about 1e-7, and the bound is the
 * project's relative L2 error of 1e-4. A decision (clone or split, prune) could flip only for a
 * value within an ulp of its threshold, which random inputs do not hit. (Sizes come from methods:
 * the GPU bundle's Java runtime lacks java.sql, which CSV sources need.)
 */
@Tag("gpu")
class GpuDensificationTest {
    private static final float SCENE_EXTENT = 3f;
    /** Threshold 2e-4; clone up to 0.03, split above; prune below opacity 0.005, above 20 px, above 0.15. */
    private static final DensifySettings SETTINGS = new DensifySettings(2e-4f, 0.01f, 0.005f, 20f, 0.05f);

    @ParameterizedTest(name = "{0} Gaussians")
    @ValueSource(ints = {1, 333, 20_000})
    void statisticsAccumulateBitForBitAsTheTwin(int n) {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        int width = 97;
        int height = 61;
        float[] sum = new float[n];
        int[] count = new int[n];
        float[] maxRadius = new float[n];
        try (CudaStream stream = CudaStream.create(runtime, 0);
             DeviceBuffer gpuSum = upload(runtime, stream, sum);
             DeviceBuffer gpuCount = upload(runtime, stream, count);
             DeviceBuffer gpuMaxRadius = upload(runtime, stream, maxRadius)) {
            CudaDensification densification = new CudaDensification(runtime);
            CudaDensification.Statistics statistics =
                    new CudaDensification.Statistics(gpuSum, gpuCount, gpuMaxRadius);
            for (int view = 0; view < 4; view++) {
                int[] radius = new int[n];
                float[] screen = new float[ScreenGradients.STRIDE * n];
                for (int i = 0; i < n; i++) {
                    radius[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 60);
                }
                for (int k = 0; k < screen.length; k++) {
                    screen[k] = (float) (random.nextGaussian() * 1e-5);
                }
                CpuSplatSession.accumulateDensifyStatistics(radius, screen, n, width, height, sum, count, maxRadius);
                try (DeviceBuffer gpuRadius = upload(runtime, stream, radius);
                     DeviceBuffer gpuScreen = upload(runtime, stream, screen)) {
                    densification.enqueueStatistics(stream, gpuRadius, gpuScreen, n, width, height, statistics);
                    stream.synchronize();
                }
            }
            String where = "seed " + seed + ": ";
            assertArrayEquals(sum, download(stream, gpuSum, n), where + "gradient sums");
            assertArrayEquals(count, downloadInts(stream, gpuCount, n), where + "view counts");
            assertArrayEquals(maxRadius, download(stream, gpuMaxRadius, n), where + "max radii");
        }
    }

    /** Gaussians, the cap as n plus this fraction of n, and whether gradients tie; see the test. */
    static Stream<Arguments> models() {
        return Stream.of(Arguments.of(1, 10.0, false), Arguments.of(1, -0.5, false),
                Arguments.of(257, 10.0, false), Arguments.of(257, 0.1, false), Arguments.of(257, 0.1, true),
                Arguments.of(5000, 10.0, false), Arguments.of(5000, 0.2, false), Arguments.of(5000, 0.05, true),
                Arguments.of(5000, -0.1, false), Arguments.of(100_000, 0.15, false));
    }

    /**
     * @param capFraction the Gaussian cap as n plus this fraction of n: large enough for every
     *                    candidate, small enough that the lowest gradients are dropped, or below n
     * @param tiedGradients gradients from a handful of values, so the cap's tie-break by index decides
     */
    @ParameterizedTest(name = "{0} Gaussians, cap n + {1} n, tied gradients {2}")
    @MethodSource("models")
    void planAndApplyGiveTheTwinsModel(int n, double capFraction, boolean tiedGradients) {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        SplatArrays params = randomModel(random, n);
        SplatArrays moment1 = RandomGaussians.normalValues(n, random);
        SplatArrays moment2 = RandomGaussians.normalValues(n, random);
        float[] gradientSum = new float[n];
        int[] gradientCount = new int[n];
        float[] maxRadius = new float[n];
        for (int i = 0; i < n; i++) {
            gradientCount[i] = random.nextInt(5);
            float perView = tiedGradients ? 1e-4f * random.nextInt(1, 5) : (float) random.nextDouble(0, 5e-4);
            gradientSum[i] = perView * gradientCount[i];
            maxRadius[i] = gradientCount[i] == 0 ? 0 : random.nextInt(1, 40);
        }
        int maxGaussians = (int) Math.max(1, n + Math.round(capFraction * n));
        long densifySeed = random.nextLong();
        long callIndex = random.nextInt(1000);

        float[] mean = CpuSplatSession.meanGradients(gradientSum, gradientCount, n);
        Densification.Plan plan = Densification.plan(params, mean, maxRadius, SETTINGS, SCENE_EXTENT, maxGaussians);
        Densification.State cpu = Densification.apply(new Densification.State(params, moment1, moment2), plan,
                densifySeed, callIndex);
        DensifyCounts expected = new DensifyCounts(plan.cloned(), plan.split(), plan.pruned(), plan.kept());
        String where = "seed " + seed + ", " + expected + ": ";
        if (n >= 100) {
            assertTrue(expected.pruned() > 0 && (capFraction < 0 || expected.cloned() > 0 && expected.split() > 0),
                    where + "the inputs exercise clones, splits and prunes");
        }

        CudaDensification.Limits limits = new CudaDensification.Limits(SETTINGS, SCENE_EXTENT, maxGaussians);
        try (Arena arena = Arena.ofConfined();
             CudaStream stream = CudaStream.create(runtime, 0);
             DeviceBuffer gpuParams = uploadModel(runtime, stream, arena, params);
             DeviceBuffer gpuMoment1 = uploadModel(runtime, stream, arena, moment1);
             DeviceBuffer gpuMoment2 = uploadModel(runtime, stream, arena, moment2);
             DeviceBuffer gpuSum = upload(runtime, stream, gradientSum);
             DeviceBuffer gpuCount = upload(runtime, stream, gradientCount);
             DeviceBuffer gpuMaxRadius = upload(runtime, stream, maxRadius)) {
            CudaDensification densification = new CudaDensification(runtime);
            CudaDensification.Statistics statistics = new CudaDensification.Statistics(gpuSum, gpuCount, gpuMaxRadius);
            DensifyCounts planned = densification.plan(stream, gpuParams, n, statistics, limits);
            assertEquals(expected, planned, where + "counts");
            int m = planned.count();
            long modelBytes = Math.max(1L, (long) m * CudaDensification.FLOATS_PER_GAUSSIAN * Float.BYTES);
            try (DeviceBuffer outParams = DeviceBuffer.allocate(runtime, 0, modelBytes);
                 DeviceBuffer outMoment1 = DeviceBuffer.allocate(runtime, 0, modelBytes);
                 DeviceBuffer outMoment2 = DeviceBuffer.allocate(runtime, 0, modelBytes)) {
                densification.apply(stream, gpuParams, gpuMoment1, gpuMoment2, n, statistics, limits, densifySeed,
                        callIndex, outParams, outMoment1, outMoment2, m);
                SplatArrays gpu = downloadModel(stream, arena, outParams, m);
                assertBitIdentical(where + "moment1", cpu.moment1(), downloadModel(stream, arena, outMoment1, m));
                assertBitIdentical(where + "moment2", cpu.moment2(), downloadModel(stream, arena, outMoment2, m));
                assertArrayEquals(cpu.params().rotations(), gpu.rotations(), where + "rotations");
                assertArrayEquals(cpu.params().opacityLogits(), gpu.opacityLogits(), where + "opacities");
                assertArrayEquals(cpu.params().shDc(), gpu.shDc(), where + "SH dc");
                assertArrayEquals(cpu.params().shRest(), gpu.shRest(), where + "SH rest");
                int children = plan.keptChildren();
                assertCopiedExactlyAndSampledClosely(where + "means", cpu.params().means(), gpu.means(), m - children);
                assertCopiedExactlyAndSampledClosely(where + "log-scales", cpu.params().logScales(), gpu.logScales(),
                        m - children);
            }
        }
    }

    /** The first {@code copied} values (per Gaussian, 3 floats) bit-identical, the rest close. */
    private static void assertCopiedExactlyAndSampledClosely(String what, float[] expected, float[] actual,
                                                             int copied) {
        assertEquals(expected.length, actual.length, what + " length");
        int copiedFloats = 3 * Math.max(0, copied);
        for (int k = 0; k < copiedFloats; k++) {
            if (Float.floatToRawIntBits(expected[k]) != Float.floatToRawIntBits(actual[k])) {
                throw new AssertionError(what + ": copied value " + k + " is " + actual[k] + ", expected "
                        + expected[k]);
            }
        }
        assertRelativeErrorBelow(what + ": the split children", Arrays.copyOfRange(expected, copiedFloats,
                expected.length), Arrays.copyOfRange(actual, copiedFloats, actual.length), PROJECT_TOLERANCE);
    }

    /** Log-scales from 0.002 to 0.2 (both sides of the clone limit 0.03), opacities from 0.001 to 0.98. */
    private static SplatArrays randomModel(SplittableRandom random, int n) {
        SplatArrays g = RandomGaussians.normalValues(n, random);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                g.logScales()[3 * i + k] = (float) Math.log(random.nextDouble(0.002, 0.2));
            }
            g.opacityLogits()[i] = (float) random.nextDouble(-7, 4);
        }
        return g;
    }

    private static DeviceBuffer uploadModel(CudaRuntime runtime, CudaStream stream, Arena arena, SplatArrays model) {
        MemorySegment packed = CudaDensification.pack(arena, model);
        DeviceBuffer buffer = DeviceBuffer.allocate(runtime, 0, packed.byteSize());
        buffer.upload(stream, packed, 0);
        return buffer;
    }

    private static SplatArrays downloadModel(CudaStream stream, Arena arena, DeviceBuffer buffer, int count) {
        if (count == 0) {
            return SplatArrays.allocate(0);
        }
        MemorySegment packed = arena.allocate(JAVA_FLOAT, Math.max(1L, (long) count
                * CudaDensification.FLOATS_PER_GAUSSIAN));
        buffer.download(stream, 0, packed);
        stream.synchronize();
        return CudaDensification.unpack(packed, count);
    }

    /** A device buffer holding {@code values}, at least one element long (an empty allocation is refused). */
    private static DeviceBuffer upload(CudaRuntime runtime, CudaStream stream, float[] values) {
        DeviceBuffer buffer = DeviceBuffer.allocate(runtime, 0, (long) Math.max(1, values.length) * Float.BYTES);
        HostArrayTransfers.upload(stream, buffer, values);
        return buffer;
    }

    private static DeviceBuffer upload(CudaRuntime runtime, CudaStream stream, int[] values) {
        DeviceBuffer buffer = DeviceBuffer.allocate(runtime, 0, (long) Math.max(1, values.length) * Integer.BYTES);
        HostArrayTransfers.upload(stream, buffer, values);
        return buffer;
    }

    private static float[] download(CudaStream stream, DeviceBuffer buffer, int count) {
        float[] values = new float[count];
        HostArrayTransfers.download(stream, buffer, values);
        return values;
    }

    private static int[] downloadInts(CudaStream stream, DeviceBuffer buffer, int count) {
        int[] values = new int[count];
        HostArrayTransfers.download(stream, buffer, values);
        return values;
    }
}
