package dev.forge3d.engine.fuzz;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.io.EOFException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each way a read can break the contract is reported, with its case; a result or a proper refusal is not. */
class ReaderContractTest {
    private static final Set<ErrorCode> CODES = Set.of(ErrorCode.UNREADABLE_INPUT);
    private static final List<String> NAMES = List.of("/in/scene.ply");

    @Test
    void aResultIsReturnedAndATypedRefusalNamingTheInputIsAccepted() {
        ReaderContract contract = new ReaderContract();

        assertEquals(Optional.of(7), contract.check("case 1", "reader", CODES, NAMES, 10, () -> 7));
        assertEquals(Optional.empty(), contract.check("case 2", "reader", CODES, NAMES, 10,
                refusing(ErrorCode.UNREADABLE_INPUT, "/in/scene.ply: truncated")));
        contract.assertHeld();
    }

    @Test
    void anUntypedExceptionAWrongCodeAnUnnamedInputAndAnUnbackedAllocationAreEachReported() {
        ReaderContract contract = new ReaderContract();

        contract.check("case 1", "reader", CODES, NAMES, 10, () -> {
            throw new EOFException("end of file");
        });
        contract.check("case 2", "reader", CODES, NAMES, 10,
                refusing(ErrorCode.INTERNAL_ERROR, "/in/scene.ply: bug"));
        contract.check("case 3", "reader", CODES, NAMES, 10, refusing(ErrorCode.UNREADABLE_INPUT, "truncated"));
        contract.check("case 4", "reader", CODES, NAMES, 10, () -> new byte[16 << 20]);
        contract.brokenIf(true, "case 5", "a wrong result");

        String report = assertThrows(AssertionFailedError.class, contract::assertHeld).getMessage();
        assertTrue(report.startsWith("5 broken in 4 checks:"), report);
        for (String expected : List.of("case 1: reader threw java.io.EOFException: end of file",
                "case 2: reader refused it with INTERNAL_ERROR", "case 3: reader's refusal names none of",
                "case 4: reader allocated ", "case 5: a wrong result")) {
            assertTrue(report.contains(expected), expected + " in " + report);
        }
    }

    private static Callable<Integer> refusing(ErrorCode code, String message) {
        return () -> {
            throw new Forge3dException(code, message);
        };
    }
}
