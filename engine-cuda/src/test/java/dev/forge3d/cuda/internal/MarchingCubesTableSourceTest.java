package dev.forge3d.cuda.internal;

import dev.forge3d.engine.mesh.MarchingCubesTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The marching-cubes kernel's case table and edge origins, as written in its .cu source, are the
 * CPU twin's ({@link MarchingCubesTable}), entry for entry. Runs without a GPU.
 */
class MarchingCubesTableSourceTest {
    /** Surefire runs in the module folder. */
    static final Path SOURCE = Path.of("src/main/cuda/mesh/marching_cubes.cu");

    @BeforeEach
    void needsTheSources() {
        // The GPU bundle (run-gpu-tests.sh sets this) carries jars, not sources; Maven always has them.
        assumeFalse(Boolean.getBoolean("forge3d.test.inBundle"), "the GPU bundle carries no .cu sources");
    }

    @Test
    void theKernelsTableIsTheCpuTwinsTable() throws Exception {
        byte[] expected = MarchingCubesTable.triangles();
        int[] table = numbers(Files.readString(SOURCE), "kTriangles[256 * 16]");
        assertEquals(expected.length, table.length, "entries");
        int[] widened = new int[expected.length];
        for (int i = 0; i < expected.length; i++) {
            widened[i] = expected[i];
        }
        assertArrayEquals(widened, table);
    }

    @Test
    void theKernelsEdgeOriginsAreTheCpuTwins() throws Exception {
        assertArrayEquals(MarchingCubesTable.EDGE_ORIGIN, numbers(Files.readString(SOURCE), "kEdgeOrigin[12]"));
    }

    /** The integers of the brace initialiser that follows {@code declaration}, comments removed. */
    static int[] numbers(String source, String declaration) {
        int at = source.indexOf(declaration);
        assertTrue(at >= 0, declaration + " not found in " + SOURCE);
        int open = source.indexOf('{', at);
        int close = source.indexOf("};", open);
        String body = source.substring(open + 1, close).replaceAll("//[^\n]*", "");
        Matcher m = Pattern.compile("-?\\d+").matcher(body);
        return m.results().mapToInt(r -> Integer.parseInt(r.group())).toArray();
    }
}
