package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.engine.synthetic.RandomGaussians;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The densification and matching wrappers check every buffer, count and setting in Java: bad
 * input is an {@code invalid_param} error (or, for the DescriptorMatcher contract, an
 * IllegalArgumentException) and the (fake) library never sees the call. Runs without a GPU.
 */
class DensifyAndMatchChecksTest {
    private static final int N = 10;
    private static final int GAUSSIAN_BYTES = CudaDensification.FLOATS_PER_GAUSSIAN * Float.BYTES;
    private static final CudaDensification.Limits LIMITS =
            new CudaDensification.Limits(DensifySettings.defaults(true), 1f, 100);

    private FakeCudaLibrary fake;
    private CudaRuntime runtime;
    private CudaStream stream;
    private CudaDensification densification;
    private CudaDensification.Statistics statistics;

    @BeforeEach
    void setUp() {
        fake = new FakeCudaLibrary();
        runtime = fake.runtime();
        stream = CudaStream.create(runtime, 0);
        densification = new CudaDensification(runtime);
        statistics = new CudaDensification.Statistics(floats(N), floats(N), floats(N));
    }

    @AfterEach
    void tearDown() {
        fake.close();
        assertEquals(List.of(), fake.handlerErrors());
    }

    @Test
    void statisticsRejectBuffersThatDoNotFit() {
        DeviceBuffer radius = floats(N);
        DeviceBuffer screen = floats(9 * N);
        densification.enqueueStatistics(stream, radius, screen, N, 64, 48, statistics); // the control
        assertEquals(1, fake.count("f3d_splat_densify_statistics"));
        assertRejected(() -> densification.enqueueStatistics(stream, radius, floats(9 * N - 1), N, 64, 48,
                statistics));
        assertRejected(() -> densification.enqueueStatistics(stream, floats(N - 1), screen, N, 64, 48, statistics));
        assertRejected(() -> densification.enqueueStatistics(stream, radius, screen, -1, 64, 48, statistics));
        assertRejected(() -> densification.enqueueStatistics(stream, radius, screen, N, 0, 48, statistics));
        assertRejected(() -> densification.enqueueStatistics(stream, radius, screen, N, 64, 48,
                new CudaDensification.Statistics(floats(N), floats(N - 1), floats(N))));
        assertRejected(() -> densification.enqueueStatistics(stream, radius, screen, N, 64, 48,
                new CudaDensification.Statistics(radius, floats(N), floats(N))));
        CudaStream otherDevice = CudaStream.create(runtime, 1);
        assertRejected(() -> densification.enqueueStatistics(otherDevice, radius, screen, N, 64, 48, statistics));
        radius.close();
        assertRejected(() -> densification.enqueueStatistics(stream, radius, screen, N, 64, 48, statistics));
        assertEquals(1, fake.count("f3d_splat_densify_statistics"));
    }

    @Test
    void planAndApplyRejectModelsThatDoNotFit() {
        DeviceBuffer params = model(N);
        DeviceBuffer moment1 = model(N);
        DeviceBuffer moment2 = model(N);
        densification.plan(stream, params, N, statistics, LIMITS); // the controls
        densification.apply(stream, params, moment1, moment2, N, statistics, LIMITS, 1, 0, model(12), model(12),
                model(12), 12);
        assertEquals(1, fake.count("f3d_splat_densify_plan"));
        assertEquals(1, fake.count("f3d_splat_densify_apply"));

        assertRejected(() -> densification.plan(stream, model(N - 1), N, statistics, LIMITS));
        assertRejected(() -> densification.plan(stream, params, -1, statistics, LIMITS));
        assertRejectedAs(ErrorCode.VALIDATION_ERROR, () -> densification.plan(stream, params, N, statistics, null));
        assertRejected(() -> densification.plan(stream, params, N,
                new CudaDensification.Statistics(floats(N), floats(N), floats(N - 1)), LIMITS));
        // the out buffers must hold densifiedCount Gaussians, and no buffer may play two roles
        assertRejected(() -> densification.apply(stream, params, moment1, moment2, N, statistics, LIMITS, 1, 0,
                model(12), model(11), model(12), 12));
        assertRejected(() -> densification.apply(stream, params, moment1, moment2, N, statistics, LIMITS, 1, 0,
                model(12), model(12), model(12), -1));
        assertRejected(() -> densification.apply(stream, params, moment1, model(N - 1), N, statistics, LIMITS, 1, 0,
                model(12), model(12), model(12), 12));
        DeviceBuffer out = model(N);
        assertRejected(() -> densification.apply(stream, params, moment1, moment2, N, statistics, LIMITS, 1, 0,
                out, model(N), out, N));
        assertRejected(() -> densification.apply(stream, params, moment1, moment2, N, statistics, LIMITS, 1, 0,
                params, model(N), model(N), N));
        assertEquals(1, fake.count("f3d_splat_densify_plan"));
        assertEquals(1, fake.count("f3d_splat_densify_apply"));
    }

