package dev.forge3d.engine.dataset;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformsJsonTest {
    @TempDir
    Path folder;

    private PosedFrame frame(String name, double angle, int camera) throws Exception {
        Path image = Files.createDirectories(folder.resolve("images")).resolve(name);
        Files.write(image, new byte[] {1});
        Matrix4d c2w = new Matrix4d().rotateY(angle).translate(0.1, -0.2, 3.0);
        return new PosedFrame("images/" + name, image, c2w, camera);
    }

    @Test
    void writeThenReadGivesTheSameCamerasPosesAndPoints() throws Exception {
        CameraIntrinsics a = new CameraIntrinsics(640, 360, 550.5, 550.5, 320.25, 180.5, -0.02);
        CameraIntrinsics b = new CameraIntrinsics(360, 640, 600, 600, 180, 320, 0);
        PosedDataset dataset = new PosedDataset(folder, List.of(a, b),
                List.of(frame("f0.png", 0.3, 0), frame("f1.png", 1.1, 1)),
                List.of(new SparsePoint(1.5, -2.25, 0.125, 255, 0, 17)));

        PosedDataset read = TransformsJson.read(TransformsJson.write(dataset));

        assertEquals(dataset.cameras(), read.cameras());
        assertEquals(dataset.points(), read.points());
        for (int i = 0; i < 2; i++) {
            assertTrue(dataset.frames().get(i).cameraToWorld().equals(read.frames().get(i).cameraToWorld(), 1e-12));
            assertEquals(dataset.frames().get(i).file(), read.frames().get(i).file());
        }
    }

    /** train takes the factor poses shrank the frames by from the same read as the frames. */
    @Test
    void theRecordedSourceDownscaleIsReadWithTheDataset() throws Exception {
        long limit = EngineConfig.DEFAULT_MAX_IMAGE_PIXELS;
        PosedDataset dataset = new PosedDataset(folder, List.of(new CameraIntrinsics(64, 48, 50, 50, 32, 24, 0)),
                List.of(frame("f.png", 0, 0)), List.of());
        TransformsJson.Contents shrunk = TransformsJson.readContents(TransformsJson.write(dataset, 2), limit);
        assertEquals(2, shrunk.sourceDownscale());
        assertEquals(dataset.frames().getFirst().file(), shrunk.dataset().frames().getFirst().file());
        assertEquals(1, TransformsJson.readContents(TransformsJson.write(dataset), limit).sourceDownscale());
    }

    @Test
    void aRecordedSourceDownscaleThatIsNotAPositiveWholeNumberIsUnreadable() throws Exception {
        PosedDataset dataset = new PosedDataset(folder, List.of(new CameraIntrinsics(64, 48, 50, 50, 32, 24, 0)),
                List.of(frame("f.png", 0, 0)), List.of());
        Path file = TransformsJson.write(dataset, 2);
        String written = Files.readString(file);
        assertTrue(written.contains("\"" + TransformsJson.SOURCE_DOWNSCALE + "\":2"), written);
        for (String bad : new String[] {"0", "-2", "2.5", "\"2\"", "1e12"}) {
            Files.writeString(file, written.replace("\"" + TransformsJson.SOURCE_DOWNSCALE + "\":2",
                    "\"" + TransformsJson.SOURCE_DOWNSCALE + "\":" + bad));
            Forge3dException e = assertThrows(Forge3dException.class, () -> TransformsJson.read(file), bad);
            assertEquals(ErrorCode.UNREADABLE_INPUT, e.code(), bad);
            assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(
                    TransformsJson.SOURCE_DOWNSCALE), e.getMessage());
        }
    }

    @Test
    void theOpenGlMatrixLooksDownMinusZOfTheCamera() throws Exception {
        PosedFrame f = frame("f.png", 0.7, 0);
        Vector3d forwardCv = f.cameraToWorld().transformDirection(new Vector3d(0, 0, 1));
        Vector3d forwardGl = f.cameraToWorldOpenGl().transformDirection(new Vector3d(0, 0, -1));
        assertTrue(forwardCv.equals(forwardGl, 1e-12));
        assertTrue(f.cameraToWorld().getTranslation(new Vector3d())
                .equals(f.cameraToWorldOpenGl().getTranslation(new Vector3d()), 1e-12));
    }

    @Test
    void framesThatPointNowhereOrNoFramesAreUnreadable() throws Exception {
        Path file = folder.resolve("transforms.json");
        Files.writeString(file, "{\"fl_x\":500,\"w\":64,\"h\":48,\"frames\":[{\"file_path\":\"images/none.png\","
                + "\"transform_matrix\":[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]}]}");
        Forge3dException missing = assertThrows(Forge3dException.class, () -> TransformsJson.read(file));
        assertEquals(ErrorCode.UNREADABLE_INPUT, missing.code());
        assertTrue(missing.getMessage().contains("images/none.png"), missing.getMessage());

        Files.writeString(file, "{\"fl_x\":500,\"w\":64,\"h\":48,\"frames\":[]}");
        assertEquals(ErrorCode.UNREADABLE_INPUT, assertThrows(Forge3dException.class, () -> TransformsJson.read(file)).code());
        Files.writeString(file, "{\"frames\": [");
        assertEquals(ErrorCode.UNREADABLE_INPUT, assertThrows(Forge3dException.class, () -> TransformsJson.read(file)).code());
    }

    @Test
    void blenderStyleCameraAngleGivesTheFocalLength() throws Exception {
        frame("f.png", 0, 0);
        Path file = folder.resolve("transforms.json");
        Files.writeString(file, "{\"camera_angle_x\":" + (2 * Math.atan(0.5)) + ",\"w\":100,\"h\":50,\"frames\":"
                + "[{\"file_path\":\"images/f.png\",\"transform_matrix\":[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]}]}");
        CameraIntrinsics camera = TransformsJson.read(file).cameras().getFirst();
        assertEquals(100, camera.fx(), 1e-9);
        assertEquals(50, camera.cx(), 1e-9);
    }

    /** One 64x48 frame at images/f.png; the variants below each break one thing in it. */
    private static final String VALID = "{\"fl_x\":500,\"w\":64,\"h\":48,\"frames\":[{\"file_path\":\"images/f.png\","
            + "\"transform_matrix\":[[1,0,0,0.5],[0,1,0,0],[0,0,1,2],[0,0,0,1]]}]}";
    private static final String MATRIX = "[[1,0,0,0.5],[0,1,0,0],[0,0,1,2],[0,0,0,1]]";

    private Path writeTransforms(String json) throws Exception {
        frame("f.png", 0, 0);
        Path file = folder.resolve("transforms.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void theValidFileOfTheBadInputTestsReads() throws Exception {
        PosedDataset dataset = TransformsJson.read(writeTransforms(VALID));
        assertEquals(new CameraIntrinsics(64, 48, 500, 500, 32, 24, 0), dataset.cameras().getFirst());
        assertEquals(2, dataset.frames().getFirst().cameraToWorld().m32(), 1e-12);
    }

    static Stream<Arguments> badTransforms() {
        return Stream.of(
                Arguments.of("a row that is not a list", VALID.replace(MATRIX, "[[1,0,0,0.5],5,[0,0,1,2]]")),
                Arguments.of("a row of three", VALID.replace(MATRIX, "[[1,0,0],[0,1,0,0],[0,0,1,2]]")),
                Arguments.of("a row of five", VALID.replace(MATRIX, "[[1,0,0,0.5,9],[0,1,0,0],[0,0,1,2]]")),
                Arguments.of("five rows", VALID.replace(MATRIX, MATRIX.replace("]]", "],[0,0,0,1]]"))),
                Arguments.of("a projective bottom row",
                        VALID.replace(MATRIX, MATRIX.replace("[0,0,0,1]", "[0,0,1,1]"))),
                Arguments.of("an overflowing number", VALID.replace("0.5]", "1e999]")),
                Arguments.of("a singular rotation", VALID.replace(MATRIX, "[[0,0,0,0.5],[0,0,0,0],[0,0,0,2]]")),
                Arguments.of("a scaled rotation", VALID.replace(MATRIX, "[[3,0,0,0.5],[0,3,0,0],[0,0,3,2]]")),
                Arguments.of("a mirror", VALID.replace(MATRIX, "[[-1,0,0,0.5],[0,1,0,0],[0,0,1,2]]")),
                Arguments.of("a NUL in file_path", VALID.replace("images/f.png", "images/f\\u0000.png")),
                Arguments.of("a NUL in ply_file_path",
                        VALID.replace("\"frames\"", "\"ply_file_path\":\"p\\u0000.ply\",\"frames\"")),
                Arguments.of("a ply_file_path naming no file",
                        VALID.replace("\"frames\"", "\"ply_file_path\":\"none.ply\",\"frames\"")),
                Arguments.of("a ply_file_path that is not a path",
                        VALID.replace("\"frames\"", "\"ply_file_path\":[\"p.ply\"],\"frames\"")),
                Arguments.of("a fractional width", VALID.replace("\"w\":64", "\"w\":64.5")),
                Arguments.of("a width that is text", VALID.replace("\"w\":64", "\"w\":\"64\"")),
                Arguments.of("an infinite focal length", VALID.replace("500", "1e999")),
                Arguments.of("nesting deeper than any dataset", "[".repeat(1_000_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTransforms")
    void badTransformsAreUnreadableInputNamingTheFile(String what, String json) throws Exception {
        Path file = writeTransforms(json);
        Forge3dException e = assertThrows(Forge3dException.class, () -> TransformsJson.read(file));
        assertEquals(ErrorCode.UNREADABLE_INPUT, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    /** A declared image size this large would overflow the pixel buffers sized from it. */
    @Test
    void anImageSizeBeyondTheImagePixelLimitIsInputTooLarge() throws Exception {
        Path file = writeTransforms(VALID.replace("\"w\":64,\"h\":48", "\"w\":1000000,\"h\":1000000"));
        Forge3dException e = assertThrows(Forge3dException.class, () -> TransformsJson.read(file));
        assertEquals(ErrorCode.INPUT_TOO_LARGE, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("1000000x1000000"), e.getMessage());
    }

    /** Past 2 GiB a file cannot be read into one string: a typed refusal, not an OutOfMemoryError. */
    @Test
    void aTransformsFileOfGigabytesIsInputTooLarge() throws Exception {
        Path file = writeTransforms(VALID);
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(3L << 30); // sparse: no disk blocks behind the zeros
        }
        Forge3dException e = assertThrows(Forge3dException.class, () -> TransformsJson.read(file));
        assertEquals(ErrorCode.INPUT_TOO_LARGE, e.code(), e.getMessage());
    }
}
