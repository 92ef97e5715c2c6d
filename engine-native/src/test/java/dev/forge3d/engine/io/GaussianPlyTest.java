package dev.forge3d.engine.io;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.SplatArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianPlyTest {
    @TempDir
    Path dir;

    private static SplatArrays random(int count) {
        Random random = new Random(3);
        SplatArrays g = SplatArrays.allocate(count);
        for (float[] a : new float[][] {g.means(), g.logScales(), g.rotations(), g.opacityLogits(), g.shDc(), g.shRest()}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = anyFinite(random.nextInt());
            }
        }
        return g;
    }

    /** Any finite bit pattern (subnormals and negative zero included): a non-finite one's exponent bits cleared. */
    private static float anyFinite(int bits) {
        float value = Float.intBitsToFloat(bits);
        return Float.isFinite(value) ? value : Float.intBitsToFloat(bits & 0x807FFFFF);
    }

    /** Over two of the reader's 4096-Gaussian batches and part of a third. */
    @Test
    void roundTripIsBitExact() throws Exception {
        SplatArrays g = random(2 * 4096 + 257);
        Path file = dir.resolve("scene.ply");
        GaussianPly.write(g, file);
        SplatArrays back = GaussianPly.read(file);
        assertEquals(g.count(), back.count());
        assertBitsEqual(g.means(), back.means());
        assertBitsEqual(g.logScales(), back.logScales());
        assertBitsEqual(g.rotations(), back.rotations());
        assertBitsEqual(g.opacityLogits(), back.opacityLogits());
        assertBitsEqual(g.shDc(), back.shDc());
        assertBitsEqual(g.shRest(), back.shRest());
    }

    @Test
    void layoutIsThe3dgsOne() throws Exception {
        SplatArrays g = SplatArrays.allocate(1);
        g.means()[1] = 2f;
        g.shDc()[2] = 3f;
        g.shRest()[3 * 4 + 1] = 5f; // coefficient 4 of the green channel: f_rest_(15 + 4)
        g.opacityLogits()[0] = 7f;
        g.logScales()[2] = 11f;
        g.rotations()[0] = 13f;
        Path file = dir.resolve("one.ply");
        GaussianPly.write(g, file);
        byte[] bytes = Files.readAllBytes(file);
        String header = GaussianPly.header(1);
        assertTrue(new String(bytes, 0, header.length(), StandardCharsets.US_ASCII).equals(header));
        assertTrue(header.contains("property float x\nproperty float y\nproperty float z\nproperty float nx\n"));
        ByteBuffer body = ByteBuffer.wrap(bytes, header.length(), 62 * 4).order(ByteOrder.LITTLE_ENDIAN);
        float[] row = new float[62];
        for (int k = 0; k < 62; k++) {
            row[k] = body.getFloat();
        }
        int at = GaussianPly.PROPERTIES.indexOf("y");
        assertEquals(2f, row[at]);
        assertEquals(3f, row[GaussianPly.PROPERTIES.indexOf("f_dc_2")]);
        assertEquals(5f, row[GaussianPly.PROPERTIES.indexOf("f_rest_19")]);
        assertEquals(7f, row[GaussianPly.PROPERTIES.indexOf("opacity")]);
        assertEquals(11f, row[GaussianPly.PROPERTIES.indexOf("scale_2")]);
        assertEquals(13f, row[GaussianPly.PROPERTIES.indexOf("rot_0")]);
        assertEquals(61, GaussianPly.PROPERTIES.indexOf("rot_3"));
    }

    @Test
    void missingPropertyIsATypedError() throws Exception {
        Path file = withHeader(GaussianPly.header(1).replace("property float f_rest_44\n", ""), 61);
        Forge3dException e = assertThrows(Forge3dException.class, () -> GaussianPly.read(file));
        assertEquals(ErrorCode.UNREADABLE_INPUT, e.code());
        assertTrue(e.getMessage().contains("f_rest_44"), e.getMessage());
    }

    @Test
    void reorderedPropertiesAreATypedError() throws Exception {
        Path file = withHeader(GaussianPly.header(1).replace("property float scale_0\nproperty float scale_1\n",
                "property float scale_1\nproperty float scale_0\n"), 62);
        Forge3dException e = assertThrows(Forge3dException.class, () -> GaussianPly.read(file));
        assertEquals(ErrorCode.UNREADABLE_INPUT, e.code());
        assertTrue(e.getMessage().contains("out of order") && e.getMessage().contains("scale_0"), e.getMessage());
    }

    @Test
    void truncatedOrAsciiFilesAreTypedErrors() throws Exception {
        Path truncated = withHeader(GaussianPly.header(2), 62);
        assertEquals(ErrorCode.UNREADABLE_INPUT, assertThrows(Forge3dException.class,
                () -> GaussianPly.read(truncated)).code());
        Path ascii = withHeader(GaussianPly.header(1).replace("binary_little_endian", "ascii"), 62);
        assertEquals(ErrorCode.UNREADABLE_INPUT, assertThrows(Forge3dException.class,
                () -> GaussianPly.read(ascii)).code());
        Path bigEndian = withHeader(GaussianPly.header(1).replace("binary_little_endian", "binary_big_endian"), 62);
        assertEquals(ErrorCode.UNREADABLE_INPUT, assertThrows(Forge3dException.class,
                () -> GaussianPly.read(bigEndian)).code());
        Path doubles = withHeader(GaussianPly.header(1).replace("property float x\n", "property double x\n"), 63);
        assertEquals(ErrorCode.UNREADABLE_INPUT, assertThrows(Forge3dException.class,
                () -> GaussianPly.read(doubles)).code());
        assertEquals(ErrorCode.UNREADABLE_INPUT, assertThrows(Forge3dException.class,
                () -> GaussianPly.read(dir.resolve("absent.ply"))).code());
    }

    /**
     * Each used property, set to NaN or an infinity in one Gaussian, is refused naming both; the
     * normals, never read, pass.
     */
    @Test
    void aNonFiniteValueIsUnreadableInputNamingTheGaussianAndProperty() throws Exception {
        SplatArrays g = random(4096 + 3);
        Path good = dir.resolve("good.ply");
        GaussianPly.write(g, good);
        byte[] bytes = Files.readAllBytes(good);
        int body = bytes.length - g.count() * 62 * 4;
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int property = 0; property < 62; property++) {
            int gaussian = 4096 + property % 3;
            byte[] damaged = bytes.clone();
            ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN)
                    .putFloat(body + (gaussian * 62 + property) * 4, bad[property % 3]);
            Path file = Files.write(dir.resolve("nonfinite-" + property + ".ply"), damaged);
            String name = GaussianPly.PROPERTIES.get(property);
            if (name.matches("n[xyz]")) {
                assertEquals(g.count(), GaussianPly.read(file).count(), name + " is not used, so not checked");
                continue;
            }
            Forge3dException e = assertThrows(Forge3dException.class, () -> GaussianPly.read(file));
            assertEquals(ErrorCode.UNREADABLE_INPUT, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("Gaussian " + gaussian + " has " + name + " = "), e.getMessage());
        }
    }

    /** A header declaring far more Gaussians than the file holds is refused before anything is sized by it. */
    @Test
    void aVertexCountBeyondTheFileIsUnreadableInput() throws Exception {
        for (String count : new String[] {"2147483647", "99999999999", "-1"}) {
            Path file = withHeader(GaussianPly.header(1).replace("vertex 1\n", "vertex " + count + "\n"), 62);
            Forge3dException e = assertThrows(Forge3dException.class, () -> GaussianPly.read(file));
            assertEquals(ErrorCode.UNREADABLE_INPUT, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains(count), e.getMessage());
        }
    }

    /** Past 2 GiB a file cannot be read whole: the header's count decides before the body is read. */
    @Test
    void aBodyOfGigabytesIsUnreadableInputNotAnOutOfMemoryError() throws Exception {
        Path file = withHeader(GaussianPly.header(1), 62);
        sparseLength(file, 3L << 30);
        Forge3dException e = assertThrows(Forge3dException.class, () -> GaussianPly.read(file));
        assertEquals(ErrorCode.UNREADABLE_INPUT, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("1 Gaussians need 248"), e.getMessage());
    }

    /** A consistent file with more Gaussians than Java arrays can hold (45 floats each in f_rest). */
    @Test
    void moreGaussiansThanTheArraysCanHoldIsInputTooLarge() throws Exception {
        int count = GaussianPly.MAX_GAUSSIANS + 1;
        String header = GaussianPly.header(count);
        Path file = withHeader(header, 0);
        sparseLength(file, header.length() + (long) count * 62 * 4);
        Forge3dException e = assertThrows(Forge3dException.class, () -> GaussianPly.read(file));
        assertEquals(ErrorCode.INPUT_TOO_LARGE, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(count)), e.getMessage());
    }

    private static void sparseLength(Path file, long length) throws Exception {
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(length); // sparse: no disk blocks behind the zeros
        }
    }

    private Path withHeader(String header, int floats) throws Exception {
        Path file = Files.createTempFile(dir, "bad", ".ply");
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[h.length + 4 * floats];
        System.arraycopy(h, 0, bytes, 0, h.length);
        Files.write(file, bytes);
        return file;
    }

    private static void assertBitsEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        int[] a = new int[expected.length];
        int[] b = new int[actual.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Float.floatToRawIntBits(expected[i]);
            b[i] = Float.floatToRawIntBits(actual[i]);
        }
        assertArrayEquals(a, b);
    }
}
