package dev.forge3d.engine.jobs;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Estimate;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.InputSource;
import dev.forge3d.api.Job;
import dev.forge3d.api.JobKind;
import dev.forge3d.api.JobProgress;
import dev.forge3d.api.JobResult;
import dev.forge3d.api.JobStatus;
import dev.forge3d.api.ProgressListener;
import dev.forge3d.api.ScanParams;
import dev.forge3d.api.ScanRequest;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.estimate.CostModel;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class LocalEngineJobsTest {
    private static final JobProgress DONE = new JobProgress(100, "done");

    @TempDir
    Path temp;

    private LocalEngine engine;

    @BeforeEach
    void openEngine() {
        engine = open(1, 1);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private LocalEngine open(int running, int queued) {
        return open(EngineConfig.builder().workRoot(temp.resolve("work")).maxRunningJobs(running)
                .maxQueuedJobs(queued).build());
    }

    private static LocalEngine open(EngineConfig config) {
        return new LocalEngine(config, List.of(new CpuBackend()));
    }

    private static Pipeline pipeline(Stage... stages) {
        return new Pipeline(JobKind.DEMO, List.of(stages));
    }

    /** A stage that reports progress and checks cancellation until released, like a long loop. */
    private static Stage blockingStage(CountDownLatch started, CountDownLatch release) {
        return new Stage("long loop", 1, context -> {
            started.countDown();
            for (int i = 0; !release.await(5, TimeUnit.MILLISECONDS); i++) {
                context.progress((i % 100) / 100.0, "iteration " + i);
            }
        });
    }

    /** Records what a listener hears, and lets a test wait until it has heard the job's "done". */
    private static final class HeardProgress implements ProgressListener {
        private final List<JobProgress> seen = new CopyOnWriteArrayList<>();
        private final CountDownLatch heardDone = new CountDownLatch(1);

        @Override
        public void onProgress(Job job, JobProgress progress) {
            seen.add(progress);
            if (progress.equals(DONE)) {
                heardDone.countDown();
            }
        }

        /** What it heard, once "done" has come, which ends it. */
        List<JobProgress> awaitDone() throws InterruptedException {
            assertTrue(heardDone.await(10, TimeUnit.SECONDS), "the listener heard " + seen);
            assertEquals(DONE, seen.getLast(), "nothing after done");
            return seen;
        }
    }

    @Test
    void aScanEstimateOfAPhotoFolderCountsItsPhotosAndTakesTheirSizeFromTheHeaders() throws Exception {
        ScanParams params = ScanParams.builder().device(DeviceKind.CPU).build();
        CostModel model = new CostModel(Runtime.getRuntime().availableProcessors());
        for (int[] size : new int[][] {{1280, 720, 3}, {300, 200, 5}}) {
            Path folder = Files.createDirectories(temp.resolve("photos-" + size[0]));
            for (int i = 0; i < size[2]; i++) {
                ImageIO.write(new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB), "png",
                        folder.resolve("photo-" + i + ".png").toFile());
            }
            Estimate estimate = engine.estimate(new ScanRequest(InputSource.of(folder), params, temp.resolve("x.ply")));
            // Every photo is posed, not the frames a video would give: 3 or 5 here, not params.frames() = 120.
            assertEquals(model.scan(params, size[2], size[0], size[1], DeviceKind.CPU), estimate,
                    size[2] + " photos of " + size[0] + " x " + size[1]);
        }
    }

    @Test
    void aScanEstimateOfAShortVideoCountsTheFramesItHas() throws Exception {
        Path video = SceneGenerator.generate(GenerationSpec.orbit(ScenePreset.SPHERE.onGround(1), 96, 64, 40),
                temp.resolve("orbit")).video();
        CostModel model = new CostModel(Runtime.getRuntime().availableProcessors());
        for (int asked : new int[] {30, 120}) {
            ScanParams params = ScanParams.builder().device(DeviceKind.CPU).frames(asked).build();
            Estimate estimate = engine.estimate(new ScanRequest(InputSource.of(video), params, temp.resolve("x.ply")));
            assertEquals(model.scan(params, Math.min(asked, 40), 96, 64, DeviceKind.CPU), estimate, asked + " asked");
        }
    }

    @Test
    void aJobGoesFromQueuedThroughRunningToDoneWithItsOutputInPlace() throws Exception {
        Path output = temp.resolve("out/result.txt");
        List<JobProgress> seen = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);

        LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(
                blockingStage(started, release),
                new Stage("write", 1, context -> {
                    Files.writeString(context.stageOutput("text", output), "hello");
                    context.metric("answer", 42);
                })));
        job.addProgressListener((j, progress) -> seen.add(progress));

        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertEquals(JobStatus.RUNNING, job.status());
        assertFalse(Files.exists(output), "nothing is published while the job runs");
        release.countDown();
        JobResult result = job.completion().get(10, TimeUnit.SECONDS);

        assertEquals(JobStatus.DONE, job.status());
        assertEquals("hello", Files.readString(output));
        assertEquals(output, result.outputs().get("text"));
        assertEquals(42, result.metrics().get("answer"));
        assertTrue(result.metrics().containsKey("seconds_write"));
        assertEquals(DONE, job.progress());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).percent() >= seen.get(i - 1).percent(), "progress never goes back: " + seen);
        }
        assertFalse(Files.exists(job.workFolder()), "the working folder is removed");
        assertEquals(job, engine.job(job.id()).orElseThrow());
        assertEquals(List.of(job), engine.jobs());
    }

    @Test
    void aFailingStageEndsFailedWithItsTypedErrorAndNoOutput() {
        Path output = temp.resolve("never.txt");
        LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(
                new Stage("write", 1, context -> Files.writeString(context.stageOutput("text", output), "partial")),
                new Stage("fail", 1, context -> {
                    throw new Forge3dException(ErrorCode.RECONSTRUCTION_FAILED, "no parallax");
                })));

        CompletionException thrown = assertThrows(CompletionException.class, () -> job.completion().join());

        assertEquals(JobStatus.FAILED, job.status());
        assertEquals(ErrorCode.RECONSTRUCTION_FAILED, job.error().orElseThrow().code());
        assertEquals(ErrorCode.RECONSTRUCTION_FAILED, assertInstanceOf(Forge3dException.class, thrown.getCause()).code());
        assertFalse(Files.exists(output));
    }

    @Test
    void anUnexpectedExceptionBecomesAnInternalError() {
        LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("boom", 1, context -> {
            throw new IllegalStateException("bug");
        })));
        assertThrows(CompletionException.class, () -> job.completion().join());
        assertEquals(ErrorCode.INTERNAL_ERROR, job.error().orElseThrow().code());
    }

    @Test
    void runningOutOfHeapIsOutOfMemorySayingWhatToDoEvenWithoutAMessage() {
        LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("allocate", 1, c -> {
            throw new OutOfMemoryError(); // as a ForkJoin join rethrows it: no message
        })));
        assertThrows(CompletionException.class, () -> job.completion().join());

        assertEquals(ErrorCode.OUT_OF_MEMORY, job.error().orElseThrow().code());
        String message = job.error().orElseThrow().message();
        assertTrue(message.startsWith("host memory ran out (Java heap space) with a Java heap of at most "), message);
        assertTrue(message.contains("-Xmx"), message);
    }

    @Test
    void aMetricOfTheWrongKindFailsItsStageInsteadOfTheFinishedJob() {
        LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(
                new Stage("measure", 1, context -> context.metric("bbox_m", new double[] {1, 2, 3}))));
        assertThrows(CompletionException.class, () -> job.completion().join());
        assertEquals(ErrorCode.INTERNAL_ERROR, job.error().orElseThrow().code());
        assertTrue(job.error().orElseThrow().message().contains("bbox_m"), job.error().orElseThrow().message());
    }

    @Test
    void cancellingARunningJobStopsItFreesItsResourcesAndLeavesNoOutput() throws Exception {
        Path output = temp.resolve("cancelled.bin");
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean freed = new AtomicBoolean();
        LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(
                new Stage("allocate", 1, context -> {
                    context.closeAtEnd(() -> freed.set(true));
                    Files.writeString(context.stageOutput("bin", output), "partial");
                }),
                blockingStage(started, new CountDownLatch(1))));
        assertTrue(started.await(10, TimeUnit.SECONDS));

        assertTrue(job.cancel());
        CompletionException thrown = assertThrows(CompletionException.class, () -> job.completion().join());

        assertEquals(JobStatus.CANCELLED, job.status());
        assertEquals(ErrorCode.CANCELLED, job.error().orElseThrow().code());
        assertEquals(ErrorCode.CANCELLED, ((Forge3dException) thrown.getCause()).code());
        assertTrue(freed.get(), "resources registered by the job are closed");
        assertFalse(Files.exists(output), "no output is left under the requested name");
        assertFalse(Files.exists(job.workFolder()));
        assertFalse(job.cancel(), "a finished job cannot be cancelled again");
    }

    @Test
    void cancellingAQueuedJobEndsItAtOnceWithoutRunningIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LocalJob first = engine.submit(DeviceKind.CPU, folder -> pipeline(blockingStage(started, release)));
        AtomicBoolean ran = new AtomicBoolean();
        LocalJob second = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("run", 1, c -> ran.set(true))));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertEquals(JobStatus.QUEUED, second.status());

        assertTrue(Files.isDirectory(second.workFolder()), "submit made the folder its inputs are stored in");

        assertTrue(second.cancel());
        assertEquals(JobStatus.CANCELLED, second.status());
        assertFalse(Files.exists(second.workFolder()), "a job cancelled while queued removes its folder too");
        release.countDown();
        first.completion().get(10, TimeUnit.SECONDS);

        assertFalse(ran.get());
    }

    @Test
    void listenersSeeProgressInOrderWhenParallelWorkersReportAtOnce() throws Exception {
        for (int run = 0; run < 5; run++) {
            CountDownLatch listening = new CountDownLatch(1);
            LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("parallel loop", 1, context -> {
                listening.await();
                int n = 20_000;
                AtomicInteger done = new AtomicInteger();
                IntStream.range(0, n).parallel().forEach(i ->
                        context.progress((double) done.incrementAndGet() / n, "item " + i));
            })));
            HeardProgress heard = new HeardProgress();
            job.addProgressListener(heard);
            listening.countDown();
            job.completion().get(20, TimeUnit.SECONDS);
            List<JobProgress> seen = heard.awaitDone();
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i).percent() >= seen.get(i - 1).percent(), "run " + run + ": " + seen.get(i - 1)
                        + " then " + seen.get(i) + " at delivery " + i);
            }
        }
    }

    @Test
    void aBlockedListenerHoldsUpNeitherTheWorkersNorTheCompletionAndHearsTheLastReportOnceReleased()
            throws Exception {
        CountDownLatch listening = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("loop", 1, context -> {
            listening.await();
            context.progress(0.01, "item 1");
            // The rest only once the listener is stuck in its call on the first: on a busy machine the
            // delivery thread could otherwise first run after the job had ended, and hear only its end.
            blocked.await(10, TimeUnit.SECONDS);
            for (int i = 2; i <= 100; i++) {
                context.progress(i / 100.0, "item " + i);
            }
        })));
        Thread caller = Thread.currentThread();
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> deliverer = new AtomicReference<>();
        List<JobProgress> seen = new CopyOnWriteArrayList<>();
        job.addProgressListener((j, progress) -> {
            seen.add(progress);
            if (Thread.currentThread() != caller && deliverer.compareAndSet(null, Thread.currentThread())) {
                blocked.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS); // like a UI writing to a slow terminal
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try {
            listening.countDown();
            assertTrue(blocked.await(10, TimeUnit.SECONDS), "the listener heard the run");

            job.completion().get(10, TimeUnit.SECONDS);
            assertEquals(JobStatus.DONE, job.status());
            assertEquals(2, seen.size(), "no call while the listener is still in one: " + seen);
        } finally {
            release.countDown();
        }
        deliverer.get().join(10_000);
        assertFalse(deliverer.get().isAlive(), "the delivery thread ends with the job");
        // The reports that came while it was blocked are merged into the last one.
        assertEquals(3, seen.size(), seen.toString());
        assertEquals(DONE, seen.getLast());
        assertTrue(seen.get(1).percent() < 100, seen.toString());
    }

    @Test
    void aListenerThatThrowsAnErrorStopsNeitherTheJobNorTheOtherListeners() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(blockingStage(started, release)));
        AtomicInteger failures = new AtomicInteger();
        job.addProgressListener((j, progress) -> {
            failures.incrementAndGet();
            throw new AssertionError("a test's assertion inside a listener");
        });
        HeardProgress other = new HeardProgress();
        job.addProgressListener(other);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        release.countDown();

        job.completion().get(10, TimeUnit.SECONDS);
        other.awaitDone();
        assertTrue(failures.get() > 1, "the failing listener went on hearing reports: " + failures.get());
    }

    @Test
    void aResourceThatFailsToCloseFailsTheJobBeforeAnythingIsPublished() {
        Path output = temp.resolve("never-published.bin");
        LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("write", 1, context -> {
            context.closeAtEnd(() -> {
                throw new IllegalStateException("device error while freeing the session");
            });
            Files.writeString(context.stageOutput("bin", output), "complete");
        })));
        CompletionException thrown = assertThrows(CompletionException.class, () -> job.completion().join());

        assertEquals(JobStatus.FAILED, job.status());
        assertTrue(thrown.getCause().getMessage().contains("device error while freeing"), thrown.getMessage());
        assertFalse(Files.exists(output), "a failed job leaves nothing under the requested name");
    }

    @Test
    void aListenerAddedToAnEndedJobHearsItsLastReportOnceOnTheCallingThread() throws Exception {
        LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("quick", 1, c -> { })));
        job.completion().get(10, TimeUnit.SECONDS);
        List<String> heard = new ArrayList<>();
        job.addProgressListener((j, progress) -> heard.add(progress + " on " + Thread.currentThread().getName()));
        assertEquals(List.of(DONE + " on " + Thread.currentThread().getName()), heard);
    }

    @Test
    void aJobWhoseSecondOutputCannotBePlacedLeavesNeitherOutput() throws Exception {
        Path first = temp.resolve("out/first.txt");
        Path blocker = Files.writeString(temp.resolve("not-a-folder"), "a file where a folder is needed");
        Path second = blocker.resolve("second.txt");
        LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("write", 1, context -> {
            Files.writeString(context.stageOutput("first", first), "one");
            Files.writeString(context.stageOutput("second", second), "two");
        })));
        assertThrows(CompletionException.class, () -> job.completion().join());

        assertEquals(JobStatus.FAILED, job.status());
        assertFalse(Files.exists(first), "the first output is not published when the second fails");
        try (var left = Files.list(first.getParent())) {
            assertEquals(List.of(), left.toList(), "no temp copies are left beside the outputs");
        }
    }

    @Test
    void finishedJobsPastTheKeptNumberAreForgottenEarliestEndedFirstAndUnfinishedOnesStay() throws Exception {
        try (LocalEngine kept = open(EngineConfig.builder().workRoot(temp.resolve("kept")).maxRunningJobs(2)
                .keptFinishedJobs(2).build())) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            LocalJob longRunning = kept.submit(DeviceKind.CPU, folder -> pipeline(blockingStage(started, release)));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            List<LocalJob> quick = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                LocalJob job = kept.submit(DeviceKind.CPU, folder -> pipeline(new Stage("quick", 1, c -> { })));
                job.completion().get(10, TimeUnit.SECONDS);
                quick.add(job);
            }
            assertEquals(List.of(longRunning, quick.get(2), quick.get(3)), kept.jobs());
            assertTrue(kept.job(quick.get(0).id()).isEmpty());
            // A forgotten job still answers whoever holds it.
            assertEquals(JobStatus.DONE, quick.get(0).status());
            assertTrue(quick.get(0).result().isPresent());

            // The long job ends last, so it is the one kept beside the latest quick one, listed in submission order.
            release.countDown();
            longRunning.completion().get(10, TimeUnit.SECONDS);
            assertEquals(List.of(longRunning, quick.get(3)), kept.jobs());
        }
    }

    @Test
    void anEndedJobLetsGoOfItsStagesAndListenersWhileTheEngineStillListsIt() throws Exception {
        Object[] intermediate = {new byte[1 << 20]};
        WeakReference<Object> data = new WeakReference<>(intermediate[0]);
        AtomicInteger calls = new AtomicInteger();
        ProgressListener listener = (job, progress) -> calls.incrementAndGet(); // capturing, so not a shared constant
        WeakReference<ProgressListener> listened = new WeakReference<>(listener);
        LocalJob job = engine.submit(DeviceKind.CPU, folder -> {
            Object held = intermediate[0];
            return pipeline(new Stage("hold", 1, c -> c.metric("held_bytes", ((byte[]) held).length)));
        });
        job.addProgressListener(listener);
        intermediate[0] = null;
        listener = null;
        job.completion().get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 20 && (data.get() != null || listened.get() != null); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(List.of(job), engine.jobs());
        assertTrue(data.get() == null, "the finished job keeps its stages' data");
        assertTrue(listened.get() == null, "the finished job keeps its listener");
        assertTrue(calls.get() >= 2, "the listener heard the run: " + calls.get());
    }

    @Test
    void submissionsPastRunningPlusQueuedAreRefusedUntilAJobEnds() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LocalJob running = engine.submit(DeviceKind.CPU, folder -> pipeline(blockingStage(started, release)));
        LocalJob queued = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("quick", 1, c -> { })));
        assertTrue(started.await(10, TimeUnit.SECONDS));

        AtomicBoolean inputsRead = new AtomicBoolean();
        Forge3dException refused = assertThrows(Forge3dException.class, () -> engine.submit(DeviceKind.CPU, folder -> {
            inputsRead.set(true); // where a request's inputs are read and copied into the job's folder
            return pipeline(new Stage("quick", 1, c -> { }));
        }));
        assertEquals(ErrorCode.CONCURRENT_LIMIT_REACHED, refused.code());
        assertFalse(inputsRead.get(), "a full queue is refused before the inputs are read");

        release.countDown();
        running.completion().get(10, TimeUnit.SECONDS);
        queued.completion().get(10, TimeUnit.SECONDS);
        LocalJob later = engine.submit(DeviceKind.CPU, folder -> pipeline(new Stage("quick", 1, c -> { })));
        assertEquals(JobStatus.DONE, later.completion().thenApply(r -> later.status()).get(10, TimeUnit.SECONDS));
    }

    @Test
    void aJobsParallelLoopsRunOnAPoolOfItsOwnWithThreadsPerJobWorkersThatEndsWithTheJob() throws Exception {
        for (int threads : new int[] {1, 2}) {
            try (LocalEngine sized = open(EngineConfig.builder().workRoot(temp.resolve("threads-" + threads))
                    .threadsPerJob(threads).build())) {
                AtomicReference<ForkJoinPool> pool = new AtomicReference<>();
                Set<String> loopThreads = ConcurrentHashMap.newKeySet();
                AtomicInteger together = new AtomicInteger();
                LocalJob job = sized.submit(DeviceKind.CPU, folder -> pipeline(new Stage("loop", 1, context -> {
                    pool.set(ForkJoinTask.getPool());
                    context.metric("threads", context.threads());
                    IntStream.range(0, 10_000).parallel().forEach(i -> loopThreads.add(Thread.currentThread().getName()));
                    // Two halves that wait for each other meet only when two workers run them at once.
                    CyclicBarrier meet = new CyclicBarrier(2);
                    IntStream.range(0, 2).parallel().forEach(i -> {
                        try {
                            meet.await(threads == 1 ? 50 : 5_000, TimeUnit.MILLISECONDS);
                            together.incrementAndGet();
                        } catch (Exception e) {
                            // One worker: the first half gives up, and the second finds the barrier broken.
                        }
                    });
                })));
                JobResult result = job.completion().get(20, TimeUnit.SECONDS);
                assertEquals(threads, ((Number) result.metrics().get("threads")).intValue());
                assertTrue(pool.get() != null && pool.get() != ForkJoinPool.commonPool(), "the job's own pool");
                assertEquals(threads, pool.get().getParallelism());
                assertEquals(threads == 1 ? 0 : 2, together.get(), "halves run at the same time");
                assertTrue(loopThreads.size() <= threads, loopThreads.toString());
                assertTrue(loopThreads.stream().allMatch(name -> name.startsWith("forge3d-" + job.id() + "-worker-")),
                        loopThreads.toString());
                assertTrue(pool.get().awaitTermination(5, TimeUnit.SECONDS), "the pool ends with the job");
            }
        }
    }

    @Test
    void jobsRunConcurrentlyUpToTheRunningLimit() throws Exception {
        try (LocalEngine wide = open(2, 0)) {
            CountDownLatch bothStarted = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            LocalJob a = wide.submit(DeviceKind.CPU, folder -> pipeline(blockingStage(bothStarted, release)));
            LocalJob b = wide.submit(DeviceKind.CPU, folder -> pipeline(blockingStage(bothStarted, release)));
            assertTrue(bothStarted.await(10, TimeUnit.SECONDS), "two jobs run at once");
            release.countDown();
            a.completion().get(10, TimeUnit.SECONDS);
            b.completion().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRequestErrorQueuesNothingAndLeavesNoWorkingFolder() throws Exception {
        assertThrows(Forge3dException.class, () -> engine.submit(DeviceKind.CPU, folder -> {
            throw Forge3dException.invalidParam("steps", 5, "1000-30000");
        }));
        assertTrue(engine.jobs().isEmpty());
        try (var left = Files.list(temp.resolve("work"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void explicitCudaWithoutACudaBackendIsRefused() {
        Forge3dException e = assertThrows(Forge3dException.class,
                () -> engine.submit(DeviceKind.CUDA, folder -> pipeline(new Stage("x", 1, c -> { }))));
        assertEquals(ErrorCode.BACKEND_UNAVAILABLE, e.code());
    }

    @Test
    void closingTheEngineCancelsRunningJobs() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        LocalJob job = engine.submit(DeviceKind.CPU, folder -> pipeline(blockingStage(started, new CountDownLatch(1))));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        engine.close();
        assertEquals(JobStatus.CANCELLED, job.status());
    }
}
