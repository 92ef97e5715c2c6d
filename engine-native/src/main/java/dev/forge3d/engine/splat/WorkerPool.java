package dev.forge3d.engine.splat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs a loop body over task indices on a fixed set of daemon threads (the caller is one of
 * them). Tasks write disjoint outputs, so results never depend on the thread count or on which
 * thread ran which task.
 */
final class WorkerPool implements AutoCloseable {
    private final int threads;
    private final ExecutorService executor;
    private final Future<?>[] pending;

    WorkerPool(int threads) {
        this.threads = threads;
        this.executor = threads > 1 ? Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "forge3d-splat-worker");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.pending = new Future<?>[Math.max(0, threads - 1)];
    }

    int threads() {
        return threads;
    }

    /** Calls {@code body} once for each of {@code 0..tasks-1}, in parallel. */
    void forEach(int tasks, IntConsumer body) {
        forEach(tasks, (task, worker) -> body.accept(task));
    }

    /**
     * Calls {@code body(task, worker)} once for each task; {@code worker} is in
     * {@code 0..threads-1} and no two concurrent calls share one, so it can pick scratch memory.
     */
    void forEach(int tasks, TaskBody body) {
        if (executor == null || tasks <= 1) {
            for (int i = 0; i < tasks; i++) {
                body.run(i, 0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int helpers = Math.min(pending.length, tasks - 1);
        for (int t = 0; t < helpers; t++) {
            int worker = t + 1;
            pending[t] = executor.submit(() -> drain(next, tasks, body, worker));
        }
        RuntimeException failure = null;
        try {
            drain(next, tasks, body, 0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int t = 0; t < helpers; t++) {
            try {
                pending[t].get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? new IllegalStateException("interrupted", e) : failure;
            }
            pending[t] = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void drain(AtomicInteger next, int tasks, TaskBody body, int worker) {
        for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
            body.run(i, worker);
        }
    }

    /** Splits {@code 0..count-1} into chunks of {@code chunk} and runs {@code body(from, to, worker)} per chunk. */
    void forRanges(int count, int chunk, RangeBody body) {
        int tasks = (count + chunk - 1) / chunk;
        forEach(tasks, (t, worker) -> body.run(t * chunk, Math.min(count, (t + 1) * chunk), worker));
    }

    @FunctionalInterface
    interface TaskBody {
        void run(int task, int worker);
    }

    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to, int worker);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
