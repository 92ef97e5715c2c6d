package dev.forge3d.engine.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Each kind of damage a text file (or a text header) is likely to meet, made in one place: its
 * numbers made huge, non-finite, negative or not numbers, lines dropped, doubled or made very long,
 * stray NULs and bad UTF-8. Every choice comes from the generator passed in.
 */
final class TextDamage {
    /** What a number is replaced by, half the time: a count or size no file holds. */
    private static final String[] HUGE_NUMBERS = {"65536", "16777216", "1000000000", "2147483647", "2147483648",
            "4294967295", "4294967296", "9223372036854775807", "9223372036854775808", "99999999999999999999999",
            "1e309", "0x7fffffff"};
    /** ... and the other half: not finite, negative, zero, fractional, or not a number. */
    private static final String[] BAD_NUMBERS = {"NaN", "Infinity", "-Infinity", "inf", "-1", "-2147483649", "-0",
            "0", "-1e309", "1e-320", "1.5", "", "-", ".", "e5", "1e", "١٢"};
    /** Longest line a mutant may gain. */
    private static final int LONG_LINE = 200_000;

    private TextDamage() {
    }

    /** One number (a word of digits, sign, point, exponent) replaced by a huge or a bad one. */
    static Mutant numberReplaced(byte[] valid, RandomGenerator random) {
        List<int[]> numbers = numbers(valid);
        if (numbers.isEmpty()) {
            return new Mutant("no number to replace", valid.clone());
        }
        int[] number = numbers.get(random.nextInt(numbers.size()));
        String[] choices = random.nextBoolean() ? HUGE_NUMBERS : BAD_NUMBERS;
        String replacement = choices[random.nextInt(choices.length)];
        return new Mutant("number '" + new String(valid, number[0], number[1] - number[0], StandardCharsets.US_ASCII)
                + "' at byte " + number[0] + " replaced by '" + replacement + "'",
                ByteDamage.spliced(valid, number[0], number[1], replacement.getBytes(StandardCharsets.UTF_8)));
    }

    /** One line dropped or written twice. */
    static Mutant lineDroppedOrDoubled(byte[] valid, RandomGenerator random) {
        List<int[]> lines = lines(valid);
        int[] line = lines.get(random.nextInt(lines.size()));
        boolean drop = random.nextBoolean();
        byte[] copy = Arrays.copyOfRange(valid, line[0], line[1]);
        return new Mutant("line at byte " + line[0] + (drop ? " dropped" : " doubled"),
                ByteDamage.spliced(valid, line[0], drop ? line[1] : line[0], drop ? new byte[0] : copy));
    }

    /** 200,000 bytes of one long number or of many numbers, with no line break. */
    static Mutant longLineInserted(byte[] valid, RandomGenerator random) {
        int at = random.nextInt(valid.length + 1);
        String unit = random.nextBoolean() ? "9" : "1 ";
        String inserted = unit.repeat(LONG_LINE / unit.length());
        return new Mutant("'" + unit + "' x " + LONG_LINE / unit.length() + " inserted at byte " + at,
                ByteDamage.spliced(valid, at, at, inserted.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A NUL, or bytes that are not UTF-8. */
    static Mutant strayBytesInserted(byte[] valid, RandomGenerator random) {
        int at = random.nextInt(valid.length + 1);
        byte[] bad = random.nextBoolean() ? new byte[] {0} : new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
        return new Mutant((bad.length == 1 ? "NUL" : "invalid UTF-8") + " inserted at byte " + at,
                ByteDamage.spliced(valid, at, at, bad));
    }

    /** A line of a bad number and a stray punctuation mark. */
    static Mutant badNumberLineInserted(byte[] valid, RandomGenerator random) {
        int at = random.nextInt(valid.length + 1);
        String line = "\n" + BAD_NUMBERS[random.nextInt(BAD_NUMBERS.length)] + " "
                + "#{}[]\",:".charAt(random.nextInt(8)) + "\n";
        return new Mutant("line " + line.strip() + " inserted at byte " + at,
                ByteDamage.spliced(valid, at, at, line.getBytes(StandardCharsets.UTF_8)));
    }

    /** Start and end of each whole-word number: not digits that a binary body happens to hold. */
    private static List<int[]> numbers(byte[] text) {
        List<int[]> numbers = new ArrayList<>();
        for (int i = 0; i < text.length; ) {
            if (!Character.isDigit(text[i])) {
                i++;
                continue;
            }
            int start = i;
            while (start > 0 && isNumberByte(text[start - 1])) {
                start--;
            }
            int end = i;
            while (end < text.length && isNumberByte(text[end])) {
                end++;
            }
            if (isDelimiter(text, start - 1) && isDelimiter(text, end)) {
                numbers.add(new int[] {start, end});
            }
            i = end;
        }
        return numbers;
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
}
