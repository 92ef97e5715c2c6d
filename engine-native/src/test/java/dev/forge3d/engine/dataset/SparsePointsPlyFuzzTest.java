package dev.forge3d.engine.dataset;

import dev.forge3d.engine.fuzz.Mutant;
import dev.forge3d.engine.fuzz.Mutations;
import dev.forge3d.engine.fuzz.ReaderContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

        List<Mutant> mutants = Mutations.headerAndBody(valid, 7, SEEDS);
        ReaderContract contract = new ReaderContract();
        int read = 0, refused = 0;
        for (Mutant mutant : mutants) {
            Files.write(file, mutant.bytes());
            Optional<List<SparsePoint>> back = contract.check(mutant, "SparsePointsPly.read",
                    ReaderContract.INPUT_CODES, List.of(file.toString()), mutant.bytes().length,
                    () -> SparsePointsPly.read(file));
            if (back.isEmpty()) {
                refused++;
                continue;
            }
            read++;
            contract.brokenIf((long) back.get().size() * RECORD_BYTES >= mutant.bytes().length, mutant,
                    "read " + back.get().size() + " points");
            for (SparsePoint p : back.get()) {
                contract.brokenIf(!(Double.isFinite(p.x()) && Double.isFinite(p.y()) && Double.isFinite(p.z())
                        && p.red() >= 0 && p.red() <= 255 && p.green() >= 0 && p.green() <= 255 && p.blue() >= 0
                        && p.blue() <= 255), mutant, "read " + p);
            }
        }
        contract.assertHeld();
        assertTrue(read > 0 && refused > 0, read + " read, " + refused + " refused");
    }
}
