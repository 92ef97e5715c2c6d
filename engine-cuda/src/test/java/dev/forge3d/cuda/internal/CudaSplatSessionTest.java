package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.DensifyCounts;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatLearningRates;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java side of the GPU training session against a fake native library: what reaches each
 * native call, the argument checks that keep bad input away from it, the typed out-of-memory
 * error, and that closing frees the native session however the session ended.
 */
class CudaSplatSessionTest {
    private static final int W = 8;
    private static final int H = 6;
    private static final SplatLearningRates RATES = new SplatLearningRates(1e-3f, 5e-3f, 1e-3f, 2.5e-2f, 2.5e-3f,
            1.25e-4f);
    private static final SplatSettings SETTINGS = new SplatSettings(2.5f, 100, new float[] {0.1f, 0.2f, 0.3f}, 77, 1);

    private final FakeCudaLibrary fake = new FakeCudaLibrary();
    private final CudaRuntime runtime = fake.runtime();

    @AfterEach
    void closeFake() {
        assertEquals(List.of(), fake.handlerErrors());
        fake.close();
    }

    private static SplatView view() {
        return new SplatView(W, H, 10f, 11f, 4.5f, 3.25f, new float[] {0, -1, 0, 0.5f, 1, 0, 0, -0.25f, 0, 0, 1, 3f});
    }

    private CudaSplatSession open(int count) {
        return CudaSplatSession.open(runtime, 0, SplatArrays.allocate(count), SETTINGS);
    }

    @Test
    void createPassesTheCountSettingsAndFlags() {
        try (CudaSplatSession session = CudaSplatSession.open(runtime, 0, SplatArrays.allocate(5), SETTINGS,
                CudaSplatSession.Flag.SKIP_KERNELS, CudaSplatSession.Flag.TRACK_MEMORY)) {
            assertEquals(5, session.count());
        }
        List<Object> arguments = fake.callsOf("f3d_splat_session_create").getFirst().arguments();
        assertEquals(0, arguments.get(0));
        assertEquals(5, arguments.get(1));
        assertEquals(2.5f, arguments.get(8));
        assertEquals(100, arguments.get(9));
        assertEquals(77L, arguments.get(11));
        assertEquals(3, arguments.get(12));
    }

    @Test
    void aStepPassesTheViewWithItsCentreTheRatesAndTheShDegree() {
        try (CudaSplatSession session = open(3)) {
            session.setShDegree(2);
            session.step(view(), new float[3 * W * H], RATES);
            List<Object> arguments = fake.callsOf("f3d_splat_session_step").getFirst().arguments();
            assertEquals(0, arguments.get(1));
            assertEquals(W, arguments.get(3));
            assertEquals(H, arguments.get(4));
            assertEquals(2, arguments.get(6));
            float[] expectedView = new float[CudaSplatSession.VIEW_FLOATS];
            expectedView[0] = 10f;
            expectedView[1] = 11f;
            expectedView[2] = 4.5f;
            expectedView[3] = 3.25f;
            System.arraycopy(view().worldToCamera(), 0, expectedView, 4, 12);
            System.arraycopy(view().cameraCentre(), 0, expectedView, 16, 3);
            assertArrayEquals(expectedView, floats(arguments.get(2), CudaSplatSession.VIEW_FLOATS));
            assertArrayEquals(new float[] {1e-3f, 5e-3f, 1e-3f, 2.5e-2f, 2.5e-3f, 1.25e-4f},
                    floats(arguments.get(5), CudaSplatSession.LEARNING_RATES));
        }
    }

    @Test
    void eachTargetArrayIsUploadedOnceAndFoundAgainByIdentity() {
        float[] first = new float[3 * W * H];
        float[] second = new float[3 * W * H]; // equal contents, another frame
        try (CudaSplatSession session = open(3)) {
            session.step(view(), first, RATES);
            session.step(view(), second, RATES);
            session.step(view(), first, RATES);
        }
        assertEquals(List.of(0, 1), fake.callsOf("f3d_splat_session_upload_image").stream()
                .map(call -> call.arguments().get(1)).toList());
        assertEquals(List.of(0, 1, 0), fake.callsOf("f3d_splat_session_step").stream()
                .map(call -> call.arguments().get(1)).toList());
    }

