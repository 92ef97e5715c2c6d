package dev.forge3d.engine.jobs;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.JobResult;
import dev.forge3d.api.spi.ComputeBackend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a running stage sees: its working folder, the backend, a cancel check for long loops,
 * progress, metrics, and outputs staged in the working folder until the whole job succeeds.
 */
public final class JobContext {
    private final Path workFolder;
    private final ComputeBackend backend;
    private final int threads;
    private final AtomicBoolean cancelRequested;
    private final ProgressSink progressSink;
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final Map<String, Path[]> stagedOutputs = new LinkedHashMap<>();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** Receives a stage's progress: fraction 0..1 of the current stage and a description. */
    interface ProgressSink {
        void report(double stageFraction, String description);

        void message(String message);
    }

    JobContext(Path workFolder, ComputeBackend backend, int threads, AtomicBoolean cancelRequested,
               ProgressSink progressSink) {
        this.workFolder = workFolder;
        this.backend = backend;
        this.threads = threads;
        this.cancelRequested = cancelRequested;
        this.progressSink = progressSink;
    }

    public Path workFolder() {
        return workFolder;
    }

    public ComputeBackend backend() {
        return backend;
    }

    /**
     * The CPU threads the job computes on: the workers of the pool its stages run on, which
     * their parallel streams use; a stage that starts threads of its own starts no more.
     */
    public int threads() {
        return threads;
    }

    /** Throws {@link ErrorCode#CANCELLED} once the job has been cancelled; call it in long loops. */
    public void checkCancelled() {
        if (cancelRequested.get()) {
            throw new Forge3dException(ErrorCode.CANCELLED, "the job was cancelled");
        }
    }

    /** Reports progress within the current stage, for example {@code (41/120, "matching features 41/120")}. */
    public void progress(double stageFraction, String description) {
        checkCancelled();
        progressSink.report(Math.max(0, Math.min(1, stageFraction)), description);
    }

    /** A note for the user that is not an error. */
    public void message(String message) {
        progressSink.message(message);
    }

    /** Records a metric of the result; the value follows {@link JobResult#checkedMetric}'s rule. */
    public void metric(String name, Object value) {
        Object checked = JobResult.checkedMetric(name, value);
        synchronized (metrics) {
            metrics.put(name, checked);
        }
    }

    Map<String, Object> metrics() {
        synchronized (metrics) {
            return new LinkedHashMap<>(metrics);
        }
    }

    /**
     * Returns a file in the working folder to write output {@code name} into. It is moved to
     * {@code destination} atomically only when every stage has succeeded.
     */
    public Path stageOutput(String name, Path destination) throws IOException {
        Path stagingFolder = Files.createDirectories(workFolder.resolve("staged"));
        Path staged = stagingFolder.resolve(name + "-" + destination.getFileName());
        stagedOutputs.put(name, new Path[] {staged, destination});
        return staged;
    }

    Map<String, Path[]> stagedOutputs() {
        return stagedOutputs;
    }

    /** Closes {@code resource} (native or GPU memory, say) when the job ends, however it ends. */
    public <T extends AutoCloseable> T closeAtEnd(T resource) {
        synchronized (resources) {
            resources.push(resource);
        }
        return resource;
    }

    /** Closes registered resources, last registered first; returns the first failure, if any. */
    Throwable closeResources() {
        Throwable first = null;
        while (true) {
            AutoCloseable resource;
            synchronized (resources) {
                resource = resources.poll();
            }
            if (resource == null) {
                return first;
            }
            try {
                resource.close();
            } catch (Exception | Error e) {
                first = first == null ? e : first;
            }
        }
    }
}
