package dev.forge3d.engine.jobs;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.engine.io.AtomicFiles;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.Job;
import dev.forge3d.api.JobError;
import dev.forge3d.api.JobKind;
import dev.forge3d.api.JobProgress;
import dev.forge3d.api.JobResult;
import dev.forge3d.api.JobStatus;
import dev.forge3d.api.ProgressListener;
import dev.forge3d.api.spi.ComputeBackend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A job run by the local engine. Its state changes only under its own lock, so a status, its
 * result and its error are always seen together.
 */
public final class LocalJob implements Job {
    private static final Logger LOG = Logger.getLogger(LocalJob.class.getName());

    private final String id;
    private final JobKind kind;
    private final Path workFolder;
    private final ComputeBackend backend;
    private final int threads;
    private final boolean keepWorkFolder;
    private final Consumer<LocalJob> onTerminal;
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final CompletableFuture<JobResult> completion = new CompletableFuture<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    /**
     * Calls the listeners, on a thread of the job's own that it starts at the first delivery and
     * that ends once the last report is out: a slow listener then holds up no worker. See {@link #deliver}.
     */
    private final ExecutorService delivery;

    /**
     * The stages, until the job ends: they hold the run's intermediate data (frames, features,
     * volumes), which a finished job kept in the engine's history must not keep alive.
     */
    private Pipeline pipeline;
    private JobStatus status = JobStatus.QUEUED;
    private Report latest = new Report(0, new JobProgress(0, "queued"));
    /** Set while a delivery is queued or running: reports meanwhile join it rather than queue another. */
    private boolean delivering;
    private JobResult result;
    private JobError error;
    /** Set once the outputs are being put in place: past that point a cancel comes too late. */
    private boolean publishing;

    /** A progress and its place in the order the job reported them, which listeners hear them in. */
    private record Report(long number, JobProgress progress) {
    }

    /**
     * @param threads the workers of the pool the stages run on: their parallel loops fork into
     *                it, not into the JVM's common pool
     */
    public LocalJob(String id, Pipeline pipeline, Path workFolder, ComputeBackend backend, int threads,
                    boolean keepWorkFolder, Consumer<LocalJob> onTerminal) {
        this.id = id;
        this.kind = pipeline.kind();
        this.pipeline = pipeline;
        this.workFolder = workFolder;
        this.backend = backend;
        this.threads = threads;
        this.keepWorkFolder = keepWorkFolder;
        this.onTerminal = onTerminal;
        this.delivery = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "forge3d-" + id + "-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public JobKind kind() {
        return kind;
    }

    @Override
    public synchronized JobStatus status() {
        return status;
    }

    @Override
    public synchronized JobProgress progress() {
        return latest.progress();
    }

    @Override
    public synchronized Optional<JobResult> result() {
        return Optional.ofNullable(result);
    }

    @Override
    public synchronized Optional<JobError> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public List<String> messages() {
        return List.copyOf(messages);
    }

    public Path workFolder() {
        return workFolder;
    }

    @Override
    public boolean cancel() {
        JobError cancelled = new JobError(ErrorCode.CANCELLED, "cancelled before it started");
        synchronized (this) {
            if (status.isTerminal() || publishing) {
                return false;
            }
            cancelRequested.set(true);
            if (status == JobStatus.RUNNING) {
                return true; // the worker stops at its next check and cleans up
            }
            // Queued: ended here, under the same lock as the check, so the worker never starts it.
            markTerminal(JobStatus.CANCELLED, null, cancelled);
        }
        if (!keepWorkFolder) {
            deleteQuietly(workFolder); // the inputs submit stored there
        }
        announceTerminal(null, cancelled, null);
        return true;
    }

    @Override
    public CompletableFuture<JobResult> completion() {
        return completion.copy();
    }

    @Override
    public void addProgressListener(ProgressListener listener) {
        // Here, not at the first report: a null kept in the list would fail every delivery.
        Subscriber subscriber = new Subscriber(Objects.requireNonNull(listener, "listener"));
        // Held over the first call, so that a delivery that finds it listed already waits for that call.
        synchronized (subscriber) {
            Report current;
            synchronized (this) {
                current = latest;
                if (!status.isTerminal()) {
                    subscribers.add(subscriber); // an ended job reports nothing more, so it need not keep it
                }
            }
            subscriber.hear(this, current);
        }
    }

