package dev.forge3d.engine;

import dev.forge3d.api.BackendInfo;
import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.Engine;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Estimate;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.Job;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.ScanRequest;
import dev.forge3d.api.View;
import dev.forge3d.api.spi.Backends;
import dev.forge3d.api.spi.ComputeBackend;
import dev.forge3d.engine.estimate.CostModel;
import dev.forge3d.engine.input.ImageDimensions;
import dev.forge3d.engine.input.InputInspector;
import dev.forge3d.engine.input.InputRole;
import dev.forge3d.engine.input.ResolvedInput;
import dev.forge3d.engine.io.AtomicFiles;
import dev.forge3d.engine.jobs.LocalJob;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.media.VideoProbe;
import dev.forge3d.engine.pipeline.MeshPipeline;
import dev.forge3d.engine.pipeline.ScanPipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The in-process engine. A fixed pool of {@link EngineConfig#maxRunningJobs()} workers runs jobs;
 * at most {@link EngineConfig#maxQueuedJobs()} more may wait, and a submission past that is refused
 * with {@link ErrorCode#CONCURRENT_LIMIT_REACHED}. Requests are fully checked before they are
 * queued, so a queued job has well-formed inputs and an available backend.
 */
public final class LocalEngine implements Engine {
    /** A frame size for an estimate when the input's header does not tell. */
    private static final ImageDimensions UNKNOWN_FRAME_SIZE = new ImageDimensions(1920, 1080);

    private static final Logger LOG = Logger.getLogger(LocalEngine.class.getName());

    private final EngineConfig config;
    private final List<ComputeBackend> backends;
    private final InputInspector inspector;
    private final CostModel costModel;
    private final ExecutorService workers;
    private final Map<String, LocalJob> jobs = new LinkedHashMap<>();
    /** The ids of the finished jobs still in {@link #jobs}, the earliest to end first; guarded by {@link #jobs}. */
    private final Deque<String> finishedInEndOrder = new ArrayDeque<>();
    private final AtomicInteger unfinishedJobs = new AtomicInteger();
    private volatile boolean closed;
    /** Set by the close that closes the backends, so that a later close does not close them again. */
    private final AtomicBoolean backendsClosed = new AtomicBoolean();

    /** What a scan estimate needs of its input: how many frames the run uses, and their size. */
    private record ScanFrames(int count, int width, int height) {
    }

    public LocalEngine(EngineConfig config) {
        this(config, Backends.discover());
    }

    /** An engine over the given backends; tests pass fakes here. */
    public LocalEngine(EngineConfig config, List<ComputeBackend> backends) {
        this.config = Objects.requireNonNull(config, "config");
        this.backends = List.copyOf(backends);
        this.inspector = new InputInspector(config);
        // More threads than cores compute no faster.
        this.costModel = new CostModel(Math.min(config.threadsPerJob(), Runtime.getRuntime().availableProcessors()));
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "forge3d-job-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.workers = Executors.newFixedThreadPool(config.maxRunningJobs(), threads);
    }

    /**
     * The settings the engine was opened with: pipelines built outside it (train, render) hold
     * their inputs to its limits.
     */
    public EngineConfig config() {
        return config;
    }

    @Override
    public Job submit(ScanRequest request) {
        return submit(request.params().device(), folder -> ScanPipeline.create(request,
                resolveScanInput(request, folder), folder, config.maxImagePixels()));
    }

    /** @param folder the job's, or the estimate's scratch folder, that a stream's bytes are written in */
    private ResolvedInput resolveScanInput(ScanRequest request, Path folder) {
        return inspector.resolve(request.input(), InputRole.VIDEO_OR_PHOTO_FOLDER, folder.resolve("inputs"), "scan");
    }

    @Override
    public Job submit(MeshRequest request) {
        return submit(request.params().device(), folder -> MeshPipeline.create(request, resolveViews(request, folder)));
    }

    private Map<View, ResolvedInput> resolveViews(MeshRequest request, Path folder) {
        Map<View, ResolvedInput> views = new EnumMap<>(View.class);
        for (View view : View.values()) {
            if (request.views().containsKey(view)) {
                views.put(view, inspector.resolve(request.views().get(view), InputRole.IMAGE, folder.resolve("inputs"),
                        view.wireName()));
            }
        }
        return views;
    }

    /**
     * Checks the request by building its pipeline in a fresh working folder, then queues it.
     *
     * @param pipelineFactory builds the pipeline; it may throw the request's typed errors
     */
    public LocalJob submit(DeviceKind device, Function<Path, Pipeline> pipelineFactory) {
        if (closed) {
            throw new Forge3dException(ErrorCode.VALIDATION_ERROR, "the engine is closed");
        }
        // Refused before the inputs are read and copied, where a full queue is plain already; the
        // place is taken below, under the lock.
        if (unfinishedJobs.get() >= jobLimit()) {
            throw queueFull();
        }
        ComputeBackend backend = Backends.select(device, backends);
        String id = UUID.randomUUID().toString().substring(0, 13).replace("-", "");
        Path folder = config.workRoot().resolve("job-" + id);
        Pipeline pipeline;
        try {
            Files.createDirectories(folder);
            pipeline = pipelineFactory.apply(folder);
        } catch (IOException e) {
            deleteQuietly(folder);
            throw new Forge3dException(ErrorCode.INTERNAL_ERROR, "cannot create the job folder " + folder, e);
        } catch (RuntimeException e) {
            deleteQuietly(folder);
            throw e;
        }
        LocalJob job = new LocalJob(pipeline.kind().wireName() + "-" + id, pipeline, folder, backend,
                config.threadsPerJob(), config.keepWorkFolders(), finished -> {
                    unfinishedJobs.decrementAndGet();
                    forgetOldFinishedJobs(finished);
                });
        synchronized (jobs) {
            // Under the lock close() takes to stop taking jobs: a job is either counted and queued
            // before the workers shut down, or refused here without having been counted.
            if (closed) {
                deleteQuietly(folder);
                throw new Forge3dException(ErrorCode.VALIDATION_ERROR, "the engine is closed");
            }
            if (unfinishedJobs.incrementAndGet() > jobLimit()) {
                unfinishedJobs.decrementAndGet();
                deleteQuietly(folder);
                throw queueFull();
            }
            jobs.put(job.id(), job);
            workers.execute(job::run);
        }
        return job;
    }

    private int jobLimit() {
        return config.maxRunningJobs() + config.maxQueuedJobs();
    }

    private Forge3dException queueFull() {
        return new Forge3dException(ErrorCode.CONCURRENT_LIMIT_REACHED, "the job queue is full: " + jobLimit()
                + " jobs are running or queued (" + config.maxRunningJobs() + " running, "
                + config.maxQueuedJobs() + " queued)");
    }

    // An estimate reads the inputs and makes the request checks that submit makes (the pipelines'
    // check methods, which their create methods call), so that it fails as submit would.
    @Override
    public Estimate estimate(ScanRequest request) {
        ComputeBackend backend = Backends.select(request.params().device(), backends);
        ScanFrames frames = withScratch(scratch -> {
            ResolvedInput input = resolveScanInput(request, scratch);
            ScanPipeline.check(request, input);
            return scanFrames(input, request.params().frames());
        });
        return costModel.scan(request.params(), frames.count(), frames.width(), frames.height(), backend.kind());
    }

    @Override
    public Estimate estimate(MeshRequest request) {
        ComputeBackend backend = Backends.select(request.params().device(), backends);
        CostModel.MeshViews views = withScratch(scratch -> {
            Map<View, ResolvedInput> resolved = resolveViews(request, scratch);
            MeshPipeline.checkOutputs(request, resolved);
            return MeshPipeline.estimatedViews(resolved);
        });
        return costModel.mesh(request.params(), views, backend.kind(), MeshPipeline.hasRunInThisProcess());
    }

    /** Runs {@code use} with a scratch folder for the inputs that must be written as files, then deletes it. */
    private <T> T withScratch(Function<Path, T> use) {
        Path scratch = config.workRoot().resolve("estimate-" + UUID.randomUUID());
        try {
            return use.apply(scratch);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /**
     * A video gives the frames asked for, or all it has when they are fewer (FrameExtractor); a
     * photo folder gives every photo, whatever was asked for.
     */
    private static ScanFrames scanFrames(ResolvedInput input, int framesAsked) {
        if (input.kind().isVideo()) {
            // The header the submit checks read: the estimate opens the video once, as submit does.
            VideoProbe.VideoInfo info = input.videoHeader().orElseThrow();
            int count = info.frameCount() > 0 ? Math.min(framesAsked, info.frameCount()) : framesAsked;
            return new ScanFrames(count, info.width(), info.height());
        }
        // The header's size as submit's checks read it: an estimate has no need to decode a photo
        // (its EXIF turn keeps the pixel count).
        ImageDimensions size = input.imageSize().orElse(UNKNOWN_FRAME_SIZE);
        return new ScanFrames(input.files().size(), size.width(), size.height());
    }

    /**
     * Notes that {@code job} has ended, and forgets the finished jobs that ended longest ago past
     * {@link EngineConfig#keptFinishedJobs()}; unfinished jobs all stay.
     */
    private void forgetOldFinishedJobs(LocalJob job) {
        synchronized (jobs) {
            finishedInEndOrder.addLast(job.id());
            while (finishedInEndOrder.size() > config.keptFinishedJobs()) {
                jobs.remove(finishedInEndOrder.removeFirst());
            }
        }
    }

    @Override
    public Optional<Job> job(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    @Override
    public List<Job> jobs() {
        synchronized (jobs) {
            return new ArrayList<>(jobs.values());
        }
    }

    @Override
    public List<BackendInfo> backends() {
        return backends.stream().map(ComputeBackend::info).toList();
    }

    /**
     * Cancels every job, waits up to two minutes for them to stop, then closes the backends. A
     * job still running then (a stage that does not check for cancellation) keeps its backend:
     * closing it under the job would free memory the job still uses. Calling it again is safe: it
     * waits again, and closes the backends if no earlier call did; none is closed twice, since a
     * third-party backend's close need not be idempotent.
     */
    @Override
    public void close() {
        List<Job> unfinished;
        synchronized (jobs) {
            closed = true;
            unfinished = new ArrayList<>(jobs.values());
            workers.shutdown();
        }
        unfinished.forEach(Job::cancel);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try {
            if (!workers.awaitTermination(2, TimeUnit.MINUTES)) {
                workers.shutdownNow();
            }
            // A queued job that another thread cancelled ends on that thread, not on a worker:
            // its end is awaited too, so that the count below is of jobs still running.
            for (Job job : unfinished) {
                awaitEnd(job, deadline - System.nanoTime());
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (unfinishedJobs.get() > 0) {
            LOG.warning(unfinishedJobs.get() + " job(s) still running after close; their backends stay open");
            return;
        }
        if (backendsClosed.getAndSet(true)) {
            return;
        }
        for (ComputeBackend backend : backends) {
            try {
                backend.close();
            } catch (Exception e) {
                // Closing is best effort; the process may be exiting anyway.
            }
        }
    }

    /** Waits up to {@code nanos} for the job to end, however it ends. */
    private static void awaitEnd(Job job, long nanos) throws InterruptedException {
        try {
            job.completion().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            // Ended with an error, or still running: the count after tells which.
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            AtomicFiles.deleteTree(folder);
        } catch (IOException e) {
            // A leftover scratch folder under the work root is harmless.
        }
    }
}
