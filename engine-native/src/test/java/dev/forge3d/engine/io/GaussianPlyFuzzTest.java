package dev.forge3d.engine.io;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.engine.fuzz.Mutant;
import dev.forge3d.engine.fuzz.Mutations;
import dev.forge3d.engine.fuzz.ReaderContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded damage to a 3DGS PLY (what {@code render} reads), to its text header and its binary
 * body: every read gives as many Gaussians as the body holds, or is refused as
 * {@link ReaderContract} says; a failure names the seed.
 */
class GaussianPlyFuzzTest {
    private static final int SEEDS = 300;
    private static final int RECORD_BYTES = 62 * Float.BYTES;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void damagedScenesAreReadOrRefusedWithATypedError() throws Exception {
        SplatArrays g = SplatArrays.allocate(3);
        for (float[] a : new float[][] {g.means(), g.logScales(), g.rotations(), g.opacityLogits(), g.shDc(),
                g.shRest()}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = 0.01f * i - 0.3f;
            }
        }
        Path file = dir.resolve("scene.ply");
        GaussianPly.write(g, file);
        byte[] valid = Files.readAllBytes(file);
        assertEquals(3, GaussianPly.read(file).count());

        // The header is most of the file: cut it finely, the body coarsely.
        List<Mutant> mutants = Mutations.headerAndBody(valid, 29, SEEDS);
        ReaderContract contract = new ReaderContract();
        int read = 0, refused = 0;
        for (Mutant mutant : mutants) {
            Files.write(file, mutant.bytes());
            Optional<SplatArrays> back = contract.check(mutant, "GaussianPly.read", ReaderContract.INPUT_CODES,
                    List.of(file.toString()), mutant.bytes().length, () -> GaussianPly.read(file));
            if (back.isEmpty()) {
                refused++;
                continue;
            }
            read++;
            contract.brokenIf((long) back.get().count() * RECORD_BYTES >= mutant.bytes().length, mutant,
                    "read " + back.get().count() + " Gaussians");
        }
        contract.assertHeld();
        assertTrue(read > 0 && refused > 0, read + " read, " + refused + " refused");
    }
}