    /**
     * Runs the pipeline on a pool of its own with {@code threads} workers, and returns when the
     * job has ended; called once by the engine's worker. The pool's threads end with the run.
     */
    public void run() {
        Pipeline stages;
        synchronized (this) {
            if (status != JobStatus.QUEUED) {
                return; // cancelled while queued
            }
            status = JobStatus.RUNNING;
            stages = pipeline;
        }
        // At most `threads` workers: a worker waiting on a join helps instead of being replaced by a spare.
        // A worker that dies of an error outside its tasks (an OutOfMemoryError in the pool's own
        // code) is noted in the log, not printed on stderr: the job's failure reports it.
        Thread.UncaughtExceptionHandler workerDied =
                (worker, e) -> LOG.log(Level.FINE, worker.getName() + " ended", e);
        ForkJoinPool pool = new ForkJoinPool(threads, this::newWorker, workerDied, false, 0, threads, 1, p -> true,
                1, TimeUnit.MINUTES);
        try {
            pool.invoke(ForkJoinTask.adapt(() -> runStages(stages)));
        } catch (Throwable t) {
            // runStages reports its own failures; this is the pool failing to run it at all.
            finish(JobStatus.FAILED, null, classify(t), t);
        } finally {
            pool.shutdownNow();
        }
    }

    private ForkJoinWorkerThread newWorker(ForkJoinPool pool) {
        ForkJoinWorkerThread worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        worker.setName("forge3d-" + id + "-worker-" + worker.getPoolIndex());
        return worker;
    }

    private void runStages(Pipeline stages) {
        long start = System.nanoTime();
        StageProgress stageProgress = new StageProgress(stages.totalWeight());
        JobContext context = new JobContext(workFolder, backend, threads, cancelRequested, stageProgress);
        Throwable failure = null;
        Map<String, Path> outputs = new LinkedHashMap<>();
        try {
            for (Stage stage : stages.stages()) {
                context.checkCancelled();
                stageProgress.begin(stage);
                long stageStart = System.nanoTime();
                stage.work().run(context);
                context.metric("seconds_" + stage.name().replace(' ', '_'), seconds(System.nanoTime() - stageStart));
                stageProgress.end(stage);
            }
            // Freed before publishing: a failure to free (a device error) fails the job with nothing
            // of it in place, as every other failure does.
            Throwable freeing = context.closeResources();
            if (freeing != null) {
                throw freeing;
            }
            synchronized (this) {
                context.checkCancelled();
                publishing = true;
            }
            Map<Path, Path> moves = new LinkedHashMap<>();
            for (Map.Entry<String, Path[]> output : context.stagedOutputs().entrySet()) {
                moves.put(output.getValue()[0], output.getValue()[1]);
                outputs.put(output.getKey(), output.getValue()[1]);
            }
            AtomicFiles.publishAll(moves);
        } catch (Throwable t) {
            failure = t;
        }
        Throwable closeFailure = context.closeResources(); // what a failed stage left registered
        failure = failure == null ? closeFailure : failure;
        if (!keepWorkFolder) {
            deleteQuietly(workFolder);
        }
        double elapsed = seconds(System.nanoTime() - start);
        if (failure == null) {
            reportProgress(100, "done");
            finish(JobStatus.DONE, new JobResult(outputs, context.metrics(), elapsed), null, null);
        } else {
            JobError jobError = classify(failure);
            finish(jobError.code() == ErrorCode.CANCELLED ? JobStatus.CANCELLED : JobStatus.FAILED, null, jobError,
                    failure);
        }
    }

    private static JobError classify(Throwable failure) {
        if (failure instanceof Forge3dException forge) {
            return forge.toJobError();
        }
        if (failure instanceof OutOfMemoryError) {
            return new JobError(ErrorCode.OUT_OF_MEMORY, outOfMemoryMessage(failure.getMessage(),
                    Runtime.getRuntime().maxMemory()));
        }
        if (failure instanceof IOException io) {
            // The type says what the bare path of, say, a NoSuchFileException does not.
            return new JobError(ErrorCode.INTERNAL_ERROR, "I/O failure: " + io.getClass().getSimpleName() + ": "
                    + io.getMessage());
        }
        LOG.log(Level.WARNING, "job failed with an unexpected exception", failure);
        return new JobError(ErrorCode.INTERNAL_ERROR, failure.toString());
    }

    /** What ran out (OutOfMemoryError's message, which may be null), the heap's maximum, and what to do. */
    static String outOfMemoryMessage(String what, long maxHeapBytes) {
        return String.format(Locale.ROOT, "host memory ran out (%s) with a Java heap of at most %.1f GiB; give Java"
                        + " a larger heap (-Xmx) or ask for less: fewer frames, a larger downscale, a lower resolution",
                what == null ? "Java heap space" : what, maxHeapBytes / (double) (1L << 30));
    }

    /** @param failure what ended the job, or null; it becomes the cause of the completion's exception */
    private void finish(JobStatus terminal, JobResult jobResult, JobError jobError, Throwable failure) {
        synchronized (this) {
            if (status.isTerminal()) {
                return;
            }
            markTerminal(terminal, jobResult, jobError);
        }
        announceTerminal(jobResult, jobError, failure);
    }

