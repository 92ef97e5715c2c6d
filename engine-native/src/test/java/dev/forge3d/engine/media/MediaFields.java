package dev.forge3d.engine.media;

import dev.forge3d.engine.fuzz.Field;
import dev.forge3d.engine.fuzz.Mutations;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The number fields of small PNG, JPEG, WebP and MP4 files that their readers trust (chunk, segment
 * and box lengths, image sizes, entry counts, EXIF offsets), found by walking each format's
 * structure, with the values worth writing into them for {@link Mutations}.
 */
public final class MediaFields {
    private static final Set<String> MP4_CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "dinf", "edts",
            "udta", "mvex");
    private static final Set<String> MP4_COUNTED = Set.of("stts", "stsc", "stco", "co64", "stss", "ctts", "stsd",
            "dref", "elst");

    private MediaFields() {
    }

    /** Chunk lengths, the IHDR size (100000 x 100000 among its values), and the EXIF block's fields. */
    public static List<Field> png(byte[] png) {
        List<Field> fields = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(png);
        for (int at = 8; at + 8 <= png.length; ) {
            int length = in.getInt(at);
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            fields.add(length(type + " length", at, 4, ByteOrder.BIG_ENDIAN, png.length - at - 12));
            if (type.equals("IHDR")) {
                long[] sizes = {0, 100_000, (1 << 20) + 1, 0x7FFF_FFFFL, 0xFFFF_FFFFL};
                fields.add(Field.bigEndian("IHDR width", at + 8, 4, sizes));
                fields.add(Field.bigEndian("IHDR height", at + 12, 4, sizes));
            }
            if (type.equals("IEND")) {
                break;
            }
            at += 12 + length;
        }
        fields.addAll(exif(png));
        return fields;
    }

    /** {@code png} with the CRC of every chunk that lies wholly inside it recomputed, as an editor would write it. */
    public static byte[] pngWithCrcsRecomputed(byte[] png) {
        byte[] out = png.clone();
        ByteBuffer buffer = ByteBuffer.wrap(out);
        for (long at = 8; at + 12 <= out.length; ) {
            long length = Integer.toUnsignedLong(buffer.getInt((int) at));
            if (at + 12 + length > out.length) {
                break;
            }
            CRC32 crc = new CRC32();
            crc.update(out, (int) at + 4, 4 + (int) length);
            buffer.putInt((int) (at + 8 + length), (int) crc.getValue());
            at += 12 + length;
        }
        return out;
    }

    /** Segment lengths up to the scan, the frame's size and component count, and the EXIF block's fields. */
    public static List<Field> jpeg(byte[] jpeg) {
        List<Field> fields = new ArrayList<>();
        for (int at = 2; at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF; ) {
            int marker = jpeg[at + 1] & 0xFF;
            int length = (jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF);
            String name = String.format("segment FF%02X", marker);
            fields.add(Field.bigEndian(name + " length", at + 2, 2, 0, 1, 2, 0xFFFF));
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                    && marker != 0xCC;
            if (startOfFrame) {
                fields.add(Field.bigEndian("frame height", at + 5, 2, 0, 0xFFFF));
                fields.add(Field.bigEndian("frame width", at + 7, 2, 0, 0xFFFF));
                fields.add(Field.bigEndian("frame components", at + 9, 1, 0, 2, 0xFF));
            }
            if (marker == 0xDA) {
                break;
            }
            at += 2 + length;
        }
        fields.addAll(exif(jpeg));
        return fields;
    }

    /** The RIFF size, chunk sizes, the sizes the VP8X, VP8 and VP8L headers declare, and the EXIF block's fields. */
    public static List<Field> webp(byte[] webp) {
        List<Field> fields = new ArrayList<>();
        fields.add(length("RIFF size", 4, 4, ByteOrder.LITTLE_ENDIAN, webp.length - 8));
        ByteBuffer in = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 12; at + 8 <= webp.length; ) {
            String fourCc = new String(webp, at, 4, StandardCharsets.ISO_8859_1);
            long size = Integer.toUnsignedLong(in.getInt(at + 4));
            fields.add(length(fourCc.trim() + " size", at + 4, 4, ByteOrder.LITTLE_ENDIAN, webp.length - at - 8));
            int data = at + 8;
            switch (fourCc) {
                case "VP8X" -> {
                    fields.add(Field.littleEndian("VP8X canvas width - 1", data + 4, 3, 0, 0x3FFF, 0xFF_FFFF));
                    fields.add(Field.littleEndian("VP8X canvas height - 1", data + 7, 3, 0, 0x3FFF, 0xFF_FFFF));
                }
                case "VP8 " -> {
                    fields.add(Field.littleEndian("VP8 width", data + 6, 2, 0, 0x3FFF, 0xFFFF));
                    fields.add(Field.littleEndian("VP8 height", data + 8, 2, 0, 0x3FFF, 0xFFFF));
                }
                case "VP8L" -> fields.add(Field.littleEndian("VP8L size bits", data + 1, 4, 0, 0x0FFF_FFFFL,
                        0xFFFF_FFFFL));
                default -> {
                    // ALPH, EXIF and others: their size is the field
                }
            }
            at = (int) Math.min(Integer.MAX_VALUE, data + size + (size & 1));
        }
        fields.addAll(exif(webp));
        return fields;
    }

    /**
     * Box sizes through the container boxes, the entry counts of the sample tables, the visual sample
     * entry's size, and the media timescale.
     */
    public static List<Field> mp4(byte[] mp4) {
        List<Field> fields = new ArrayList<>();
        boxes(mp4, 0, mp4.length, "", fields);
        return fields;
    }

    private static void boxes(byte[] mp4, int from, int to, String parent, List<Field> fields) {
        ByteBuffer in = ByteBuffer.wrap(mp4);
        for (int at = from; at + 8 <= to; ) {
            long size = Integer.toUnsignedLong(in.getInt(at));
            String type = new String(mp4, at + 4, 4, StandardCharsets.ISO_8859_1);
            String path = parent + "/" + type;
            if (size < 8 || at + size > to) {
                return; // a large (64-bit) or to-the-end size: not in the files written here
            }
            fields.add(Field.bigEndian(path + " size", at, 4, 0, 1, 7, 0x7FFF_FFFFL, 0xFFFF_FFFFL, to - at + 1L));
            if (MP4_CONTAINERS.contains(type)) {
                boxes(mp4, at + 8, at + (int) size, path, fields);
            } else if (MP4_COUNTED.contains(type)) {
                fields.add(Field.bigEndian(path + " entry count", at + 12, 4, 0, 0x1000_0000L, 0x7FFF_FFFFL,
                        0xFFFF_FFFFL));
            } else if (type.equals("stsz")) {
                fields.add(Field.bigEndian(path + " sample size", at + 12, 4, 0xFFFF_FFFFL));
                fields.add(Field.bigEndian(path + " sample count", at + 16, 4, 0x1000_0000L, 0x7FFF_FFFFL,
                        0xFFFF_FFFFL));
            } else if (type.equals("mdhd") || type.equals("mvhd")) {
                fields.add(Field.bigEndian(path + " timescale", at + 20, 4, 0, 0xFFFF_FFFFL));
            }
            if (type.equals("stsd") && at + 16 + 8 <= to) {
                int entry = at + 16;
                int entrySize = in.getInt(entry);
                fields.add(Field.bigEndian(path + " sample entry size", entry, 4, 0, 8, 0x7FFF_FFFFL));
                fields.add(Field.bigEndian(path + " sample entry width", entry + 32, 2, 0, 0xFFFF));
                fields.add(Field.bigEndian(path + " sample entry height", entry + 34, 2, 0, 0xFFFF));
                if (entrySize > 86 && entry + entrySize <= to) {
                    boxes(mp4, entry + 86, entry + entrySize, path + "/entry", fields); // avcC, esds, ...
                }
            }
            at += (int) size;
        }
    }

    /**
     * The EXIF block's TIFF fields, where a block is found ({@code II*\0} or {@code MM\0*}): the
     * first IFD's offset past the end or onto the header, a huge entry count, the orientation
     * entry's type, count and value, and the next IFD's offset looping back onto the first or
     * onto itself.
     */
    static List<Field> exif(byte[] file) {
        int tiff = tiffStart(file);
        if (tiff < 0 || tiff + 26 > file.length) {
            return List.of();
        }
        ByteOrder order = file[tiff] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer in = ByteBuffer.wrap(file).order(order);
        int ifd = in.getInt(tiff + 4);
        int entries = Short.toUnsignedInt(in.getShort(tiff + ifd));
        int entry = tiff + ifd + 2;
        int next = entry + 12 * entries;
        long end = file.length - tiff;
        return List.of(
                new Field("EXIF first IFD offset", tiff + 4, 4, order, 0, end, end - 1, 0x7FFF_FFFFL, 0xFFFF_FFFFL),
                new Field("EXIF IFD entry count", tiff + ifd, 2, order, 0, 0x7FFF, 0xFFFF),
                new Field("EXIF orientation type", entry + 2, 2, order, 0, 4, 0xFFFF),
                new Field("EXIF orientation count", entry + 4, 4, order, 0, 0xFFFF_FFFFL),
                new Field("EXIF orientation value", entry + 8, 2, order, 0, 9, 0xFFFF),
                new Field("EXIF next IFD offset", next, 4, order, ifd, next - tiff, end, 0xFFFF_FFFFL));
    }

    private static int tiffStart(byte[] file) {
        for (int i = 0; i + 4 <= file.length; i++) {
            boolean little = file[i] == 'I' && file[i + 1] == 'I' && file[i + 2] == 42 && file[i + 3] == 0;
            boolean big = file[i] == 'M' && file[i + 1] == 'M' && file[i + 2] == 0 && file[i + 3] == 42;
            if (little || big) {
                return i;
            }
        }
        return -1;
    }

    /** A length field: zero, the largest 32-bit numbers, and one past what the file holds after it. */
    private static Field length(String name, int offset, int width, ByteOrder order, long held) {
        return new Field(name, offset, width, order, 0, Field.HUGE_LENGTHS[0], Field.HUGE_LENGTHS[1],
                Math.max(0, held) + 1);
    }
}
