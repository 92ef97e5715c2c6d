package dev.forge3d.engine.media;

import dev.forge3d.engine.input.MediaKind;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The EXIF orientation of a PNG ({@code eXIf} chunk) or a WebP ({@code EXIF} chunk), and the turn
 * that makes its pixels upright. OpenCV applies a JPEG's itself, but not when it is asked to keep
 * the alpha channel, which is how PNG and WebP are decoded.
 */
final class ExifOrientation {
    /** No turn: the pixels are stored upright. */
    static final int UPRIGHT = 1;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int SHORT = 3;
    /** Far above an orientation-bearing EXIF block; a larger one is not read, and is taken as upright. */
    private static final int MAX_EXIF_BYTES = 1 << 20;

    private ExifOrientation() {
    }

    /**
     * The orientation tag, 1 to 8, of a PNG or WebP file's bytes; {@link #UPRIGHT} when the file has
     * none, has a malformed one, or is of another kind. Only chunk headers are read until the EXIF block.
     */
    static int read(byte[] file, MediaKind kind) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file))) {
            byte[] exif = switch (kind) {
                case PNG -> pngExif(in);
                case WEBP -> webpExif(in);
                default -> null;
            };
            return exif == null ? UPRIGHT : orientation(exif);
        } catch (IOException e) {
            return UPRIGHT; // the decoder reports a truncated file itself
        }
    }

    /** Turns {@code image} in place so that it shows as the orientation tag says (OpenCV's JPEG rule). */
    static void makeUpright(Mat image, int orientation) {
        if (orientation >= 5 && orientation <= 8) {
            opencv_core.transpose(image, image);
        }
        switch (orientation) {
            case 2, 6 -> opencv_core.flip(image, image, 1);
            case 3, 7 -> opencv_core.flip(image, image, -1);
            case 4, 8 -> opencv_core.flip(image, image, 0);
            default -> {
                // 1 and 5 need no flip; other values are not orientations and are ignored
            }
        }
    }

    /** PNG: chunks of big-endian length, type, data and CRC after the 8-byte signature, up to IDAT. */
    private static byte[] pngExif(DataInputStream in) throws IOException {
        in.skipNBytes(8);
        while (true) {
            long length = Integer.toUnsignedLong(in.readInt());
            String type = fourCc(in);
            if (type.equals("eXIf")) {
                return length <= MAX_EXIF_BYTES ? in.readNBytes((int) length) : null;
            }
            if (type.equals("IEND")) {
                return null;
            }
            in.skipNBytes(length + 4);
        }
    }

    /** WebP: a RIFF container of little-endian-sized chunks, each padded to an even length. */
    private static byte[] webpExif(DataInputStream in) throws IOException {
        in.skipNBytes(12); // RIFF, size, WEBP
        while (true) {
            String type;
            try {
                type = fourCc(in);
            } catch (EOFException end) {
                return null;
            }
            long size = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            if (type.equals("EXIF")) {
                return size <= MAX_EXIF_BYTES ? in.readNBytes((int) size) : null;
            }
            in.skipNBytes(size + (size & 1));
        }
    }

    private static String fourCc(InputStream in) throws IOException {
        byte[] type = in.readNBytes(4);
        if (type.length < 4) {
            throw new EOFException();
        }
        return new String(type, StandardCharsets.ISO_8859_1);
    }

    /** The orientation in a TIFF block's first IFD; some writers put JPEG's "Exif\0\0" before it. */
    private static int orientation(byte[] exif) {
        int start = exif.length >= 6 && new String(exif, 0, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0") ? 6 : 0;
        if (exif.length - start < 8) {
            return UPRIGHT;
        }
        ByteBuffer tiff = ByteBuffer.wrap(exif, start, exif.length - start).slice();
        if (exif[start] == 'I' && exif[start + 1] == 'I') {
            tiff.order(ByteOrder.LITTLE_ENDIAN);
        } else if (exif[start] != 'M' || exif[start + 1] != 'M') {
            return UPRIGHT;
        }
        long ifd = Integer.toUnsignedLong(tiff.getInt(4));
        if (tiff.getShort(2) != 42 || ifd > tiff.limit() - 2) {
            return UPRIGHT;
        }
        int entries = Short.toUnsignedInt(tiff.getShort((int) ifd));
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > tiff.limit()) {
                return UPRIGHT;
            }
            if (Short.toUnsignedInt(tiff.getShort(entry)) == ORIENTATION_TAG) {
                int value = Short.toUnsignedInt(tiff.getShort(entry + 8));
                boolean valid = tiff.getShort(entry + 2) == SHORT && value >= 1 && value <= 8;
                return valid ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }
}