    @Test
    void aTargetArrayPassedAgainWithAnotherImageSizeIsUploadedAgainAtThatSize() {
        // The CPU twin reads a target as an image of the view's size, whatever size it had before.
        float[] target = new float[3 * W * H];
        SplatView turned = new SplatView(H, W, 10f, 11f, 3.25f, 4.5f, view().worldToCamera());
        try (CudaSplatSession session = open(3)) {
            session.step(view(), target, RATES);
            session.step(turned, target, RATES);
            session.step(turned, target, RATES);
        }
        assertEquals(List.of(List.of(0, W, H), List.of(0, H, W)), fake.callsOf("f3d_splat_session_upload_image")
                .stream().map(call -> List.of(call.arguments().get(1), call.arguments().get(3),
                        call.arguments().get(4))).toList());
        assertEquals(List.of(0, 0, 0), fake.callsOf("f3d_splat_session_step").stream()
                .map(call -> call.arguments().get(1)).toList());
    }

    @Test
    void densifyPassesTheSettingsAndTakesTheNewCount() {
        fake.densifyCounts = new int[] {4, 2, 1, 10};
        try (CudaSplatSession session = open(5)) {
            DensifyCounts counts = session.densify(new DensifySettings(2e-4f, 0.01f, 0.005f, 20f, 0.1f));
            assertEquals(new DensifyCounts(4, 2, 1, 10), counts);
            assertEquals(10, session.count());
            assertArrayEquals(new float[] {2e-4f, 0.01f, 0.005f, 20f, 0.1f},
                    floats(fake.callsOf("f3d_splat_session_densify").getFirst().arguments().get(1),
                            CudaSplatSession.DENSIFY_SETTINGS));
            assertEquals(10, session.download().count());
        }
    }

    @Test
    void resetOpacityPassesTheLogitOfTheCapAsTheCpuTwinComputesIt() {
        try (CudaSplatSession session = open(2)) {
            session.resetOpacity(0.01f);
        }
        assertEquals((float) Math.log(0.01f / (1 - 0.01f)),
                fake.callsOf("f3d_splat_session_reset_opacity").getFirst().arguments().get(1));
    }

    @Test
    void badArgumentsNeverReachTheLibrary() {
        try (CudaSplatSession session = open(3)) {
            float[] image = new float[3 * W * H];
            Map<String, Executable> calls = new LinkedHashMap<>();
            calls.put("short target", () -> session.step(view(), new float[3 * W * H - 1], RATES));
            calls.put("null target", () -> session.step(view(), null, RATES));
            calls.put("null view", () -> session.step(null, image, RATES));
            calls.put("null rates", () -> session.step(view(), image, null));
            calls.put("negative rate", () -> session.step(view(), image,
                    new SplatLearningRates(-1e-3f, 0, 0, 0, 0, 0)));
            calls.put("NaN rate", () -> session.step(view(), image,
                    new SplatLearningRates(0, 0, 0, 0, Float.NaN, 0)));
            calls.put("zero focal length", () -> session.step(new SplatView(W, H, 0f, 11f, 4, 3,
                    view().worldToCamera()), image, RATES));
            calls.put("infinite pose", () -> session.step(new SplatView(W, H, 10f, 11f, 4, 3,
                    new float[] {1, 0, 0, Float.POSITIVE_INFINITY, 0, 1, 0, 0, 0, 0, 1, 0}), image, RATES));
            // Every value finite, but the centre -R^T t overflows: the native view check refuses it.
            calls.put("camera centre beyond float range", () -> session.render(new SplatView(W, H, 10f, 11f, 4, 3,
                    new float[] {1, 0, 0, 3e38f, 1, 0, 0, 3e38f, 0, 0, 1, 0}), image));
            calls.put("too wide", () -> session.render(new SplatView(70_000, 1, 10f, 11f, 4, 3,
                    view().worldToCamera()), new float[3 * 70_000]));
            calls.put("short render image", () -> session.render(view(), new float[5]));
            calls.put("training image over the loss's pixels", () -> session.step(new SplatView(8193, 8192, 10f,
                    11f, 4, 3, view().worldToCamera()), image, RATES));
            calls.put("NaN densify setting", () -> session.densify(new DensifySettings(Float.NaN, 0.01f, 0.005f, 0,
                    0)));
            calls.put("null densify settings", () -> session.densify(null));
            calls.put("opacity 0", () -> session.resetOpacity(0f));
            calls.put("opacity above 1", () -> session.resetOpacity(1.5f));
            calls.put("opacity NaN", () -> session.resetOpacity(Float.NaN));
            assertAll(calls.entrySet().stream().map(entry -> () -> {
                Forge3dException error = assertThrows(Forge3dException.class, entry.getValue(), entry.getKey());
                assertEquals(ErrorCode.INVALID_PARAM, error.code(), entry.getKey() + ": " + error.getMessage());
            }));
            assertThrows(IllegalArgumentException.class, () -> session.setShDegree(4));
        }
        assertEquals(List.of("f3d_splat_session_create", "f3d_splat_session_destroy"), fake.functionsCalled());
    }

