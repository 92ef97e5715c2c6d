package dev.forge3d.engine.pipeline;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.io.GaussianPly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine configured with a pixel limit holds the cameras of the datasets its jobs read to it,
 * as it holds photos and video frames: a camera one pixel over is input_too_large at submit,
 * naming the file and the size.
 */
class EnginePixelLimitTest {
    private static final int WIDTH = 8, HEIGHT = 6;

    @TempDir
    Path temp;

    private LocalEngine engine(long maxImagePixels) {
        return new LocalEngine(EngineConfig.builder().workRoot(temp.resolve("work")).maxImagePixels(maxImagePixels)
                .build(), List.of(new CpuBackend()));
    }

    /** The refusal: input_too_large, naming the file, the camera's size and the limit. */
    private static void assertTooLarge(ErrorCode code, String message, Path file) {
        assertEquals(ErrorCode.INPUT_TOO_LARGE, code, message);
        assertTrue(message.startsWith(file.toString()), message);
        assertTrue(message.contains(WIDTH + "x" + HEIGHT), message);
        assertTrue(message.contains(String.valueOf(WIDTH * HEIGHT - 1)), message);
    }

    @Test
    void trainRefusesADatasetCameraOverTheEnginesLimitAtSubmit() throws Exception {
        Path transforms = TinyDataset.write(temp.resolve("dataset"), WIDTH, HEIGHT);
        try (LocalEngine engine = engine(WIDTH * HEIGHT - 1)) {
            Forge3dException e = assertThrows(Forge3dException.class, () -> engine.submit(DeviceKind.CPU,
                    folder -> TrainPipeline.create(transforms.getParent(),
                            new TrainOptions(5, 1, 7, false, 10_000), temp.resolve("out.ply"),
                            engine.config().maxImagePixels())));
            assertTooLarge(e.code(), e.getMessage(), transforms);
            assertEquals(List.of(), engine.jobs());
        }
    }

    @Test
    void renderRefusesPosesWithACameraOverTheEnginesLimitAtSubmit() throws Exception {
        Path transforms = TinyDataset.write(temp.resolve("dataset"), WIDTH, HEIGHT);
        Path scene = temp.resolve("scene.ply");
        GaussianPly.write(SplatArrays.allocate(1), scene);
        try (LocalEngine engine = engine(WIDTH * HEIGHT - 1)) {
            long limit = engine.config().maxImagePixels();
            Forge3dException views = assertThrows(Forge3dException.class, () -> engine.submit(DeviceKind.CPU,
                    folder -> RenderPipeline.poses(scene, transforms, temp.resolve("views"), limit)));
            assertTooLarge(views.code(), views.getMessage(), transforms);
            Forge3dException turntable = assertThrows(Forge3dException.class, () -> engine.submit(DeviceKind.CPU,
                    folder -> RenderPipeline.turntable(scene, transforms, temp.resolve("orbit.mp4"), limit)));
            assertTooLarge(turntable.code(), turntable.getMessage(), transforms);
            assertEquals(List.of(), engine.jobs());
        }
    }
}
