package dev.forge3d.engine.fuzz;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a reader of user files owes its caller, whatever the bytes, checked case by case with every
 * case that broke it listed at the end (not only the first): the read returns, or throws a
 * {@link Forge3dException} of an expected code whose message names the input; never another
 * exception, never Java memory sized by a count the input cannot back, and never a rise in peak
 * resident memory (where a native decoder's allocations show) that no small file justifies.
 */
public final class ReaderContract {
    /** The codes bad input may be refused with. */
    public static final Set<ErrorCode> INPUT_CODES = EnumSet.of(ErrorCode.UNREADABLE_INPUT, ErrorCode.INPUT_TOO_LARGE,
            ErrorCode.INVALID_PARAM);
    /** Far above what decoding any of the test files (kilobytes) needs. */
    public static final long MAX_PEAK_GROWTH = 256L << 20;
    /**
     * Java allocation allowed per read: a fixed part (read buffers, messages) and a multiple of the
     * input's size (text split into strings, boxed JSON numbers: the readers here take under 40
     * bytes a byte of a 200 KB line). An array sized by a count the file cannot hold is far past it.
     */
    private static final long FIXED_ALLOCATION = 4L << 20, ALLOCATION_PER_INPUT_BYTE = 64;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final List<String> broken = new ArrayList<>();
    private Throwable firstUnexpected;
    private int checks;

    /**
     * Runs {@code read} on one damaged input.
     *
     * @param mutant     the case, to reproduce it (seed and damage)
     * @param reader     what reads it, for the failure message
     * @param codes      the codes a refusal may carry; none where the reader must not throw
     * @param names      what the input may be called: a refusal's message must contain one
     * @param inputBytes the size of what is read, which bounds what the read may allocate
     * @return what {@code read} returned; empty when it refused the input or broke the contract
     */
    public <T> Optional<T> check(Object mutant, String reader, Set<ErrorCode> codes, Collection<String> names,
                                 long inputBytes, Callable<T> read) {
        checks++;
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        long[] allocated = new long[1];
        long growth = PeakMemory.growthDuring(() -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                result[0] = read.call();
            } catch (Throwable t) {
                thrown[0] = t;
            }
            allocated[0] = THREADS.getCurrentThreadAllocatedBytes() - before;
        });
        long budget = FIXED_ALLOCATION + ALLOCATION_PER_INPUT_BYTE * inputBytes;
        brokenIf(allocated[0] > budget, mutant, reader + " allocated " + allocated[0] + " bytes reading " + inputBytes
                + " (at most " + budget + ")");
        brokenIf(growth > MAX_PEAK_GROWTH, mutant, reader + " raised the peak memory by " + (growth >> 20) + " MiB");
        if (thrown[0] == null) {
            @SuppressWarnings("unchecked")
            T value = (T) result[0];
            return Optional.ofNullable(value);
        }
        if (!(thrown[0] instanceof Forge3dException refused)) {
            firstUnexpected = firstUnexpected == null ? thrown[0] : firstUnexpected;
            broken.add(mutant + ": " + reader + " threw " + thrown[0]);
        } else if (!codes.contains(refused.code())) {
            broken.add(mutant + ": " + reader + " refused it with " + refused.code() + ": " + refused.getMessage());
        } else if (refused.getMessage() == null || names.stream().noneMatch(refused.getMessage()::contains)) {
            broken.add(mutant + ": " + reader + "'s refusal names none of " + names + ": " + refused.getMessage());
        }
        return Optional.empty();
    }

    /** Records a broken case that {@link #check} cannot see, such as a wrong result. */
    public void brokenIf(boolean broken, Object mutant, String problem) {
        if (broken) {
            this.broken.add(mutant + ": " + problem);
        }
    }

    /** Fails, listing each broken case (with the stack of the first unexpected exception), when any case broke it. */
    public void assertHeld() {
        if (!broken.isEmpty()) {
            fail(broken.size() + " broken in " + checks + " checks:\n" + String.join("\n", broken), firstUnexpected);
        }
    }
}