    @Test
    void moreInitialGaussiansThanTheCapIsRefusedBeforeTheLibrary() {
        Forge3dException error = assertThrows(Forge3dException.class, () -> CudaSplatSession.open(runtime, 0,
                SplatArrays.allocate(101), SETTINGS));
        assertEquals(ErrorCode.INVALID_PARAM, error.code());
        assertEquals(List.of(), fake.functionsCalled());
    }

    @Test
    void outOfMemoryAtCreationIsTypedAndNamesTheGaussiansAndBytes() {
        fake.fail("f3d_splat_session_create", NativeStatus.F3D_ERROR_OUT_OF_MEMORY,
                "f3d_splat_session_create: allocating parameters and Adam moments for 90 Gaussians: 63720 bytes "
                        + "asked for: out of memory (cudaErrorMemoryAllocation)");
        Forge3dException error = assertThrows(Forge3dException.class, () -> open(90));
        assertEquals(ErrorCode.OUT_OF_MEMORY, error.code());
        assertTrue(error.getMessage().contains("90 Gaussians") && error.getMessage().contains("63720 bytes"),
                error.getMessage());
        assertEquals(Set.of(), fake.liveHandles());
    }

    @Test
    void outOfMemoryInAStepIsTypedAndClosingStillFreesTheSession() {
        fake.fail("f3d_splat_session_step", NativeStatus.F3D_ERROR_OUT_OF_MEMORY,
                "f3d_splat_session_step: allocating gradients for 40 Gaussians: 14160 bytes asked for: out of memory");
        CudaSplatSession session = open(40);
        Forge3dException error = assertThrows(Forge3dException.class,
                () -> session.step(view(), new float[3 * W * H], RATES));
        assertEquals(ErrorCode.OUT_OF_MEMORY, error.code());
        assertTrue(error.getMessage().contains("40 Gaussians"), error.getMessage());
        fake.fail("f3d_splat_session_destroy", NativeStatus.F3D_ERROR_CUDA, "pending work failed");
        assertDoesNotThrow(session::close, "the first failure is the one reported");
        session.close();
        assertEquals(1, fake.count("f3d_splat_session_destroy"));
        assertEquals(Set.of(), fake.liveHandles());
        Forge3dException closed = assertThrows(Forge3dException.class, session::download);
        assertEquals(ErrorCode.INVALID_PARAM, closed.code());
    }

    @Test
    void aDestroyFailureWithoutAnEarlierOneIsReported() {
        fake.fail("f3d_splat_session_destroy", NativeStatus.F3D_ERROR_CUDA, "illegal address");
        CudaSplatSession session = open(1);
        Forge3dException error = assertThrows(Forge3dException.class, session::close);
        assertTrue(error.getMessage().contains("illegal address"), error.getMessage());
        assertEquals(Set.of(), fake.liveHandles());
    }

    private static float[] floats(Object address, int count) {
        return ((MemorySegment) address).reinterpret((long) count * Float.BYTES).toArray(JAVA_FLOAT);
    }
}
