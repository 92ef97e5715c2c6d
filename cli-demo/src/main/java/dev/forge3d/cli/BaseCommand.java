package dev.forge3d.cli;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.Job;
import dev.forge3d.api.JobStatus;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.io.Json;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Shared by every command: opens the engine, turns typed errors into the outcome and exit code,
 * and prints the outcome as text or, under {@code --json}, as one JSON object on stdout.
 */
abstract class BaseCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for the outcome to be printed after the job has stopped. */
    private static final long PRINT_WAIT_SECONDS = 10;

    @Option(names = "--json", description = "Print one JSON object on stdout at the end; logs go to stderr.")
    boolean json;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads a job computes on, 1-1024 (default: every core); the result does not depend on it.")
    Integer threads;

    Io io;

    /** Counted down once the outcome is printed: Ctrl-C's hook waits for it before the JVM halts. */
    private final CountDownLatch printed = new CountDownLatch(1);

    /** Runs the command; request errors thrown here become exit code 2. */
    abstract Outcome execute(LocalEngine engine);

    @Override
    public final Integer call() {
        long start = System.nanoTime();
        Outcome outcome;
        try (LocalEngine engine = new LocalEngine(engineConfig())) {
            outcome = execute(engine);
        } catch (Forge3dException e) {
            outcome = Outcome.failure(e, (System.nanoTime() - start) / 1e9);
        }
        print(outcome);
        printed.countDown();
        return outcome.exitCode();
    }

    private EngineConfig engineConfig() {
        return threads == null ? io.engineConfig() : io.engineConfig().toBuilder().threadsPerJob(threads).build();
    }

    /**
     * Waits for a job while showing its progress. Ctrl-C cancels it, so nothing partial is left,
     * and the JVM halts only once the cancelled outcome is printed (under --json, the one object).
     */
    Outcome awaitJob(Job job) {
        long start = System.nanoTime();
        ProgressDisplay display = new ProgressDisplay(io.err(), io.stderrIsTerminal());
        job.addProgressListener(display);
        Thread cancelOnInterrupt = new Thread(() -> {
            cancelAndAwait(job);
            try {
                printed.await(PRINT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "forge3d-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        try {
            job.completion().join();
        } catch (CompletionException e) {
            // The job carries its own error; the outcome below reports it.
        } finally {
            display.finish(job.progress());
            removeHook(cancelOnInterrupt);
        }
        return new Outcome(job.id(), job.status(),
                job.result().map(r -> r.outputs()).orElse(Map.of()),
                job.result().map(r -> r.metrics()).orElse(Map.of()),
                // A job that did not finish has no result; its time is the time it was awaited.
                job.result().map(r -> r.elapsedSeconds()).orElse((System.nanoTime() - start) / 1e9),
                job.error().orElse(null), job.messages(), Map.of());
    }

    /**
     * Cancels the job and waits for it to end. A job that is already publishing cannot be
     * cancelled, and is waited for all the same: halting the JVM in the middle of a publish (a copy,
     * where the work folder and the output are on different file systems) would leave temporary
     * files, or the previous output moved aside and not restored.
     */
    static void cancelAndAwait(Job job) {
        job.cancel();
        job.completion().exceptionally(e -> null).join();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running.
        }
    }

    private void print(Outcome outcome) {
        if (json) {
            io.out().println(Json.write(outcome.toJson()));
            return;
        }
        for (String message : outcome.messages()) {
            io.err().println("note: " + message);
        }
        if (outcome.status() == JobStatus.DONE) {
            printText(outcome);
        } else {
            io.err().println("error [" + outcome.error().code().wireName() + "]: " + outcome.error().message());
        }
    }

    /** The human-readable report of a successful run. */
    void printText(Outcome outcome) {
        io.out().printf("done in %.1f s%n", outcome.elapsedSeconds());
        outcome.outputs().forEach((name, path) -> io.out().printf("  %-12s %s%n", name, path));
        outcome.metrics().forEach((name, value) -> io.out().printf("  %-28s %s%n", name, value));
    }
}
