package dev.forge3d.engine.pipeline;

import dev.forge3d.api.Job;
import dev.forge3d.api.ScanParams;
import dev.forge3d.engine.features.SiftExtractor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real handheld videos of {@code ../shared/data/videos} at 80 frames: every frame registered,
 * mean reprojection error under 0.6 px. They take about a minute and a half each on two cores, so
 * they run only with {@code -Dforge3d.realVideos=true} (and skip when the data folder is absent).
 */
class PosesRealVideoTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"stone_sign.mp4", "tree_snow_01.mp4"})
    void everyFrameRegistersWithSubPixelError(String name) {
        assumeTrue(Boolean.getBoolean("forge3d.realVideos"), "set -Dforge3d.realVideos=true to run");
        Path video = sharedData().resolve("videos").resolve(name);
        assumeTrue(Files.isRegularFile(video), "no " + video);
        ScanParams params = ScanParams.builder().frames(80).build();
        Job job = PosesRun.run(video, params, temp.resolve("out"), temp.resolve("work"),
                SiftExtractor.DEFAULT_MAX_FEATURES);
        assertTrue(job.error().isEmpty(), () -> "failed: " + job.error());
        Map<String, Object> metrics = job.result().orElseThrow().metrics();
        System.out.println(name + ": " + metrics);
        assertEquals(80, ((Number) metrics.get("registered_frames")).intValue());
        assertTrue(((Number) metrics.get("mean_reprojection_error_px")).doubleValue() < 0.6, metrics.toString());
    }

    /** {@code ../shared/data} beside the project root (the folder holding {@code mvnw}). */
    static Path sharedData() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("/nonexistent") : dir.resolveSibling("shared").resolve("data");
    }
}
