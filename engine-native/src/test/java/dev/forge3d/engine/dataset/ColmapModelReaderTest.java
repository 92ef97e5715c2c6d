package dev.forge3d.engine.dataset;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.joml.Matrix4d;
import org.joml.Quaterniond;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
