package dev.forge3d.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * Reads and sets values in place in a binary FBX, a number for a number of the same type, so no
 * record moves and no offset changes: the material template's numbers (Definitions, ObjectType
 * "Material", PropertyTemplate, Properties70: the value every material in the file takes for a
 * property it does not state itself), and the header's creation time stamp.
 *
 * <p>The binary layout: a 27-byte header whose last four bytes are the version, then nested
 * records, each an end offset, a property count, the properties' length in bytes (64-bit from
 * version 7500, 32-bit before), a name, its typed properties, and its children up to the end
 * offset; a record whose end offset is 0 closes a list.
 */
final class FbxRecords {
    private static final byte[] MAGIC = "Kaydara FBX Binary  \0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER = 27;
    /** The fields of FBXHeaderExtension's CreationTimeStamp, in the order a LocalDateTime gives them. */
    private static final String[] TIME_STAMP_FIELDS = {"Year", "Month", "Day", "Hour", "Minute", "Second",
            "Millisecond"};

    private final ByteBuffer fbx;
    private final boolean wideRecords;

    private FbxRecords(byte[] fbx) {
        this.fbx = ByteBuffer.wrap(fbx).order(ByteOrder.LITTLE_ENDIAN);
        if (fbx.length < HEADER || !ByteBuffer.wrap(fbx, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            throw new IllegalArgumentException("not a binary FBX");
        }
        this.wideRecords = this.fbx.getInt(23) >= 7500;
    }

    /** The material template's number {@code property}, as a double. */
    static double templateNumber(byte[] fbx, String property) {
        FbxRecords file = new FbxRecords(fbx);
        return file.fbx.getDouble(file.numberOffset(property));
    }

    /** Sets the material template's number {@code property} to {@code value}, in place. */
    static void setTemplateNumber(byte[] fbx, String property, double value) {
        FbxRecords file = new FbxRecords(fbx);
        file.fbx.putDouble(file.numberOffset(property), value);
    }

    /** The header's CreationTimeStamp. */
    static LocalDateTime creationTimeStamp(byte[] fbx) {
        FbxRecords file = new FbxRecords(fbx);
        int[] values = new int[TIME_STAMP_FIELDS.length];
        for (int f = 0; f < values.length; f++) {
            values[f] = file.fbx.getInt(file.timeStampOffset(TIME_STAMP_FIELDS[f]));
        }
        return LocalDateTime.of(values[0], values[1], values[2], values[3], values[4], values[5],
                values[6] * 1_000_000);
    }

    /** Sets the header's CreationTimeStamp to {@code time} (to the millisecond), in place. */
    static void setCreationTimeStamp(byte[] fbx, LocalDateTime time) {
        FbxRecords file = new FbxRecords(fbx);
        int[] values = {time.getYear(), time.getMonthValue(), time.getDayOfMonth(), time.getHour(), time.getMinute(),
                time.getSecond(), time.getNano() / 1_000_000};
        for (int f = 0; f < values.length; f++) {
            file.fbx.putInt(file.timeStampOffset(TIME_STAMP_FIELDS[f]), values[f]);
        }
    }

    /** Where the int of CreationTimeStamp's {@code field} record starts. */
    private int timeStampOffset(String field) {
        int stamp = child(HEADER, fbx.capacity(), "FBXHeaderExtension", null);
        stamp = childOf(stamp, "CreationTimeStamp", null);
        int record = childOf(stamp, field, null);
        int value = propertiesStart(record);
        if (propertyCount(record) != 1 || fbx.get(value) != 'I') {
            throw new IllegalArgumentException("the creation time stamp's " + field + " is not an int");
        }
        return value + 1;
    }

    /** Where the double that is the last property of {@code P "property" ...} starts. */
    private int numberOffset(String property) {
        int template = child(HEADER, fbx.capacity(), "Definitions", null);
        template = childOf(template, "ObjectType", "Material");
        template = childOf(template, "PropertyTemplate", null);
        template = childOf(template, "Properties70", null);
        int p = childOf(template, "P", property);
        int value = -1;
        for (int at = propertiesStart(p), n = 0; n < propertyCount(p); n++) {
            value = at;
            at = nextProperty(at);
        }
        if (value < 0 || fbx.get(value) != 'D') {
            throw new IllegalArgumentException("the material template's " + property + " is not a double");
        }
        return value + 1;
    }

    private int childOf(int record, String name, String firstString) {
        return child(propertiesStart(record) + propertiesLength(record), endOffset(record), name, firstString);
    }

    /** The first record in {@code [from, to)} named {@code name} whose first property is {@code firstString}. */
    private int child(int from, long to, String name, String firstString) {
        for (int at = from; at < to && endOffset(at) != 0; at = Math.toIntExact(endOffset(at))) {
            if (endOffset(at) <= at) {
                throw new IllegalArgumentException("an FBX record at " + at + " ends before it starts");
            }
            if (name(at).equals(name) && (firstString == null || firstString.equals(firstString(at)))) {
                return at;
            }
        }
        throw new IllegalArgumentException("no " + name + (firstString == null ? "" : " \"" + firstString + "\"")
                + " in the FBX");
    }

    private long endOffset(int record) {
        return wideRecords ? fbx.getLong(record) : Integer.toUnsignedLong(fbx.getInt(record));
    }

    private long propertyCount(int record) {
        return wideRecords ? fbx.getLong(record + 8) : Integer.toUnsignedLong(fbx.getInt(record + 4));
    }

    private int propertiesLength(int record) {
        return Math.toIntExact(wideRecords ? fbx.getLong(record + 16) : Integer.toUnsignedLong(fbx.getInt(record + 8)));
    }

    private int nameLength(int record) {
        return Byte.toUnsignedInt(fbx.get(record + (wideRecords ? 24 : 12)));
    }

    private String name(int record) {
        return string(record + (wideRecords ? 25 : 13), nameLength(record));
    }

    private int propertiesStart(int record) {
        return record + (wideRecords ? 25 : 13) + nameLength(record);
    }

    /** The record's first property when it is a string ('S'), else null. */
    private String firstString(int record) {
        int at = propertiesStart(record);
        if (propertyCount(record) == 0 || fbx.get(at) != 'S') {
            return null;
        }
        return string(at + 5, fbx.getInt(at + 1));
    }

    /** The offset after the typed property at {@code at}. */
    private int nextProperty(int at) {
        char type = (char) fbx.get(at);
        return at + 1 + switch (type) {
            case 'C' -> 1;
            case 'Y' -> 2;
            case 'I', 'F' -> 4;
            case 'D', 'L' -> 8;
            case 'S', 'R' -> 4 + fbx.getInt(at + 1);
            case 'b', 'i', 'f', 'd', 'l' -> 12 + fbx.getInt(at + 9);
            default -> throw new IllegalArgumentException("unknown FBX property type '" + type + "' at " + at);
        };
    }

    private String string(int at, int length) {
        byte[] bytes = new byte[length];
        fbx.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
