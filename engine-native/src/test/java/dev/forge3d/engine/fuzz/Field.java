package dev.forge3d.engine.fuzz;

import java.nio.ByteOrder;

/**
 * A number field of a format that its reader trusts (a chunk length, an offset, a count, a size),
 * and the values worth writing into it.
 *
 * @param offset where the field starts in the file
 * @param width  its size in bytes, 1 to 8
 */
public record Field(String name, int offset, int width, ByteOrder order, long... values) {
    /** Length-field values no small file can honour: the largest signed and unsigned 32-bit numbers. */
    public static final long[] HUGE_LENGTHS = {0x7FFF_FFFFL, 0xFFFF_FFFFL};

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
        return ByteDamage.numberWritten(bytes, offset, width, order, value);
    }
}
