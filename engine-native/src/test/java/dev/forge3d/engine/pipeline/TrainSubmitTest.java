package dev.forge3d.engine.pipeline;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.JobKind;
import dev.forge3d.api.JobStatus;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.dataset.TransformsJson;
import dev.forge3d.engine.jobs.LocalJob;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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

    private Path writeDataset() throws Exception {
        return TinyDataset.write(temp.resolve("dataset"), WIDTH, HEIGHT).getParent();
    }

    private LocalJob submitTrain(Path dataset) {
        return engine.submit(DeviceKind.CPU, folder -> TrainPipeline.create(dataset, OPTIONS, temp.resolve("out.ply"),
                engine.config().maxImagePixels()));
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
