package dev.forge3d.engine.dataset;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.joml.Matrix4d;
import org.joml.Quaterniond;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColmapModelReaderTest {
    @TempDir
    Path dir;

    /** Two images (ids out of name order), one PINHOLE camera, two points. */
    private static final double[][] QT = {{0.9, 0.1, -0.3, 0.2, 0.5, -0.2, 3.0}, {1, 0, 0, 0, 0, 0, 2}};
    private static final String[] NAMES = {"b.png", "a.png"};

    private void images() throws Exception {
        Files.createDirectories(dir.resolve("images"));
        for (String name : NAMES) {
            Files.write(dir.resolve("images").resolve(name), new byte[] {1});
        }
    }

    private void writeText() throws Exception {
        images();
        Path model = Files.createDirectories(dir.resolve("sparse/0"));
        Files.writeString(model.resolve("cameras.txt"), "# Camera list\n1 PINHOLE 640 480 500 510 320.5 240.25\n");
        StringBuilder images = new StringBuilder("# Image list\n");
        for (int i = 0; i < 2; i++) {
            double[] v = QT[i];
            images.append(i + 5).append(' ').append(v[0]).append(' ').append(v[1]).append(' ').append(v[2]).append(' ')
                    .append(v[3]).append(' ').append(v[4]).append(' ').append(v[5]).append(' ').append(v[6])
                    .append(" 1 ").append(NAMES[i]).append("\n").append(i == 0 ? "10.0 20.0 1\n" : "\n");
        }
        Files.writeString(model.resolve("images.txt"), images.toString());
        Files.writeString(model.resolve("points3D.txt"), "1 0.5 1.5 -2 255 128 0 0.3 5 0\n2 1 2 3 1 2 3 0.1\n");
    }

    private void writeBinary() throws Exception {
        images();
        Path model = Files.createDirectories(dir.resolve("sparse/0"));
        ByteBuffer cameras = le(64);
        cameras.putLong(1).putInt(1).putInt(1).putLong(640).putLong(480).putDouble(500).putDouble(510)
                .putDouble(320.5).putDouble(240.25);
        Files.write(model.resolve("cameras.bin"), bytes(cameras));
        ByteBuffer images = le(512);
        images.putLong(2);
        for (int i = 0; i < 2; i++) {
            images.putInt(i + 5);
            for (double v : QT[i]) {
                images.putDouble(v);
            }
            images.putInt(1).put(NAMES[i].getBytes(StandardCharsets.UTF_8)).put((byte) 0);
            images.putLong(i == 0 ? 1 : 0);
            if (i == 0) {
                images.putDouble(10).putDouble(20).putLong(1);
            }
        }
        Files.write(model.resolve("images.bin"), bytes(images));
        ByteBuffer points = le(512);
        points.putLong(2);
        points.putLong(1).putDouble(0.5).putDouble(1.5).putDouble(-2).put((byte) 255).put((byte) 128).put((byte) 0)
                .putDouble(0.3).putLong(1).putInt(5).putInt(0);
        points.putLong(2).putDouble(1).putDouble(2).putDouble(3).put((byte) 1).put((byte) 2).put((byte) 3)
                .putDouble(0.1).putLong(0);
        Files.write(model.resolve("points3D.bin"), bytes(points));
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static void check(PosedDataset dataset) {
        assertEquals(1, dataset.cameras().size());
        CameraIntrinsics camera = dataset.cameras().getFirst();
        assertEquals(new CameraIntrinsics(640, 480, 500, 510, 320.5, 240.25, 0), camera);
        assertEquals("images/a.png", dataset.frames().get(0).filePath(), "frames ordered by name");
        assertEquals("images/b.png", dataset.frames().get(1).filePath());
        // COLMAP: x_cam = R(q) x_world + t. Check it for image b through the frame's world-to-camera.
        double[] v = QT[0];
        Vector3d world = new Vector3d(0.3, -0.7, 1.1);
        Vector3d expected = new Quaterniond(v[1], v[2], v[3], v[0]).normalize().transform(new Vector3d(world))
                .add(v[4], v[5], v[6]);
        Vector3d actual = new Matrix4d(dataset.frames().get(1).worldToCamera()).transformPosition(new Vector3d(world));
        assertTrue(expected.distance(actual) < 1e-9, expected + " vs " + actual);
        assertEquals(2, dataset.points().size());
        assertEquals(new SparsePoint(0.5, 1.5, -2, 255, 128, 0), dataset.points().getFirst());
    }

    @Test
    void readsTheTextModel() throws Exception {
        writeText();
        check(ColmapModelReader.read(dir));
    }

    @Test
    void readsTheBinaryModel() throws Exception {
        writeBinary();
        check(ColmapModelReader.read(dir));
    }

    /**
     * The binary reader streams through a 64 KiB buffer: 2D points and tracks of many KiB are
     * skipped past it, and records straddle its refills.
     */
    @Test
    void readsABinaryModelLargerThanTheReadBuffer() throws Exception {
        writeBinary();
        int manyPoints2d = 10_000;
        ByteBuffer images = le(1024 + 2 * 24 * manyPoints2d);
        images.putLong(2);
        for (int i = 0; i < 2; i++) {
            images.putInt(i + 5);
            for (double v : QT[i]) {
                images.putDouble(v);
            }
            images.putInt(1).put(NAMES[i].getBytes(StandardCharsets.UTF_8)).put((byte) 0).putLong(manyPoints2d);
            for (int k = 0; k < manyPoints2d; k++) {
                images.putDouble(k).putDouble(-k).putLong(k);
            }
        }
        Files.write(dir.resolve("sparse/0/images.bin"), bytes(images));
        int count = 5_000;
        ByteBuffer points = le(8 + count * (51 + 8 * 6));
        points.putLong(count);
        for (int i = 0; i < count; i++) {
            points.putLong(i).putDouble(i).putDouble(0.5 * i).putDouble(-i).put((byte) i).put((byte) 1).put((byte) 2)
                    .putDouble(0.1).putLong(i % 7);
            for (int k = 0; k < i % 7; k++) {
                points.putInt(5).putInt(k);
            }
        }
        Files.write(dir.resolve("sparse/0/points3D.bin"), bytes(points));

        PosedDataset dataset = ColmapModelReader.read(dir);

        assertEquals(2, dataset.frames().size());
        assertEquals(count, dataset.points().size());
        for (int i : new int[] {0, 1234, count - 1}) {
            assertEquals(new SparsePoint(i, 0.5 * i, -i, i & 0xFF, 1, 2), dataset.points().get(i));
        }
    }

    @Test
    void aModelWithoutImagesIsUnreadableInput() throws Exception {
        Path model = Files.createDirectories(dir.resolve("sparse/0"));
        Files.writeString(model.resolve("cameras.txt"), "1 PINHOLE 640 480 500 510 320 240\n");
        Files.writeString(model.resolve("images.txt"), "# none\n");
        Forge3dException e = assertThrows(Forge3dException.class, () -> ColmapModelReader.read(dir));
        assertEquals(ErrorCode.UNREADABLE_INPUT, e.code());
        assertTrue(e.getMessage().contains("no images"), e.getMessage());
    }

    @Test
    void aMissingImageFileIsUnreadableInput() throws Exception {
        writeText();
        Files.delete(dir.resolve("images/a.png"));
        Forge3dException e = assertThrows(Forge3dException.class, () -> ColmapModelReader.read(dir));
        assertEquals(ErrorCode.UNREADABLE_INPUT, e.code());
        assertTrue(e.getMessage().contains("a.png"), e.getMessage());
    }

    // Byte offsets in the files writeBinary writes, for corrupting one field.
    /** cameras.bin: count, then camera 1's id, model, width, height, fx. */
    private static final int CAMERAS_COUNT = 0, CAMERA_MODEL = 12, CAMERA_WIDTH = 16, CAMERA_HEIGHT = 24,
            CAMERA_FX = 32;
    /** images.bin: count, then image b.png's id, qw qx qy qz, tx ty tz, camera, "b.png\0", points2D count. */
    private static final int IMAGES_COUNT = 0, IMAGE_QW = 12, IMAGE_TX = 44, IMAGE_POINTS2D = 78;
    /** points3D.bin: count, then point 1's id, x y z, rgb, error, track length. */
    private static final int POINTS_COUNT = 0, POINT_X = 16, POINT_TRACK = 51;

    private void patch(String name, Consumer<ByteBuffer> change) throws Exception {
        Path file = dir.resolve("sparse/0").resolve(name);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        change.accept(bytes);
        Files.write(file, bytes.array());
    }

    private Forge3dException refused(ErrorCode code, String... mentioned) {
        Forge3dException e = assertThrows(Forge3dException.class, () -> ColmapModelReader.read(dir));
        assertEquals(code, e.code(), e.getMessage());
        for (String text : mentioned) {
            assertTrue(e.getMessage().contains(text), "'" + text + "' in: " + e.getMessage());
        }
        return e;
    }

    /** A count read from the file must fit in the bytes after it before anything is sized or skipped by it. */
    @ParameterizedTest
    @CsvSource({"cameras.bin, " + CAMERAS_COUNT, "images.bin, " + IMAGES_COUNT, "points3D.bin, " + POINTS_COUNT,
            "images.bin, " + IMAGE_POINTS2D, "points3D.bin, " + POINT_TRACK})
    void binaryCountsTheFileCannotHoldAreUnreadableInputNamingTheFile(String name, int offset) throws Exception {
        for (long count : new long[] {1L << 31, 1L << 40, Long.MAX_VALUE, -1, -4, Long.MIN_VALUE}) {
            writeBinary();
            patch(name, b -> b.putLong(offset, count));
            refused(ErrorCode.UNREADABLE_INPUT, name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cameras.bin", "images.bin", "points3D.bin"})
    void truncatedBinaryFilesAreUnreadableInputNamingTheFile(String name) throws Exception {
        writeBinary();
        Path file = dir.resolve("sparse/0").resolve(name);
        byte[] whole = Files.readAllBytes(file);
        for (int length : new int[] {0, 5, 8, whole.length / 2, whole.length - 1}) {
            Files.write(file, Arrays.copyOf(whole, length));
            refused(ErrorCode.UNREADABLE_INPUT, name, "truncated");
        }
    }

    @Test
    void binaryCameraFieldsOutOfRangeAreTypedErrors() throws Exception {
        writeBinary();
        patch("cameras.bin", b -> b.putInt(CAMERA_MODEL, 99));
        refused(ErrorCode.UNREADABLE_INPUT, "cameras.bin", "model id 99");
        writeBinary();
        patch("cameras.bin", b -> b.putLong(CAMERA_WIDTH, -640));
        refused(ErrorCode.UNREADABLE_INPUT, "cameras.bin", "-640");
        // COLMAP stores the size as uint64: a value past int must not wrap to a plausible 640.
        writeBinary();
        patch("cameras.bin", b -> b.putLong(CAMERA_WIDTH, (1L << 32) + 640));
        refused(ErrorCode.INPUT_TOO_LARGE, "cameras.bin", String.valueOf((1L << 32) + 640));
        writeBinary();
        patch("cameras.bin", b -> b.putDouble(CAMERA_FX, Double.NaN));
        refused(ErrorCode.UNREADABLE_INPUT, "cameras.bin", "NaN");
        // A camera this large is an image no decoder or splat buffer will be asked to hold.
        writeBinary();
        patch("cameras.bin", b -> b.putLong(CAMERA_WIDTH, 1_000_000).putLong(CAMERA_HEIGHT, 1_000_000));
        refused(ErrorCode.INPUT_TOO_LARGE, "cameras.bin", "1000000x1000000");
    }

    /** A zero or non-finite quaternion normalises to NaN, and NaN points poison the splat initialisation. */
    @Test
    void binaryPosesAndPointsThatAreNotFiniteAreUnreadableInput() throws Exception {
        writeBinary();
        patch("images.bin", b -> b.putDouble(IMAGE_QW, 0).putDouble(IMAGE_QW + 8, 0).putDouble(IMAGE_QW + 16, 0)
                .putDouble(IMAGE_QW + 24, 0));
        refused(ErrorCode.UNREADABLE_INPUT, "images.bin", "b.png", "quaternion");
        writeBinary();
        patch("images.bin", b -> b.putDouble(IMAGE_TX, Double.POSITIVE_INFINITY));
        refused(ErrorCode.UNREADABLE_INPUT, "images.bin", "b.png", "translation");
        writeBinary();
        patch("points3D.bin", b -> b.putDouble(POINT_X, Double.NaN));
        refused(ErrorCode.UNREADABLE_INPUT, "points3D.bin", "point 1");
    }

    /** Each bad cameras.txt line (after one comment line) is refused naming the file and line 2. */
    @ParameterizedTest
    @ValueSource(strings = {
            "1 PINHOLE",
            "1 PINHOLE 640 480 500",
            "1 PINHOLE 640 480 500 510 320 240 7",
            "1 PINHOLE 640 abc 500 510 320 240",
            "x PINHOLE 640 480 500 510 320 240",
            "1 PINHOLE -640 480 500 510 320 240",
            "1 PINHOLE 640 480 NaN 510 320 240",
            "1 PINHOLE 640 480 500 510 Infinity 240",
            "1 PINHOLE 640 480 -500 510 320 240",
            "1 FOV 640 480 500 320 240 0.1"})
    void badTextCameraLinesAreUnreadableInputNamingTheLine(String line) throws Exception {
        writeText();
        Files.writeString(dir.resolve("sparse/0/cameras.txt"), "# Camera list\n" + line + "\n");
        refused(ErrorCode.UNREADABLE_INPUT, "cameras.txt", "line 2");
    }

    @Test
    void aTextCameraLargerThanAnImageMayBeIsInputTooLarge() throws Exception {
        writeText();
        Files.writeString(dir.resolve("sparse/0/cameras.txt"), "1 PINHOLE 1000000 1000000 500 510 320 240\n");
        refused(ErrorCode.INPUT_TOO_LARGE, "cameras.txt", "1000000x1000000");
    }

    /** Each bad pose line for the first image (line 2, after one comment line) is refused naming it. */
    @ParameterizedTest
    @ValueSource(strings = {
            "5 1 0 0 0 0 0 2 1",
            "5 1 0 0 0 0 0 2 1 a.png extra",
            "5 one 0 0 0 0 0 2 1 a.png",
            "5 1 0 0 0 0 0 2 1.5 a.png",
            "5 0 0 0 0 0 0 2 1 a.png",
            "5 1 0 0 0 NaN 0 2 1 a.png",
            "5 1 0 0 0 0 0 2 1 a\u0000.png"})
    void badTextImageLinesAreUnreadableInputNamingTheLine(String line) throws Exception {
        writeText();
        Files.writeString(dir.resolve("sparse/0/images.txt"), "# Image list\n" + line + "\n\n"
                + "6 1 0 0 0 0 0 2 1 b.png\n\n");
        refused(ErrorCode.UNREADABLE_INPUT, "images.txt", "line 2");
    }

    /**
     * images.txt has two lines per image. Without the POINTS2D lines, pairing lines would read every
     * other image as the points of the one before and drop it silently.
     */
    @Test
    void imagesTextWithoutPoints2dLinesIsUnreadableInputNotHalfTheImages() throws Exception {
        writeText();
        Files.writeString(dir.resolve("sparse/0/images.txt"), "5 1 0 0 0 0 0 2 1 a.png\n6 1 0 0 0 0 0 3 1 b.png\n");
        refused(ErrorCode.UNREADABLE_INPUT, "images.txt", "line 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1 0.5 1.5",
            "1 0.5 1.5 -2 255 128 0 0.3 5",
            "1 NaN 1.5 -2 255 128 0 0.3",
            "1 0.5 1.5 -Infinity 255 128 0 0.3",
            "1 0.5 1.5 -2 256 128 0 0.3",
            "1 0.5 1.5 -2 255 -1 0 0.3",
            "1 0.5 1.5 -2 255 12.5 0 0.3"})
    void badTextPointLinesAreUnreadableInputNamingTheLine(String line) throws Exception {
        writeText();
        Files.writeString(dir.resolve("sparse/0/points3D.txt"), "# 3D point list\n" + line + "\n");
        refused(ErrorCode.UNREADABLE_INPUT, "points3D.txt", "line 2");
    }
}