    /** The state change of the end; the caller holds the lock and has checked the job is not ended. */
    private void markTerminal(JobStatus terminal, JobResult jobResult, JobError jobError) {
        status = terminal;
        result = jobResult;
        error = jobError;
        pipeline = null;
    }

    /**
     * What follows the end, outside the lock: the engine's bookkeeping, the end of the deliveries,
     * then whoever waits. The failure rides along as the cause, so that an embedder who gets an
     * internal_error has its stack trace without reading the engine's log. The listeners may
     * still be hearing the last report: the job does not wait for them.
     */
    private void announceTerminal(JobResult jobResult, JobError jobError, Throwable failure) {
        onTerminal.accept(this);
        synchronized (this) {
            // A delivery lets go of the listeners once it finds the job ended; with none under way, one is started to.
            startDeliveryUnlessUnderWay();
            delivery.shutdown(); // the delivery thread ends once the deliveries queued are out
        }
        if (jobResult != null) {
            completion.complete(jobResult);
        } else {
            completion.completeExceptionally(new Forge3dException(jobError.code(), jobError.message(), failure));
        }
    }

    private void reportProgress(int percent, String stage) {
        synchronized (this) {
            JobProgress next = new JobProgress(Math.max(latest.progress().percent(), percent), stage);
            // An ended job's straggling worker would report after its last report.
            if (status.isTerminal() || next.equals(latest.progress())) {
                return;
            }
            latest = new Report(latest.number() + 1, next);
            // Queued under the lock, so that it is queued before the end shuts the delivery down.
            startDeliveryUnlessUnderWay();
        }
    }

    /** Queues a {@link #deliver} when there are listeners and none is queued or running; called under the job's lock. */
    private void startDeliveryUnlessUnderWay() {
        if (!delivering && !subscribers.isEmpty()) {
            delivering = true;
            delivery.execute(this::deliver);
        }
    }

    /**
     * Hands the latest report to each listener that has not heard it, on the delivery thread,
     * until no newer one has come in meanwhile. Reports that come in during a slow call are not
     * queued but merged into the latest, so a listener may skip some, but never hears one older
     * than one it has heard, and the last report is the last it hears. Once the job has ended and
     * its listeners have heard its last report, it lets go of them.
     */
    private void deliver() {
        Report report;
        synchronized (this) {
            report = latest;
        }
        try {
            while (true) {
                for (Subscriber subscriber : subscribers) {
                    subscriber.hear(this, report);
                }
                synchronized (this) {
                    if (report == latest) {
                        delivering = false;
                        if (status.isTerminal()) {
                            subscribers.clear();
                        }
                        return;
                    }
                    report = latest;
                }
            }
        } catch (VirtualMachineError fatal) {
            synchronized (this) {
                delivering = false; // so that a later report starts a delivery again
            }
            throw fatal;
        }
    }

    /** A listener and the number of the report it heard last; it is called under its own lock, one call at a time. */
    private static final class Subscriber {
        private final ProgressListener listener;
        private long heard = -1;

        Subscriber(ProgressListener listener) {
            this.listener = listener;
        }

        synchronized void hear(Job job, Report report) {
            if (report.number() <= heard) {
                return;
            }
            heard = report.number();
            try {
                listener.onProgress(job, report.progress());
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                // Errors too (an AssertionError from a test's listener): one listener's failure
                // must not stop the deliveries to the others.
                LOG.log(Level.WARNING, "a progress listener failed", e);
            }
        }
    }

    /** Seconds, to the millisecond. */
    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }

    private static void deleteQuietly(Path folder) {
        try {
            AtomicFiles.deleteTree(folder);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete the job's working folder " + folder, e);
        }
    }

    /** Turns per-stage fractions into the job's 0-100 by the stages' weights. */
    private final class StageProgress implements JobContext.ProgressSink {
        private final double totalWeight;
        private double weightDone;
        private double currentWeight;

        StageProgress(double totalWeight) {
            this.totalWeight = totalWeight;
        }

        void begin(Stage stage) {
            currentWeight = stage.weight();
            reportProgress(percent(0), stage.name());
        }

        void end(Stage stage) {
            weightDone += stage.weight();
            reportProgress(percent(0), stage.name() + " done");
        }

        private int percent(double stageFraction) {
            // 100 is kept for "done", after the outputs are in place.
            return (int) Math.min(99, Math.floor(100 * (weightDone + stageFraction * currentWeight) / totalWeight));
        }

        @Override
        public void report(double stageFraction, String description) {
            reportProgress(percent(stageFraction), description);
        }

        @Override
        public void message(String message) {
            messages.add(message);
        }
    }
}
