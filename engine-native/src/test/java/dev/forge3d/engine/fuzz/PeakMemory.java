package dev.forge3d.engine.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's peak resident memory (Linux {@code /proc/self/status}, {@code VmHWM}), reset
 * before a case and read after it: an allocation sized by a length a small file claims shows as a
 * jump, whether the JVM or a native decoder made it, even when the memory is freed before the
 * call returns. Where {@code /proc} is missing, {@link #growthDuring} measures nothing.
 */
public final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {
    }

    /**
     * How far the peak resident memory rose above the resident memory at the start while
     * {@code action} ran, in bytes; 0 where the kernel does not report it.
     */
    public static long growthDuring(Runnable action) {
        long before = kilobytes("VmRSS:");
        boolean measured = before > 0 && resetPeak();
        action.run();
        return measured ? Math.max(0, kilobytes("VmHWM:") - before) * 1024 : 0;
    }

    /** Writing 5 to clear_refs sets the peak to the current resident size (Linux 4.0 on). */
    private static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static long kilobytes(String key) {
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or a kernel that reports otherwise: nothing is measured
        }
        return 0;
    }
}
