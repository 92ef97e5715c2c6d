package dev.forge3d.engine.dataset;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each reader holds a camera to the pixel limit it is given (the engine's configured one), not
 * to the default: a 64x48 camera reads within 3072 pixels and is input_too_large within 3071,
 * the message naming the file, the size and the limit.
 */
class DatasetPixelLimitTest {
    private static final int WIDTH = 64, HEIGHT = 48, PIXELS = WIDTH * HEIGHT;

    @TempDir
    Path dir;

    private void image() throws Exception {
        Files.write(Files.createDirectories(dir.resolve("images")).resolve("a.png"), new byte[] {1});
    }

    private static void refused(Path file, Executable read) {
        Forge3dException e = assertThrows(Forge3dException.class, read);
        assertEquals(ErrorCode.INPUT_TOO_LARGE, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(WIDTH + "x" + HEIGHT), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(PIXELS - 1)), e.getMessage());
    }

    @Test
    void transformsJson() throws Exception {
        image();
        Path file = dir.resolve(TransformsJson.FILE_NAME);
        Files.writeString(file, "{\"fl_x\":50,\"w\":" + WIDTH + ",\"h\":" + HEIGHT + ",\"frames\":[{\"file_path\":"
                + "\"images/a.png\",\"transform_matrix\":[[1,0,0,0],[0,1,0,0],[0,0,1,2],[0,0,0,1]]}]}");
        assertEquals(WIDTH, TransformsJson.read(file, PIXELS).cameras().getFirst().width());
        refused(file, () -> TransformsJson.read(file, PIXELS - 1));
    }

    /**
     * Under a limit set past 2^31 pixels, a side wider than an int holds is still refused: cast to
     * one, it would silently become a camera 2147483647 pixels wide.
     */
    @Test
    void aSidePastAnIntIsInputTooLargeUnderAnyLimit() throws Exception {
        image();
        Path file = dir.resolve(TransformsJson.FILE_NAME);
        Files.writeString(file, "{\"fl_x\":50,\"w\":3000000000,\"h\":1,\"frames\":[{\"file_path\":"
                + "\"images/a.png\",\"transform_matrix\":[[1,0,0,0],[0,1,0,0],[0,0,1,2],[0,0,0,1]]}]}");
        Forge3dException e = assertThrows(Forge3dException.class, () -> TransformsJson.read(file, Long.MAX_VALUE));
        assertEquals(ErrorCode.INPUT_TOO_LARGE, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("3000000000x1"), e.getMessage());
    }

    @Test
    void colmapText() throws Exception {
        image();
        Path model = Files.createDirectories(dir.resolve("sparse/0"));
        Files.writeString(model.resolve("cameras.txt"), "1 PINHOLE " + WIDTH + " " + HEIGHT + " 50 50 32 24\n");
        Files.writeString(model.resolve("images.txt"), "1 1 0 0 0 0 0 2 1 a.png\n\n");
        assertEquals(WIDTH, ColmapModelReader.read(dir, PIXELS).cameras().getFirst().width());
        refused(model.resolve("cameras.txt"), () -> ColmapModelReader.read(dir, PIXELS - 1));
    }

    @Test
    void colmapBinary() throws Exception {
        image();
        Path model = Files.createDirectories(dir.resolve("sparse/0"));
        ByteBuffer cameras = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        cameras.putLong(1).putInt(1).putInt(1).putLong(WIDTH).putLong(HEIGHT).putDouble(50).putDouble(50)
                .putDouble(32).putDouble(24);
        Files.write(model.resolve("cameras.bin"), Arrays.copyOf(cameras.array(), cameras.position()));
        ByteBuffer images = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        images.putLong(1).putInt(1).putDouble(1).putDouble(0).putDouble(0).putDouble(0).putDouble(0).putDouble(0)
                .putDouble(2).putInt(1).put("a.png".getBytes(StandardCharsets.UTF_8)).put((byte) 0).putLong(0);
        Files.write(model.resolve("images.bin"), Arrays.copyOf(images.array(), images.position()));
        assertEquals(WIDTH, ColmapModelReader.read(dir, PIXELS).cameras().getFirst().width());
        refused(model.resolve("cameras.bin"), () -> ColmapModelReader.read(dir, PIXELS - 1));
    }
}
