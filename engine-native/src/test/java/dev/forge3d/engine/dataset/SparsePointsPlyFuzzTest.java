package dev.forge3d.engine.dataset;

import dev.forge3d.engine.fuzz.Mutant;
import dev.forge3d.engine.fuzz.Mutations;
import dev.forge3d.engine.io.ReaderContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded damage to the sparse points PLY beside transforms.json, to its text header and its
 * binary body: every read gives finite points with 8-bit colours, as many as the body holds, or
 * is refused as {@link ReaderContract} says; a failure names the seed.
 */
class SparsePointsPlyFuzzTest {
    private static final int SEEDS = 300;
    /** x y z float, red green blue uchar. */
    private static final int RECORD_BYTES = 15;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void damagedPointFilesAreReadOrRefusedWithATypedError() throws Exception {
        Path file = dir.resolve("sparse_pc.ply");
        List<SparsePoint> points = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            points.add(new SparsePoint(i - 2.5, 0.25 * i, -i * 1e3, 40 * i, 255 - i, i));
        }
        SparsePointsPly.write(points, file);
        byte[] valid = Files.readAllBytes(file);
        assertEquals(points, SparsePointsPly.read(file));

        List<Mutant> mutants = new ArrayList<>(Mutations.truncations(valid, 7));
        for (long seed = 0; seed < SEEDS; seed++) {
            // The header is text, the body binary: half the cases each way.
            mutants.add(seed % 2 == 0 ? Mutations.text(valid, seed) : Mutations.binary(valid, seed));
        }
        int read = 0, refused = 0;
        for (Mutant mutant : mutants) {
            Files.write(file, mutant.bytes());
            List<SparsePoint> back = ReaderContract.readOrRefuse(mutant.toString(), mutant.bytes().length,
                    List.of(file.toString()), () -> SparsePointsPly.read(file));
            if (back == null) {
                refused++;
                continue;
            }
            read++;
            assertTrue((long) back.size() * RECORD_BYTES < mutant.bytes().length, mutant + ": " + back.size());
            for (SparsePoint p : back) {
                assertTrue(Double.isFinite(p.x()) && Double.isFinite(p.y()) && Double.isFinite(p.z())
                        && p.red() >= 0 && p.red() <= 255 && p.green() >= 0 && p.green() <= 255 && p.blue() >= 0
                        && p.blue() <= 255, mutant + ": " + p);
            }
        }
        assertTrue(read > 0 && refused > 0, read + " read, " + refused + " refused");
    }
}
