package dev.forge3d.cli;

import dev.forge3d.api.JobProgress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job does not wait for its listeners, so the display may hear a report after the command has its outcome. */
class ProgressDisplayTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ProgressDisplay display(boolean terminal) {
        return new ProgressDisplay(new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
    }

    private String shown() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void finishingShowsTheJobsLastProgressAndNothingThatArrivesLater() {
        ProgressDisplay lines = display(false);
        lines.onProgress(null, new JobProgress(40, "training step 600/1500"));
        lines.finish(new JobProgress(100, "done"));
        lines.onProgress(null, new JobProgress(95, "writing outputs")); // a stage of its own, so a line if shown
        assertEquals("[40%] training step 600/1500\n[100%] done\n", shown().replace("\r\n", "\n"));
    }

    @Test
    void onATerminalTheBarEndsOnTheLastProgressWithItsLineClosed() {
        ProgressDisplay bar = display(true);
        bar.onProgress(null, new JobProgress(40, "matching"));
        bar.finish(new JobProgress(100, "done"));
        bar.onProgress(null, new JobProgress(45, "matching"));
        assertTrue(shown().endsWith("] 100% done\u001b[K" + System.lineSeparator()), shown());
    }
}
