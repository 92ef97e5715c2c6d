package dev.forge3d.engine.dataset;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.engine.fuzz.Mutant;
import dev.forge3d.engine.fuzz.Mutations;
import dev.forge3d.engine.fuzz.ReaderContract;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded damage to transforms.json (what {@code train} and {@code render --poses} read at
 * submit), in the three shapes it comes in: one camera at the top level, a camera per frame with
 * the sparse points PLY, and Blender's {@code camera_angle_x} with 3x4 matrices. Every read gives
 * a dataset that holds {@link PosedDatasetInvariants} or is refused as {@link ReaderContract}
 * says; a failure names the seed.
 */
class TransformsJsonFuzzTest {
    private static final int SEEDS_PER_SHAPE = 200;
    private static final long MAX_PIXELS = EngineConfig.DEFAULT_MAX_IMAGE_PIXELS;

    @TempDir
    Path folder;

    private List<PosedFrame> frames(int... cameras) throws Exception {
        Path images = Files.createDirectories(folder.resolve("images"));
        List<PosedFrame> frames = new ArrayList<>();
        for (int i = 0; i < cameras.length; i++) {
            Path image = images.resolve("f" + i + ".png");
            Files.write(image, new byte[] {1});
            frames.add(new PosedFrame("images/f" + i + ".png", image,
                    new Matrix4d().rotateY(0.4 * i).rotateX(-0.1 * i).translate(0.1 * i, -0.2, 3.0), cameras[i]));
        }
        return frames;
    }

    private static final String BLENDER = """
            {
              "camera_angle_x": 0.6911112070083618,
              "w": 80, "h": 60,
              "frames": [
                {"file_path": "images/f0.png", "rotation": 0.012566370614359171,
                 "transform_matrix": [[0, 0, 1, 0.5], [1, 0, 0, -0.25], [0, 1, 0, 1.5]]},
                {"file_path": "images/f1.png",
                 "transform_matrix": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 4], [0, 0, 0, 1]]}
              ]
            }
            """;

    @Test
    @Timeout(60)
    void damagedTransformsAreReadOrRefusedWithATypedError() throws Exception {
        CameraIntrinsics small = new CameraIntrinsics(64, 48, 50, 50, 32.5, 24.25, 0.01);
        CameraIntrinsics other = new CameraIntrinsics(40, 30, 35, 36, 20, 15, -0.02);
        byte[] shared = Files.readAllBytes(
                TransformsJson.write(new PosedDataset(folder, List.of(small), frames(0, 0), List.of()), 2));
        Path file = TransformsJson.write(new PosedDataset(folder, List.of(small, other), frames(0, 1, 0),
                List.of(new SparsePoint(1, 2, 3, 4, 5, 6), new SparsePoint(-1, 0.5, 7, 255, 0, 128))));
        byte[] perFrame = Files.readAllBytes(file);
        Path ply = folder.resolve(TransformsJson.POINTS_FILE_NAME);
        byte[] blender = BLENDER.getBytes(StandardCharsets.UTF_8);

        ReaderContract contract = new ReaderContract();
        int read = 0, refused = 0;
        int shape = 0;
        for (byte[] valid : List.of(shared, perFrame, blender)) {
            Files.write(file, valid);
            assertEquals(valid == perFrame ? 3 : 2, TransformsJson.read(file, MAX_PIXELS).frames().size());
            List<Mutant> mutants = new ArrayList<>(Mutations.truncations(valid, 37));
            for (long seed = 1000L * shape; seed < 1000L * shape + SEEDS_PER_SHAPE; seed++) {
                mutants.add(Mutations.text(valid, seed));
            }
            for (Mutant mutant : mutants) {
                Files.write(file, mutant.bytes());
                String what = "shape " + shape + " " + mutant;
                Optional<TransformsJson.Contents> contents = contract.check(what, "TransformsJson.readContents",
                        ReaderContract.INPUT_CODES, List.of(file.toString(), ply.toString()),
                        Files.size(file) + Files.size(ply), () -> TransformsJson.readContents(file, MAX_PIXELS));
                if (contents.isEmpty()) {
                    refused++;
                } else {
                    read++;
                    PosedDatasetInvariants.assertHolds(what, contents.get().dataset(), MAX_PIXELS);
                    int downscale = contents.get().sourceDownscale();
                    contract.brokenIf(downscale < 1 || downscale > 64, what, "source downscale " + downscale);
                }
            }
            shape++;
        }
        contract.assertHeld();
        assertTrue(read > 0 && refused > 0, read + " read, " + refused + " refused");
    }
}
