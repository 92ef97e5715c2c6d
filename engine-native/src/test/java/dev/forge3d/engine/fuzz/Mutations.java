package dev.forge3d.engine.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Seeded damage to a valid file, for robustness tests of its readers, from one set of damage kinds
 * ({@link ByteDamage}, {@link TextDamage}): aimed at the number fields a format's reader trusts
 * ({@link #mutant}), or spread over a binary or text file whose layout the damage does not know
 * ({@link #binary}, {@link #text}). The same valid bytes and seed always give the same mutant,
 * whose description leads with the seed, so a failure can be replayed alone.
 */
public final class Mutations {
    private Mutations() {
    }

    /** Mutants number 0 to {@code count - 1} of {@code valid} under {@code seed}, as {@link #mutant} makes them. */
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
        Mutant mutant = switch (random.nextInt(fields.isEmpty() ? 3 : 5)) {
            case 0 -> ByteDamage.bitsFlipped(valid, random);
            case 1 -> ByteDamage.bytesOverwritten(valid, random);
            case 2 -> ByteDamage.cut(valid, random);
            default -> fieldsSet(valid, fields, random);
        };
        return mutant.chosenBy("seed " + seed + " case " + caseNumber);
    }

    /**
     * Byte-level damage: flipped bits, overwritten or inserted bytes, huge counts, non-finite
     * floats, cuts, copies and deletions.
     */
    public static Mutant binary(byte[] valid, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return binary(valid, random, random.nextInt(9)).chosenBy("seed " + seed);
    }

    /** The damage of {@link TextDamage} (seven cases in sixteen) or of {@link #binary}. */
    public static Mutant text(byte[] valid, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int kind = random.nextInt(16);
        Mutant mutant = switch (kind) {
            case 9, 10, 11 -> TextDamage.numberReplaced(valid, random);
            case 12 -> TextDamage.lineDroppedOrDoubled(valid, random);
            case 13 -> TextDamage.longLineInserted(valid, random);
            case 14 -> TextDamage.strayBytesInserted(valid, random);
            case 15 -> TextDamage.badNumberLineInserted(valid, random);
            default -> binary(valid, random, kind);
        };
        return mutant.chosenBy("seed " + seed);
    }

    /**
     * For a text header over a binary body (a PLY): {@link #truncations} every {@code step} bytes,
     * then {@code seeds} cases, the even seeds {@link #text} damage and the odd ones {@link #binary}.
     */
    public static List<Mutant> headerAndBody(byte[] valid, int step, int seeds) {
        List<Mutant> mutants = new ArrayList<>(truncations(valid, step));
        for (long seed = 0; seed < seeds; seed++) {
            mutants.add(seed % 2 == 0 ? text(valid, seed) : binary(valid, seed));
        }
        return mutants;
    }

    /** {@code valid} cut to 0, step, 2 step, ... bytes, and to one byte short of whole. */
    public static List<Mutant> truncations(byte[] valid, int step) {
        List<Mutant> cuts = new ArrayList<>();
        for (int length = 0; length < valid.length; length += step) {
            cuts.add(ByteDamage.cut(valid, length));
        }
        cuts.add(ByteDamage.cut(valid, valid.length - 1));
        return cuts;
    }

    /** Huge counts get two kinds in nine: the readers here size what they allocate by counts. */
    private static Mutant binary(byte[] valid, RandomGenerator random, int kind) {
        return switch (kind) {
            case 0 -> ByteDamage.bitsFlipped(valid, random);
            case 1 -> ByteDamage.bytesOverwritten(valid, random);
            case 2, 3 -> ByteDamage.hugeCountWritten(valid, random);
            case 4 -> ByteDamage.extremeFloatWritten(valid, random);
            case 5 -> ByteDamage.cut(valid, random);
            case 6 -> ByteDamage.bytesCopied(valid, random);
            case 7 -> ByteDamage.bytesDeleted(valid, random);
            default -> ByteDamage.bytesInserted(valid, random);
        };
    }

    /** One field, or two (a width and a height, say), set to one of their values each. */
    private static Mutant fieldsSet(byte[] valid, List<Field> fields, RandomGenerator random) {
        byte[] out = valid;
        List<String> writes = new ArrayList<>();
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            Field field = fields.get(random.nextInt(fields.size()));
            long value = field.values()[random.nextInt(field.values().length)];
            out = field.writtenInto(out, value);
            writes.add(field.name() + " at byte " + field.offset() + " set to 0x" + Long.toHexString(value));
        }
        return new Mutant(String.join(", ", writes), out);
    }
}
