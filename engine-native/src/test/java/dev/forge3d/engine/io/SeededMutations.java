package dev.forge3d.engine.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Damaged copies of a valid file, for fuzzing a reader: each is made from the valid bytes and a
 * seed alone (SplittableRandom is the same on every JVM), and describes itself, so that a failing
 * case is reproduced from the seed its assertion message gives.
 */
public final class SeededMutations {
    /** Little-endian values a corrupt count or size field is set to: past int, past 2^31, past 2^63. */
    private static final long[] HUGE_COUNTS = {0x7fff_ffffL, 0xffff_ffffL, 1L << 31, 1L << 40, Long.MAX_VALUE, -1L,
            Long.MIN_VALUE};
    /** What a number in a text file is replaced by, half the time: a count or size no file holds. */
    private static final String[] HUGE_NUMBERS = {"65536", "16777216", "1000000000", "2147483647", "2147483648",
            "4294967295", "4294967296", "9223372036854775807", "9223372036854775808", "99999999999999999999999",
            "1e309", "0x7fffffff"};
    /** ... and the other half: not finite, negative, zero, fractional, or not a number. */
    private static final String[] BAD_NUMBERS = {"NaN", "Infinity", "-Infinity", "inf", "-1", "-2147483649", "-0",
            "0", "-1e309", "1e-320", "1.5", "", "-", ".", "e5", "1e", "١٢"};
    /** Longest line a mutant may gain. */
    private static final int LONG_LINE = 200_000;

    private SeededMutations() {
    }

    /** A damaged copy and how it was damaged ({@code seed N: kind at offset ...}). */
    public record Mutant(String description, byte[] bytes) {
        @Override
        public String toString() {
            return description + " (" + bytes.length + " bytes)";
        }
    }

    /** Byte-level damage: flipped bits, overwritten or inserted bytes, huge counts, non-finite floats, cuts, copies. */
    public static Mutant binary(byte[] valid, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return binary(valid, seed, random, random.nextInt(9));
    }

    /**
     * Damage a text file is likely to meet: its numbers made non-finite, negative, huge or not
     * numbers, lines dropped, copied or made very long, stray NULs and bad UTF-8, and the byte-level
     * damage of {@link #binary}.
     */
    public static Mutant text(byte[] valid, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int kind = random.nextInt(16);
        if (kind < 9) {
            return binary(valid, seed, random, kind);
        }
        String prefix = "seed " + seed + ": ";
        return switch (kind) {
            case 9, 10, 11 -> replaceNumber(valid, prefix, random);
            case 12 -> {
                List<int[]> lines = lines(valid);
                int[] line = lines.get(random.nextInt(lines.size()));
                boolean drop = random.nextBoolean();
                byte[] copy = Arrays.copyOfRange(valid, line[0], line[1]);
                yield new Mutant(prefix + "line at byte " + line[0] + (drop ? " dropped" : " doubled"),
                        splice(valid, line[0], drop ? line[1] : line[0], drop ? new byte[0] : copy));
            }
            case 13 -> {
                int at = random.nextInt(valid.length + 1);
                String unit = random.nextBoolean() ? "9" : "1 ";
                String inserted = unit.repeat(LONG_LINE / unit.length());
                yield new Mutant(prefix + "'" + unit + "' x " + LONG_LINE / unit.length() + " inserted at byte " + at,
                        splice(valid, at, at, inserted.getBytes(StandardCharsets.US_ASCII)));
            }
            case 14 -> {
                int at = random.nextInt(valid.length + 1);
                byte[] bad = random.nextBoolean() ? new byte[] {0} : new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
                yield new Mutant(prefix + (bad.length == 1 ? "NUL" : "invalid UTF-8") + " inserted at byte " + at,
                        splice(valid, at, at, bad));
            }
            default -> {
                int at = random.nextInt(valid.length + 1);
                String line = "\n" + BAD_NUMBERS[random.nextInt(BAD_NUMBERS.length)] + " " + "#{}[]\",:"
                        .charAt(random.nextInt(8)) + "\n";
                yield new Mutant(prefix + "line " + line.strip() + " inserted at byte " + at,
                        splice(valid, at, at, line.getBytes(StandardCharsets.UTF_8)));
            }
        };
    }

    /** {@code valid} cut to 0, step, 2 step, ... bytes, up to one byte short of whole. */
    public static List<Mutant> truncations(byte[] valid, int step) {
        List<Mutant> cuts = new ArrayList<>();
        for (int length = 0; length < valid.length; length += step) {
            cuts.add(new Mutant("truncated to " + length + " bytes", Arrays.copyOf(valid, length)));
        }
        cuts.add(new Mutant("truncated to " + (valid.length - 1) + " bytes", Arrays.copyOf(valid, valid.length - 1)));
        return cuts;
    }

