package dev.forge3d.engine.dataset;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.engine.fuzz.Mutant;
import dev.forge3d.engine.fuzz.Mutations;
import dev.forge3d.engine.fuzz.ReaderContract;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded damage to each file of a small COLMAP model, text and binary: every read either gives a
 * dataset that holds {@link PosedDatasetInvariants} or is refused as {@link ReaderContract} says.
 * A failure names the file and seed; {@link Mutations} remakes the case from them.
 */
class ColmapModelFuzzTest {
    private static final int SEEDS_PER_FILE = 150;
    private static final long MAX_PIXELS = EngineConfig.DEFAULT_MAX_IMAGE_PIXELS;
    private static final String[] FILES = {"cameras", "images", "points3D"};

    @TempDir
    Path dir;

    /** Two cameras, three images with 2D points (one with none), four points with tracks. */
    static ColmapTextModel model() {
        List<CameraIntrinsics> cameras = List.of(new CameraIntrinsics(64, 48, 50, 50, 32.5, 24.25, 0.01),
                new CameraIntrinsics(40, 30, 35, 35, 20, 15, -0.02));
        List<ColmapTextModel.Image> images = List.of(
                new ColmapTextModel.Image(3, "c.png", new double[] {0.9, 0.1, -0.3, 0.2}, new double[] {0.5, -0.2, 3},
                        1, new double[] {10.5, 20.25, 30, 40}, new long[] {1, -1}),
                new ColmapTextModel.Image(1, "a.png", new double[] {1, 0, 0, 0}, new double[] {0, 0, 2}, 2,
                        new double[] {5, 6}, new long[] {2}),
                new ColmapTextModel.Image(2, "b.png", new double[] {0.5, 0.5, 0.5, 0.5}, new double[] {-1, 1e-3, 4},
                        1, new double[0], new long[0]));
        List<ColmapTextModel.Point> points = List.of(
                new ColmapTextModel.Point(1, new double[] {0.5, 1.5, -2}, new int[] {255, 128, 0}, 0.3,
                        new int[] {3}, new int[] {0}),
                new ColmapTextModel.Point(2, new double[] {1, 2, 3}, new int[] {1, 2, 3}, 0.1, new int[] {1, 3},
                        new int[] {0, 1}),
                new ColmapTextModel.Point(7, new double[] {-4e3, 1e-9, 0}, new int[] {9, 9, 9}, 2.5, new int[0],
                        new int[0]),
                new ColmapTextModel.Point(8, new double[] {0, 0, 1}, new int[] {0, 0, 0}, 0, new int[] {2},
                        new int[] {0}));
        return new ColmapTextModel(cameras, images, points);
    }

    @ParameterizedTest
    @ValueSource(strings = {".txt", ".bin"})
    @Timeout(60)
    void damagedModelFilesAreReadOrRefusedWithATypedError(String extension) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        for (String name : List.of("a.png", "b.png", "c.png")) {
            Files.write(images.resolve(name), new byte[] {1});
        }
        Path model = dir.resolve("sparse/0");
        if (extension.equals(".txt")) {
            ColmapTextWriter.write(model(), model);
        } else {
            ColmapBinaryFiles.write(model(), model);
        }
        PosedDataset valid = ColmapModelReader.read(dir, MAX_PIXELS);
        assertEquals(3, valid.frames().size());
        assertEquals(4, valid.points().size());

        List<String> named = new ArrayList<>(List.of(model + ":"));
        for (String file : FILES) {
            named.add(model.resolve(file + extension).toString());
        }
        ReaderContract contract = new ReaderContract();
        int read = 0, refused = 0;
        for (int f = 0; f < FILES.length; f++) {
            Path file = model.resolve(FILES[f] + extension);
            byte[] bytes = Files.readAllBytes(file);
            List<Mutant> mutants = new ArrayList<>(Mutations.truncations(bytes, 11));
            for (long seed = 1000L * f; seed < 1000L * f + SEEDS_PER_FILE; seed++) {
                mutants.add(extension.equals(".txt") ? Mutations.text(bytes, seed) : Mutations.binary(bytes, seed));
            }
            for (Mutant mutant : mutants) {
                Files.write(file, mutant.bytes());
                String what = file.getFileName() + " " + mutant;
                Optional<PosedDataset> dataset = contract.check(what, "ColmapModelReader.read",
                        ReaderContract.INPUT_CODES, named, size(model), () -> ColmapModelReader.read(dir, MAX_PIXELS));
                if (dataset.isEmpty()) {
                    refused++;
                } else {
                    read++;
                    PosedDatasetInvariants.assertHolds(what, dataset.get(), MAX_PIXELS);
                }
            }
            Files.write(file, bytes);
        }
        contract.assertHeld();
        // Both outcomes, or the damage (or the valid model) is not what it is meant to be.
        assertTrue(read > 0 && refused > 0, read + " read, " + refused + " refused");
    }

    private static long size(Path model) throws Exception {
        long size = 0;
        for (String file : FILES) {
            for (String extension : List.of(".txt", ".bin")) {
                Path path = model.resolve(file + extension);
                size += Files.isRegularFile(path) ? Files.size(path) : 0;
            }
        }
        return size;
    }
}
