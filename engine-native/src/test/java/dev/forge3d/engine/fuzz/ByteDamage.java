package dev.forge3d.engine.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Each kind of byte-level damage done to a valid file, made in one place. Every choice comes from
 * the generator passed in, so the same generator state always gives the same bytes; the
 * descriptions say what was done, for {@link Mutations} to lead with the seed that chose it.
 */
final class ByteDamage {
    /** Values a corrupt count or size field is set to: past int, past 2^31, past 2^63, negative. */
    private static final long[] HUGE_COUNTS = {0x7fff_ffffL, 0xffff_ffffL, 1L << 31, 1L << 40, Long.MAX_VALUE, -1L,
            Long.MIN_VALUE};
    /** Values a float field a reader multiplies or divides by is set to. */
    private static final double[] EXTREME_FLOATS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            -1e30, 1e30};

    private ByteDamage() {
    }

    /** One to four bits flipped, anywhere. */
    static Mutant bitsFlipped(byte[] valid, RandomGenerator random) {
        byte[] out = valid.clone();
        List<String> flips = new ArrayList<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            int at = random.nextInt(out.length);
            int bit = random.nextInt(8);
            out[at] ^= (byte) (1 << bit);
            flips.add("bit " + bit + " of byte " + at);
        }
        return new Mutant("flipped " + String.join(", ", flips), out);
    }

    /** One to sixteen bytes overwritten with random ones. */
    static Mutant bytesOverwritten(byte[] valid, RandomGenerator random) {
        byte[] out = valid.clone();
        int at = random.nextInt(out.length);
        byte[] noise = new byte[Math.min(1 + random.nextInt(16), out.length - at)];
        random.nextBytes(noise);
        System.arraycopy(noise, 0, out, at, noise.length);
        return new Mutant("bytes " + at + ".." + (at + noise.length - 1) + " overwritten with "
                + HexFormat.of().formatHex(noise), out);
    }

    /** Cut short at a random length. */
    static Mutant cut(byte[] valid, RandomGenerator random) {
        return cut(valid, random.nextInt(valid.length));
    }

    static Mutant cut(byte[] valid, int length) {
        return new Mutant("cut to " + length + " of " + valid.length + " bytes", Arrays.copyOf(valid, length));
    }

    /** A 4- or 8-byte little-endian count no file holds, mostly 4-byte aligned, as the formats here keep counts. */
    static Mutant hugeCountWritten(byte[] valid, RandomGenerator random) {
        int at = random.nextInt(valid.length);
        int width = random.nextBoolean() ? 8 : 4;
        int offset = random.nextBoolean() ? at : at & ~3;
        long value = HUGE_COUNTS[random.nextInt(HUGE_COUNTS.length)];
        return new Mutant("int" + 8 * width + " 0x" + Long.toHexString(value) + " written at byte " + offset,
                numberWritten(valid, offset, width, ByteOrder.LITTLE_ENDIAN, value));
    }

    /** A little-endian float or double, not finite or huge, at a 4-byte boundary. */
    static Mutant extremeFloatWritten(byte[] valid, RandomGenerator random) {
        int offset = random.nextInt(valid.length) & ~3;
        int width = random.nextBoolean() ? 8 : 4;
        double value = EXTREME_FLOATS[random.nextInt(EXTREME_FLOATS.length)];
        long bits = width == 8 ? Double.doubleToRawLongBits(value) : Float.floatToRawIntBits((float) value);
        return new Mutant("float" + 8 * width + " " + value + " written at byte " + offset,
                numberWritten(valid, offset, width, ByteOrder.LITTLE_ENDIAN, bits));
    }

    /** Up to 64 bytes copied in elsewhere, as a repeated record would be. */
    static Mutant bytesCopied(byte[] valid, RandomGenerator random) {
        int at = random.nextInt(valid.length);
        int end = Math.min(valid.length, at + 1 + random.nextInt(64));
        int to = random.nextInt(valid.length + 1);
        return new Mutant("bytes " + at + ".." + (end - 1) + " copied to byte " + to,
                spliced(valid, to, to, Arrays.copyOfRange(valid, at, end)));
    }

    /** Up to 64 bytes taken out. */
    static Mutant bytesDeleted(byte[] valid, RandomGenerator random) {
        int at = random.nextInt(valid.length);
        int end = Math.min(valid.length, at + 1 + random.nextInt(64));
        return new Mutant("bytes " + at + ".." + (end - 1) + " deleted", spliced(valid, at, end, new byte[0]));
    }

    /** One to sixteen random bytes put in. */
    static Mutant bytesInserted(byte[] valid, RandomGenerator random) {
        int at = random.nextInt(valid.length);
        byte[] noise = new byte[1 + random.nextInt(16)];
        random.nextBytes(noise);
        return new Mutant(HexFormat.of().formatHex(noise) + " inserted at byte " + at, spliced(valid, at, at, noise));
    }

    /** A copy of {@code bytes} with {@code value}'s low {@code width} bytes at {@code offset}, where they fit. */
    static byte[] numberWritten(byte[] bytes, int offset, int width, ByteOrder order, long value) {
        byte[] out = bytes.clone();
        for (int i = 0; i < width; i++) {
            int at = order == ByteOrder.BIG_ENDIAN ? offset + width - 1 - i : offset + i;
            if (at < out.length) {
                out[at] = (byte) (value >>> (8 * i));
            }
        }
        return out;
    }

    /** {@code bytes} with {@code [from, to)} replaced by {@code inserted}. */
    static byte[] spliced(byte[] bytes, int from, int to, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
        out.write(bytes, 0, from);
        out.writeBytes(inserted);
        out.write(bytes, to, bytes.length - to);
        return out.toByteArray();
    }
}