    private static Mutant binary(byte[] valid, long seed, SplittableRandom random, int kind) {
        String prefix = "seed " + seed + ": ";
        byte[] out = valid.clone();
        int at = random.nextInt(valid.length);
        return switch (kind) {
            case 0 -> {
                int bit = random.nextInt(8);
                out[at] ^= (byte) (1 << bit);
                yield new Mutant(prefix + "bit " + bit + " of byte " + at + " flipped", out);
            }
            case 1 -> {
                int length = Math.min(1 + random.nextInt(8), valid.length - at);
                for (int i = 0; i < length; i++) {
                    out[at + i] = (byte) random.nextInt(256);
                }
                yield new Mutant(prefix + length + " random bytes written at byte " + at, out);
            }
            case 2, 3 -> {
                // Counts sit at 4-byte boundaries in the formats here, most of the time.
                int width = random.nextBoolean() ? 8 : 4;
                int offset = random.nextBoolean() ? at : at & ~3;
                long value = HUGE_COUNTS[random.nextInt(HUGE_COUNTS.length)];
                yield new Mutant(prefix + "int" + 8 * width + " 0x" + Long.toHexString(value) + " written at byte "
                        + offset, overwrite(out, offset, value, width));
            }
            case 4 -> {
                int width = random.nextBoolean() ? 8 : 4;
                int offset = at & ~3;
                double value = new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1e30,
                        1e30}[random.nextInt(5)];
                long bits = width == 8 ? Double.doubleToRawLongBits(value) : Float.floatToRawIntBits((float) value);
                yield new Mutant(prefix + "float" + 8 * width + " " + value + " written at byte " + offset,
                        overwrite(out, offset, bits, width));
            }
            case 5 -> new Mutant(prefix + "truncated to " + at + " bytes", Arrays.copyOf(valid, at));
            case 6 -> {
                int end = Math.min(valid.length, at + 1 + random.nextInt(64));
                int to = random.nextInt(valid.length + 1);
                yield new Mutant(prefix + "bytes " + at + "-" + end + " copied to byte " + to,
                        splice(valid, to, to, Arrays.copyOfRange(valid, at, end)));
            }
            case 7 -> {
                int end = Math.min(valid.length, at + 1 + random.nextInt(64));
                yield new Mutant(prefix + "bytes " + at + "-" + end + " deleted", splice(valid, at, end, new byte[0]));
            }
            default -> {
                byte[] inserted = new byte[1 + random.nextInt(16)];
                for (int i = 0; i < inserted.length; i++) {
                    inserted[i] = (byte) random.nextInt(256);
                }
                yield new Mutant(prefix + inserted.length + " random bytes inserted at byte " + at,
                        splice(valid, at, at, inserted));
            }
        };
    }

    /** One number (a word of digits, sign, point, exponent) replaced by a huge or a bad one. */
    private static Mutant replaceNumber(byte[] valid, String prefix, SplittableRandom random) {
        List<int[]> numbers = new ArrayList<>();
        for (int i = 0; i < valid.length; ) {
            if (Character.isDigit(valid[i])) {
                int start = i;
                while (start > 0 && isNumberByte(valid[start - 1])) {
                    start--;
                }
                int end = i;
                while (end < valid.length && isNumberByte(valid[end])) {
                    end++;
                }
                // Only whole words: not digits that a binary body happens to hold.
                if (isDelimiter(valid, start - 1) && isDelimiter(valid, end)) {
                    numbers.add(new int[] {start, end});
                }
                i = end;
            } else {
                i++;
            }
        }
        if (numbers.isEmpty()) {
            return new Mutant(prefix + "no number to replace", valid.clone());
        }
        int[] number = numbers.get(random.nextInt(numbers.size()));
        String[] choices = random.nextBoolean() ? HUGE_NUMBERS : BAD_NUMBERS;
        String replacement = choices[random.nextInt(choices.length)];
        return new Mutant(prefix + "number '" + new String(valid, number[0], number[1] - number[0],
                StandardCharsets.US_ASCII) + "' at byte " + number[0] + " replaced by '" + replacement + "'",
                splice(valid, number[0], number[1], replacement.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whitespace or JSON punctuation at {@code i}, or a file end. */
    private static boolean isDelimiter(byte[] bytes, int i) {
        return i < 0 || i >= bytes.length || " \t\r\n[]{},:\"".indexOf(bytes[i]) >= 0;
    }

    private static boolean isNumberByte(byte b) {
        return Character.isDigit(b) || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    /** Start and end (past the newline) of each line. */
    private static List<int[]> lines(byte[] text) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n') {
                lines.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        if (start < text.length || lines.isEmpty()) {
            lines.add(new int[] {start, text.length});
        }
        return lines;
    }

    /** {@code bytes} with {@code [from, to)} replaced by {@code inserted}. */
    private static byte[] splice(byte[] bytes, int from, int to, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
        out.write(bytes, 0, from);
        out.writeBytes(inserted);
        out.write(bytes, to, bytes.length - to);
        return out.toByteArray();
    }

    /** {@code value}'s low {@code width} bytes, little-endian, at {@code offset} (those past the end dropped). */
    private static byte[] overwrite(byte[] bytes, int offset, long value, int width) {
        byte[] le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        for (int i = 0; i < width && offset + i < bytes.length; i++) {
            bytes[offset + i] = le[i];
        }
        return bytes;
    }
}