    @Test
    void limitsRejectSettingsTheKernelCannotUse() {
        DensifySettings settings = DensifySettings.defaults(false);
        assertInvalid(() -> new CudaDensification.Limits(settings, 0f, 100));
        assertInvalid(() -> new CudaDensification.Limits(settings, Float.NaN, 100));
        assertInvalid(() -> new CudaDensification.Limits(settings, 1f, 0));
        assertInvalid(() -> new CudaDensification.Limits(new DensifySettings(2e-4f, 0.01f, 1f, 0f, 0f), 1f, 100));
        assertEquals(ErrorCode.VALIDATION_ERROR, assertThrows(Forge3dException.class,
                () -> new CudaDensification.Limits(null, 1f, 100)).code(), "a missing argument");
    }

    @Test
    void packAndUnpackRoundTripEveryArray() {
        SplatArrays arrays = RandomGaussians.normalValues(7, new SplittableRandom(3));
        try (Arena arena = Arena.ofConfined()) {
            SplatArrays back = CudaDensification.unpack(CudaDensification.pack(arena, arrays), 7);
            TwinAssertions.assertBitIdentical("unpacked", arrays, back);
            assertInvalid(() -> CudaDensification.unpack(CudaDensification.pack(arena, arrays), 8));
        }
    }

    @Test
    void matcherChecksTheContractBeforeAnyNativeCall() {
        CudaDescriptorMatcher matcher = new CudaDescriptorMatcher(runtime, 0);
        int before = fake.functionsCalled().size();
        assertThrows(IllegalArgumentException.class, () -> matcher.match(new float[8], 2, new float[8], 3, 4, 0.8f));
        assertThrows(IllegalArgumentException.class, () -> matcher.match(new float[8], 2, new float[8], 2, 0, 0.8f));
        assertThrows(IllegalArgumentException.class, () -> matcher.match(new float[8], 2, new float[8], 2, 4, 0f));
        assertThrows(IllegalArgumentException.class, () -> matcher.match(new float[8], 2, new float[8], 2, 4, 1.5f));
        assertThrows(IllegalArgumentException.class, () -> matcher.match(null, 2, new float[8], 2, 4, 0.8f));
        assertThrows(IllegalArgumentException.class,
                () -> matcher.match(new float[] {0, 0, 0, 0, 1, Float.NaN, 0, 0}, 2, new float[8], 2, 4, 0.8f));
        assertEquals(0, matcher.match(new float[0], 0, new float[8], 2, 4, 0.8f).length);
        assertEquals(before, fake.functionsCalled().size(), "no stream, no buffer, no call");
        assertEquals(0, matcher.match(new float[8], 2, new float[12], 3, 4, 0.8f).length); // the control
        assertEquals(1, fake.count("f3d_match_descriptors"));
    }

    @Test
    void matchingRejectsBuffersThatDoNotFit() {
        CudaDescriptorMatcher matcher = new CudaDescriptorMatcher(runtime, 0);
        DeviceBuffer a = floats(8);
        DeviceBuffer b = floats(12);
        DeviceBuffer matches = floats(4);
        try (Arena host = Arena.ofConfined()) {
            matcher.enqueueMatch(stream, a, 2, b, 3, 4, 0.8f, matches, 2, host); // the control
            assertEquals(1, fake.count("f3d_match_descriptors"));
            assertRejected(() -> matcher.enqueueMatch(stream, a, 3, b, 3, 4, 0.8f, matches, 2, host));
            assertRejected(() -> matcher.enqueueMatch(stream, a, 2, b, 3, 4, 0.8f, matches, 3, host));
            assertRejected(() -> matcher.enqueueMatch(stream, a, 2, a, 2, 4, 0.8f, matches, 2, host));
            assertEquals(1, fake.count("f3d_match_descriptors"));
        }
    }

    private DeviceBuffer floats(int count) {
        return DeviceBuffer.allocate(runtime, 0, (long) Math.max(1, count) * Float.BYTES);
    }

    private DeviceBuffer model(int count) {
        return DeviceBuffer.allocate(runtime, 0, (long) Math.max(1, count) * GAUSSIAN_BYTES);
    }

    private void assertRejected(Executable call) {
        assertRejectedAs(ErrorCode.INVALID_PARAM, call);
    }

    private void assertRejectedAs(ErrorCode code, Executable call) {
        int calls = fake.count("f3d_splat_densify_statistics") + fake.count("f3d_splat_densify_plan")
                + fake.count("f3d_splat_densify_apply") + fake.count("f3d_match_descriptors");
        Forge3dException error = assertThrows(Forge3dException.class, call);
        assertEquals(code, error.code(), error.getMessage());
        assertEquals(calls, fake.count("f3d_splat_densify_statistics") + fake.count("f3d_splat_densify_plan")
                + fake.count("f3d_splat_densify_apply") + fake.count("f3d_match_descriptors"),
                "a rejected call must not reach the library");
    }

    private static void assertInvalid(Executable call) {
        Forge3dException error = assertThrows(Forge3dException.class, call);
        assertEquals(ErrorCode.INVALID_PARAM, error.code(), error.getMessage());
    }
}
