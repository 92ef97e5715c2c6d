package dev.forge3d.cli;

import dev.forge3d.api.Job;
import dev.forge3d.api.JobProgress;
import dev.forge3d.api.ProgressListener;

import java.io.PrintStream;

/**
 * Shows a job's progress on stderr: a redrawn bar on a terminal, one line per stage otherwise, so
 * logs stay readable when redirected.
 */
final class ProgressDisplay implements ProgressListener {
    private static final int BAR_WIDTH = 30;
    private static final long QUIET_LOG_NANOS = 30_000_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private String lastStage = "";
    private int lastPercent;
    private long lastLineNanos = System.nanoTime();
    private boolean drawn;
    private boolean finished;

    ProgressDisplay(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void onProgress(Job job, JobProgress progress) {
        if (!finished) {
            show(progress);
        }
    }

    private void show(JobProgress progress) {
        if (terminal) {
            int filled = progress.percent() * BAR_WIDTH / 100;
            String line = String.format("\r[%s%s] %3d%% %s", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
                    progress.percent(), progress.stage());
            err.print(line.length() > 100 ? line.substring(0, 100) : line + "\u001b[K");
            drawn = true;
        } else {
            // Off a terminal, print a line when a new kind of stage starts, every 10% or every 30 s,
            // not on every count ("step 10/1500", "step 20/1500", ...): numbers make no new kind.
            String kind = progress.stage().replaceAll("[0-9][0-9.,/]*", "#");
            long now = System.nanoTime();
            if (!kind.equals(lastStage) || progress.percent() >= lastPercent + 10
                    || now - lastLineNanos >= QUIET_LOG_NANOS) {
                err.println("[" + progress.percent() + "%] " + progress.stage());
                lastStage = kind;
                lastPercent = progress.percent();
                lastLineNanos = now;
            }
        }
    }

    /**
     * Shows the job's last progress and ends the display. The job does not wait for its
     * listeners, so a report may still arrive after it ended: it is not shown, lest it come
     * after the outcome or the last progress.
     */
    synchronized void finish(JobProgress last) {
        show(last);
        finished = true;
        if (terminal && drawn) {
            err.println();
        }
    }
}
