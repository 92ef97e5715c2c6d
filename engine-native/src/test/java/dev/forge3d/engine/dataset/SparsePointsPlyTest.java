package dev.forge3d.engine.dataset;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparsePointsPlyTest {
    @TempDir
    Path dir;

    private static final List<SparsePoint> POINTS = List.of(new SparsePoint(1.5, -2.25, 0.125, 255, 0, 17),
            new SparsePoint(0, 1, 2, 3, 4, 5));

    private Path written() throws Exception {
        Path file = dir.resolve("sparse_pc.ply");
        SparsePointsPly.write(POINTS, file);
        return file;
    }

    private static void refused(Path file, ErrorCode code, String mentioned) {
        Forge3dException e = assertThrows(Forge3dException.class, () -> SparsePointsPly.read(file));
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(mentioned), e.getMessage());
    }

    /** Over two of the reader's 4096-point batches and part of a third. */
    @Test
    void readsWhatItWrites() throws Exception {
        List<SparsePoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < 2 * 4096 + 5; i++) {
            points.add(new SparsePoint(i, -0.5 * i, 0.25, i % 256, (7 * i) % 256, 255 - i % 256));
        }
        Path file = dir.resolve("many.ply");
        SparsePointsPly.write(points, file);
        assertEquals(points, SparsePointsPly.read(file));
        assertEquals(POINTS, SparsePointsPly.read(written()));
    }

    @Test
    void truncatedOrPaddedBodiesAreUnreadableInput() throws Exception {
        Path file = written();
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 1));
        refused(file, ErrorCode.UNREADABLE_INPUT, "truncated");
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length + 15));
        refused(file, ErrorCode.UNREADABLE_INPUT, "2 points");
    }

    /** Past 2 GiB the body cannot be read whole: the header's count decides before anything is read. */
    @Test
    void aFileOfGigabytesIsUnreadableInputNotAnOutOfMemoryError() throws Exception {
        Path file = written();
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(3L << 30); // sparse: no disk blocks behind the zeros
        }
        refused(file, ErrorCode.UNREADABLE_INPUT, "2 points");
    }

    /** A NaN or infinite point makes the initial Gaussians' neighbour grid one cell (quadratic, NaN scales). */
    @Test
    void nonFinitePointsAreUnreadableInput() throws Exception {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            Path file = written();
            byte[] bytes = Files.readAllBytes(file);
            int body = bytes.length - 2 * 15;
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(body + 15 + 8, bad); // point 2's z
            Files.write(file, bytes);
            refused(file, ErrorCode.UNREADABLE_INPUT, "point 2");
        }
    }
}
