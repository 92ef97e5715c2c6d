package dev.forge3d.engine.io;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a reader of user files owes its caller, whatever the bytes: a result, or a
 * {@link Forge3dException} with an input error code and a message naming the file; never another
 * exception or error, and never memory sized by a count the file cannot back.
 */
public final class ReaderContract {
    /** The codes bad input may be refused with. */
    public static final Set<ErrorCode> INPUT_CODES = EnumSet.of(ErrorCode.UNREADABLE_INPUT, ErrorCode.INPUT_TOO_LARGE,
            ErrorCode.INVALID_PARAM);
    /**
     * Allocation allowed per read: a fixed part (read buffers, messages) and a multiple of the
     * input's size (text split into strings, boxed JSON numbers: the readers here take under 40
     * bytes a byte of a 200 KB line). An array sized by a count the file cannot hold is far past it.
     */
    private static final long FIXED_ALLOCATION = 4L << 20, ALLOCATION_PER_INPUT_BYTE = 64;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ReaderContract() {
    }

    /**
     * Runs {@code read} on a damaged input.
     *
     * @param what       the case, to reproduce it (seed and damage)
     * @param inputBytes the size of the files read, which bounds what the read may allocate
     * @param named      the paths a refusal may name: its message must contain one
     * @return the result, or null when the input was refused as it should be
     */
    public static <T> T readOrRefuse(String what, long inputBytes, Collection<String> named, Callable<T> read) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        T result = null;
        try {
            result = read.call();
        } catch (Forge3dException e) {
            assertTrue(INPUT_CODES.contains(e.code()), what + ": refused with " + e.code() + ": " + e.getMessage());
            assertTrue(named.stream().anyMatch(e.getMessage()::contains),
                    what + ": the message names none of " + named + ": " + e.getMessage());
        } catch (Throwable e) {
            fail(what + ": " + e.getClass().getName() + " instead of a typed refusal:\n" + stackTrace(e));
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        long budget = FIXED_ALLOCATION + ALLOCATION_PER_INPUT_BYTE * inputBytes;
        assertTrue(allocated <= budget, what + ": allocated " + allocated + " bytes reading " + inputBytes
                + " (at most " + budget + ")");
        return result;
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
