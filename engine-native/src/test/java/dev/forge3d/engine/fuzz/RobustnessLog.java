package dev.forge3d.engine.fuzz;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The robustness property of a reader given damaged input, checked case by case, with every case
 * that broke it listed at the end (not only the first): the call returns, or throws a
 * {@link Forge3dException} of an expected code whose message names the input; never another
 * exception, and never a rise in peak memory no small file justifies.
 */
public final class RobustnessLog {
    /** Far above what decoding any of the test files (kilobytes) needs. */
    public static final long MAX_PEAK_GROWTH = 256L << 20;

    private final List<String> broken = new ArrayList<>();
    private int cases;

    /**
     * Runs {@code read} on one damaged input.
     *
     * @param mutant what was done to the input, for the failure message
     * @param name   what the input is called; a refusal's message must contain it
     * @param codes  the codes a refusal may carry
     * @return what {@code read} returned, or empty when it threw or broke the property
     */
    public <T> Optional<T> check(Object mutant, String what, String name, Set<ErrorCode> codes, Supplier<T> read) {
        cases++;
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        long growth = PeakMemory.growthDuring(() -> {
            try {
                result[0] = read.get();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        if (growth > MAX_PEAK_GROWTH) {
            broken.add(mutant + ": " + what + " raised the peak memory by " + (growth >> 20) + " MiB");
        }
        if (thrown[0] instanceof Forge3dException refused && codes.contains(refused.code())
                && refused.getMessage() != null && refused.getMessage().contains(name)) {
            return Optional.empty();
        }
        if (thrown[0] != null) {
            broken.add(mutant + ": " + what + " threw " + thrown[0]
                    + (thrown[0] instanceof Forge3dException refused ? " (code " + refused.code() + ")" : ""));
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return Optional.ofNullable(value);
    }

    /** Records a broken property that {@link #check} cannot see, such as a wrong result. */
    public void brokenIf(boolean broken, Object mutant, String problem) {
        if (broken) {
            this.broken.add(mutant + ": " + problem);
        }
    }

    /** Fails, listing each broken case, when any case broke the property. */
    public void assertNoneBroken() {
        if (!broken.isEmpty()) {
            fail(broken.size() + " broken in " + cases + " checks:\n" + String.join("\n", broken));
        }
    }
}
