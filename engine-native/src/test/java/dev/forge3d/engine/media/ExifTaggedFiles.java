package dev.forge3d.engine.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Image files as a phone or an editor writes them: the pixels as stored, and an EXIF orientation
 * tag in the place each format keeps it (JPEG APP1, PNG {@code eXIf}, WebP {@code EXIF}).
 */
public final class ExifTaggedFiles {
    private ExifTaggedFiles() {
    }

    /** The JPEG with an EXIF APP1 segment holding only the orientation tag, right after SOI. */
    public static byte[] jpeg(byte[] jpeg, int orientation) {
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tiff = tiff(orientation, ByteOrder.LITTLE_ENDIAN);
        int length = 2 + exif.length + tiff.length;
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(exif).put(tiff);
        return out.put(jpeg, 2, jpeg.length - 2).array();
    }

    /** The PNG with an {@code eXIf} chunk (big-endian TIFF, as the PNG spec's example) right after IHDR. */
    public static byte[] png(byte[] png, int orientation) {
        int afterHeader = 8 + 8 + 13 + 4; // signature, then IHDR's length, type, data and CRC
        byte[] chunk = pngChunk("eXIf", tiff(orientation, ByteOrder.BIG_ENDIAN));
        return ByteBuffer.allocate(png.length + chunk.length).put(png, 0, afterHeader).put(chunk)
                .put(png, afterHeader, png.length - afterHeader).array();
    }

    /**
     * A simple (lossy or lossless) WebP made extended: a {@code VP8X} chunk with the EXIF flag, the
     * image chunk, then an {@code EXIF} chunk, as the WebP container spec orders them.
     */
    public static byte[] webp(byte[] webp, int width, int height, boolean alpha, int orientation) {
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put((byte) (0x08 | (alpha ? 0x10 : 0))).put(new byte[3]);
        putUint24(vp8x, width - 1);
        putUint24(vp8x, height - 1);
        byte[] image = new byte[webp.length - 12];
        System.arraycopy(webp, 12, image, 0, image.length);
        byte[] body = concat("WEBP".getBytes(StandardCharsets.ISO_8859_1), riffChunk("VP8X", vp8x.array()), image,
                riffChunk("EXIF", tiff(orientation, ByteOrder.LITTLE_ENDIAN)));
        return ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(body.length).put(body).array();
    }

    /** A TIFF header and one IFD holding only the orientation tag (SHORT, count 1). */
    private static byte[] tiff(int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(order);
        byte mark = (byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M');
        tiff.put(mark).put(mark).putShort((short) 42).putInt(8) // header, first IFD at 8
                .putShort((short) 1) // one entry
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0); // no next IFD
        return tiff.array();
    }

    private static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    private static byte[] riffChunk(String fourCc, byte[] data) {
        int padded = data.length + (data.length & 1);
        return ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN)
                .put(fourCc.getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data).array();
    }

    private static void putUint24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
