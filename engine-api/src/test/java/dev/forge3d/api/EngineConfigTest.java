package dev.forge3d.api;

import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineConfigTest {

    @Test
    void defaultsAreTheDocumentedLimits() {
        EngineConfig config = EngineConfig.defaults();
        assertEquals(10L * 1024 * 1024, config.maxImageBytes());
        assertEquals(100_000_000L, config.maxImagePixels());
        assertEquals(500L * 1024 * 1024, config.maxVideoBytes());
        assertEquals(1, config.maxRunningJobs());
        assertEquals(100, config.keptFinishedJobs());
    }

    @Test
    void limitsBelowOneAreInvalidParamsNamingTheField() {
        check(b -> b.maxImagePixels(0), "maxImagePixels");
        check(b -> b.maxImageBytes(-1), "maxImageBytes");
        check(b -> b.maxVideoBytes(0), "maxVideoBytes");
        check(b -> b.maxRunningJobs(0), "maxRunningJobs");
        check(b -> b.keptFinishedJobs(-1), "keptFinishedJobs");
    }

    private static void check(UnaryOperator<EngineConfig.Builder> change, String field) {
        Forge3dException refused = assertThrows(Forge3dException.class, () -> change.apply(EngineConfig.builder()).build());
        assertEquals(ErrorCode.INVALID_PARAM, refused.code());
        assertTrue(refused.getMessage().contains(field), refused.getMessage());
    }
}
