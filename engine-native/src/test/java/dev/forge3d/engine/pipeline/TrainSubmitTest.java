package dev.forge3d.engine.pipeline;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.JobKind;
import dev.forge3d.api.JobStatus;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.dataset.CameraIntrinsics;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.dataset.PosedFrame;
import dev.forge3d.engine.dataset.TransformsJson;
import dev.forge3d.engine.jobs.LocalJob;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;
import org.joml.Matrix4d;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * train reads its dataset once, when the job is submitted: what is wrong with it is thrown by
 * submit, typed and naming the file, as the engine's other inputs are; and the job trains on what
 * was read then.
 */
class TrainSubmitTest {
    private static final int WIDTH = 8, HEIGHT = 6;
    private static final TrainOptions OPTIONS = new TrainOptions(5, 1, 7, false, 10_000);

    @TempDir
    Path temp;
    private LocalEngine engine;

    @BeforeEach
    void open() {
        engine = new LocalEngine(EngineConfig.builder().workRoot(temp.resolve("work")).maxRunningJobs(1).build(),
                List.of(new CpuBackend()));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** Two 8x6 frames a step apart, written as transforms.json. */
    private Path writeDataset() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("dataset/images"));
        CameraIntrinsics camera = new CameraIntrinsics(WIDTH, HEIGHT, 8, 8, WIDTH / 2.0, HEIGHT / 2.0, 0);
        List<PosedFrame> frames = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path image = folder.resolve("f" + i + ".png");
            ImageIO.write(new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
            frames.add(new PosedFrame("images/f" + i + ".png", image, new Matrix4d().translation(0.2 * i, 0, -3), 0));
        }
        return TransformsJson.write(new PosedDataset(folder.getParent(), List.of(camera), frames, List.of()))
                .getParent();
    }

    private LocalJob submitTrain(Path dataset) {
        return engine.submit(DeviceKind.CPU, folder -> TrainPipeline.create(dataset, OPTIONS, temp.resolve("out.ply")));
    }

    @Test
    void aMalformedTransformsJsonIsThrownBySubmitNamingTheFileAndNothingIsQueued() throws Exception {
        Path dataset = writeDataset();
        Path file = dataset.resolve(TransformsJson.FILE_NAME);
        Files.writeString(file, "{\"frames\": [");

        Forge3dException e = assertThrows(Forge3dException.class, () -> submitTrain(dataset));

        assertEquals(ErrorCode.UNREADABLE_INPUT, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON"), e.getMessage());
        assertEquals(List.of(), engine.jobs());
        try (var left = Files.list(temp.resolve("work"))) {
            assertEquals(0, left.count(), "the job folder is removed");
        }
    }

    /** The dataset is read at submit: spoiling transforms.json while the job waits changes nothing. */
    @Test
    void theJobTrainsOnTheDatasetAsItWasWhenSubmitted() throws Exception {
        Path dataset = writeDataset();
        CountDownLatch release = new CountDownLatch(1);
        LocalJob blocker = engine.submit(DeviceKind.CPU, folder -> new Pipeline(JobKind.DEMO,
                List.of(new Stage("hold the only worker", 1, context -> release.await()))));
        LocalJob train = submitTrain(dataset);

        Files.writeString(dataset.resolve(TransformsJson.FILE_NAME), "{\"frames\": [");
        release.countDown();
        blocker.completion().get(10, TimeUnit.SECONDS);
        train.completion().exceptionally(error -> null).get(60, TimeUnit.SECONDS);

        assertEquals(JobStatus.DONE, train.status(), () -> train.error().map(Object::toString).orElse(""));
        assertEquals(WIDTH, ((Number) train.result().orElseThrow().metrics().get("image_width")).intValue());
        assertFalse(Files.exists(train.workFolder()));
    }
}
