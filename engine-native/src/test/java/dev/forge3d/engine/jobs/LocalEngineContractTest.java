package dev.forge3d.engine.jobs;

import dev.forge3d.api.BackendInfo;
import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.JobKind;
import dev.forge3d.api.JobStatus;
import dev.forge3d.api.spi.ComputeBackend;
import dev.forge3d.api.spi.FusedAdam;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the API's Engine and Job documents of close, listeners and completion, held to LocalEngine. */
class LocalEngineContractTest {
    @TempDir
    Path temp;

    /** The CPU backend, counting how often it is closed. */
    private static final class CountingBackend implements ComputeBackend {
        private final CpuBackend cpu = new CpuBackend();
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public DeviceKind kind() {
            return cpu.kind();
        }

        @Override
        public BackendInfo info() {
            return cpu.info();
        }

        @Override
        public FusedAdam fusedAdam() {
            return cpu.fusedAdam();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private LocalEngine open(ComputeBackend backend) {
        return new LocalEngine(EngineConfig.builder().workRoot(temp.resolve("work")).build(), List.of(backend));
    }

    private static Pipeline pipeline(Stage... stages) {
        return new Pipeline(JobKind.DEMO, List.of(stages));
    }

    @Test
    void closingTwiceClosesEachBackendOnce() {
        CountingBackend backend = new CountingBackend();
        LocalEngine engine = open(backend);
        engine.close();
        engine.close();
        assertEquals(1, backend.closes.get());
    }

    /**
     * Jobs submitted and cancelled on another thread while the engine closes: close must still
     * free the backends (once), however the two interleave. Repeated, since it is a race.
     */
    @Test
    void closingWhileAnotherThreadSubmitsAndCancelsStillClosesTheBackends() throws Exception {
        for (int round = 0; round < 200; round++) {
            CountingBackend backend = new CountingBackend();
            LocalEngine racing = new LocalEngine(EngineConfig.builder().workRoot(temp.resolve("race"))
                    .maxRunningJobs(1).maxQueuedJobs(1000).build(), List.of(backend));
            CountDownLatch submitting = new CountDownLatch(1);
            Thread submitter = Thread.ofPlatform().start(() -> {
                submitting.countDown();
                try {
                    while (true) {
                        racing.submit(DeviceKind.CPU, folder -> pipeline(new Stage("quick", 1, c -> { }))).cancel();
                    }
                } catch (Forge3dException closed) {
                    // the engine closed
                }
            });
            assertTrue(submitting.await(10, TimeUnit.SECONDS));
            racing.close();
            submitter.join();
            assertEquals(1, backend.closes.get(), "round " + round + ": the backend is closed once by close()");
        }
    }

    @Test
    void aSubmissionAfterCloseIsRefusedAsTheApiSays() {
        LocalEngine engine = open(new CountingBackend());
        engine.close();
        Forge3dException refused = assertThrows(Forge3dException.class,
                () -> engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("x", 1, c -> { }))));
        assertEquals(ErrorCode.VALIDATION_ERROR, refused.code());
    }

    @Test
    void aNullListenerIsRefusedAtOnceAndTheOthersStillHearTheJob() throws Exception {
        try (LocalEngine engine = open(new CountingBackend())) {
            CountDownLatch release = new CountDownLatch(1);
            LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("wait", 1, c -> {
                assertTrue(release.await(10, TimeUnit.SECONDS));
                c.progress(0.5, "half");
            })));
            NullPointerException refused = assertThrows(NullPointerException.class, () -> job.addProgressListener(null));
            assertTrue(String.valueOf(refused.getMessage()).contains("listener"), refused.getMessage());
            // Counted down by the first call and by the last report, which may come after the completion.
            CountDownLatch heard = new CountDownLatch(2);
            job.addProgressListener((j, progress) -> {
                if (heard.getCount() == 2 || progress.percent() == 100) {
                    heard.countDown();
                }
            });
            release.countDown();
            job.completion().get(10, TimeUnit.SECONDS);
            assertTrue(heard.await(10, TimeUnit.SECONDS), "the listener heard the job");
        }
    }

    @Test
    void aFailedJobsCompletionCarriesTheFailureAsItsCause() {
        try (LocalEngine engine = open(new CountingBackend())) {
            IOException diskFull = new IOException("No space left on device");
            LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("write", 1, c -> {
                throw diskFull;
            })));
            CompletionException thrown = assertThrows(CompletionException.class, () -> job.completion().join());
            Forge3dException error = assertInstanceOf(Forge3dException.class, thrown.getCause());
            assertEquals(ErrorCode.INTERNAL_ERROR, error.code());
            assertEquals(job.error().orElseThrow().message(), error.getMessage());
            assertSame(diskFull, error.getCause());
        }
    }

    @Test
    void theStatusIsTerminalByTheTimeTheCompletionCompletes() throws Exception {
        try (LocalEngine engine = open(new CountingBackend())) {
            LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("quick", 1, c -> { })));
            JobStatus[] seen = new JobStatus[1];
            job.completion().thenRun(() -> seen[0] = job.status()).get(10, TimeUnit.SECONDS);
            assertEquals(JobStatus.DONE, seen[0]);
            assertTrue(job.result().isPresent());
        }
    }

    @Test
    void cancellingTheCompletionsFutureLeavesTheJobRunning() throws Exception {
        try (LocalEngine engine = open(new CountingBackend())) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("wait", 1, c -> {
                started.countDown();
                assertTrue(release.await(10, TimeUnit.SECONDS));
            })));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            job.completion().cancel(true);
            assertEquals(JobStatus.RUNNING, job.status());
            release.countDown();
            job.completion().get(10, TimeUnit.SECONDS);
            assertEquals(JobStatus.DONE, job.status());
        }
    }
}
