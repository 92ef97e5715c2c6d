package dev.forge3d.engine.fuzz;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Seeded damage to a valid file, for robustness tests of the readers: bit flips, random
 * overwrites, truncation, and extreme values written into the number fields a format's reader
 * trusts (chunk lengths, offsets, counts, sizes). The same seed and case number always give the
 * same bytes, so a failure names its case and can be replayed alone.
 */
public final class Mutations {
    /** Length-field values no small file can honour: the largest signed and unsigned 32-bit numbers. */
    public static final long[] HUGE_LENGTHS = {0x7FFF_FFFFL, 0xFFFF_FFFFL};

    private Mutations() {
    }

    /**
     * A number field of a format, and the values worth writing into it.
     *
     * @param offset where the field starts in the file
     * @param width  its size in bytes, 1 to 8
     */
    public record Field(String name, int offset, int width, ByteOrder order, long... values) {
        public Field {
            if (width < 1 || width > 8 || values.length == 0) {
                throw new IllegalArgumentException(name + ": width " + width + ", " + values.length + " values");
            }
        }

        /** A big-endian field. */
        public static Field bigEndian(String name, int offset, int width, long... values) {
            return new Field(name, offset, width, ByteOrder.BIG_ENDIAN, values);
        }

        /** A little-endian field. */
        public static Field littleEndian(String name, int offset, int width, long... values) {
            return new Field(name, offset, width, ByteOrder.LITTLE_ENDIAN, values);
        }

        /** {@code bytes} with {@code value}'s low bytes written over the field, in its order. */
        public byte[] writtenInto(byte[] bytes, long value) {
            byte[] out = bytes.clone();
            for (int i = 0; i < width; i++) {
                int at = order == ByteOrder.BIG_ENDIAN ? offset + width - 1 - i : offset + i;
                if (at < out.length) {
                    out[at] = (byte) (value >>> (8 * i));
                }
            }
            return out;
        }
    }

    /** One damaged copy of a file, and what was done to it. */
    public record Mutant(String description, byte[] bytes) {
        /** This mutant after a further step, such as a format's checksums recomputed. */
        public Mutant then(String step, byte[] changed) {
            return new Mutant(description + ", then " + step, changed);
        }

        @Override
        public String toString() {
            return description + " (" + bytes.length + " bytes)";
        }
    }

    /** Mutants number 0 to {@code count - 1} of {@code valid} under {@code seed}. */
    public static List<Mutant> mutants(byte[] valid, List<Field> fields, long seed, int count) {
        List<Mutant> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            out.add(mutant(valid, fields, seed, n));
        }
        return out;
    }

    /**
     * Mutant number {@code caseNumber} of {@code valid}: one or two fields set to one of their
     * values (two cases in five when there are fields), else one to four bit flips, an overwrite of
     * 1 to 16 random bytes, or a cut at a random length.
     */
    public static Mutant mutant(byte[] valid, List<Field> fields, long seed, int caseNumber) {
        Random random = new Random(seed * 1_000_003L + caseNumber);
        String name = "seed " + seed + " case " + caseNumber + ": ";
        int kind = random.nextInt(fields.isEmpty() ? 3 : 5);
        return switch (kind) {
            case 0 -> flipped(valid, random, name);
            case 1 -> overwritten(valid, random, name);
            case 2 -> truncated(valid, random, name);
            default -> fieldsSet(valid, fields, random, name);
        };
    }

    /** One field, or two (a width and a height, say), set to one of their values each. */
    private static Mutant fieldsSet(byte[] valid, List<Field> fields, Random random, String name) {
        byte[] out = valid;
        List<String> writes = new ArrayList<>();
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            Field field = fields.get(random.nextInt(fields.size()));
            long value = field.values()[random.nextInt(field.values().length)];
            out = field.writtenInto(out, value);
            writes.add(field.name() + " at byte " + field.offset() + " set to 0x" + Long.toHexString(value));
        }
        return new Mutant(name + String.join(", ", writes), out);
    }

    private static Mutant flipped(byte[] valid, Random random, String name) {
        byte[] out = valid.clone();
        List<String> flips = new ArrayList<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            int at = random.nextInt(out.length);
            int bit = random.nextInt(8);
            out[at] ^= (byte) (1 << bit);
            flips.add("bit " + bit + " of byte " + at);
        }
        return new Mutant(name + "flipped " + String.join(", ", flips), out);
    }

    private static Mutant overwritten(byte[] valid, Random random, String name) {
        byte[] out = valid.clone();
        int at = random.nextInt(out.length);
        byte[] noise = new byte[Math.min(1 + random.nextInt(16), out.length - at)];
        random.nextBytes(noise);
        System.arraycopy(noise, 0, out, at, noise.length);
        return new Mutant(name + "bytes " + at + ".." + (at + noise.length - 1) + " overwritten with "
                + HexFormat.of().formatHex(noise), out);
    }

    private static Mutant truncated(byte[] valid, Random random, String name) {
        int length = random.nextInt(valid.length);
        return new Mutant(name + "cut to " + length + " of " + valid.length + " bytes", Arrays.copyOf(valid, length));
    }
}
