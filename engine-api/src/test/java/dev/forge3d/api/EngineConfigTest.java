package dev.forge3d.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
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
        assertEquals(Runtime.getRuntime().availableProcessors(), config.threadsPerJob());
    }

    @Test
    void theDefaultWorkRootIsTheUsersOwnInTheTemporaryFolder() {
        Path root = EngineConfig.defaults().workRoot();
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")), root.getParent());
        assertEquals("forge3d-jobs-" + EngineConfig.Builder.userName(), root.getFileName().toString());
        String saved = System.getProperty("user.name");
        try {
            System.setProperty("user.name", "DOMAIN\\jo doe/..");
            assertEquals("DOMAIN_jo_doe_..", EngineConfig.Builder.userName(), "one file name, no separators");
            System.setProperty("user.name", "..");
            assertEquals("user", EngineConfig.Builder.userName());
        } finally {
            System.setProperty("user.name", saved);
        }
    }

    @Test
    void limitsBelowOneAreInvalidParamsNamingTheField() {
        check(b -> b.maxImagePixels(0), "maxImagePixels");
        check(b -> b.maxImageBytes(-1), "maxImageBytes");
        check(b -> b.maxVideoBytes(0), "maxVideoBytes");
        check(b -> b.maxRunningJobs(0), "maxRunningJobs");
        check(b -> b.keptFinishedJobs(-1), "keptFinishedJobs");
        check(b -> b.threadsPerJob(0), "threadsPerJob");
    }

    @Test
    void threadsPerJobAboveTheLimitIsAnInvalidParam() {
        check(b -> b.threadsPerJob(EngineConfig.MAX_THREADS_PER_JOB + 1), "threadsPerJob");
        assertEquals(EngineConfig.MAX_THREADS_PER_JOB,
                EngineConfig.builder().threadsPerJob(EngineConfig.MAX_THREADS_PER_JOB).build().threadsPerJob());
    }

    @Test
    void toBuilderKeepsEverySettingItIsNotToldToChange() {
        EngineConfig config = new EngineConfig(java.nio.file.Path.of("jobs"), 3, 5, 7, 11, 13, 17, 19, true);
        assertEquals(config, config.toBuilder().build());
        EngineConfig fewer = config.toBuilder().threadsPerJob(2).build();
        assertEquals(new EngineConfig(java.nio.file.Path.of("jobs"), 3, 2, 7, 11, 13, 17, 19, true), fewer);
    }

    private static void check(UnaryOperator<EngineConfig.Builder> change, String field) {
        Forge3dException refused = assertThrows(Forge3dException.class, () -> change.apply(EngineConfig.builder()).build());
        assertEquals(ErrorCode.INVALID_PARAM, refused.code());
        assertTrue(refused.getMessage().contains(field), refused.getMessage());
    }
}
