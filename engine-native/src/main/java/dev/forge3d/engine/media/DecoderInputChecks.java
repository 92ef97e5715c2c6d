package dev.forge3d.engine.media;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.input.ImageDimensions;
import dev.forge3d.engine.input.MediaKind;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks on an image's bytes before OpenCV 4.11 decodes them, for two inputs its decoders handle
 * badly: a declared size over its limits, on which {@code imdecode} throws a bare exception from
 * its own assertion instead of returning no image, and a PNG chunk declaring more bytes than the
 * file holds, whose declared length its PNG reader allocates and fills with zeros before reading
 * (gigabytes, from a file of a few hundred bytes).
 */
public final class DecoderInputChecks {
    /** OpenCV's defaults for {@code OPENCV_IO_MAX_IMAGE_WIDTH} and {@code _HEIGHT}. */
    static final int MAX_SIDE = 1 << 20;
    /** OpenCV's default for {@code OPENCV_IO_MAX_IMAGE_PIXELS}. */
    static final long MAX_PIXELS = 1L << 30;

    private DecoderInputChecks() {
    }

    /**
     * @throws Forge3dException {@link ErrorCode#INPUT_TOO_LARGE} for a header declaring more pixels
     *                          than OpenCV decodes, {@link ErrorCode#UNREADABLE_INPUT} for a PNG
     *                          chunk running past the end of the file
     */
    static void check(byte[] image, MediaKind kind, String name) {
        declaredSize(image, kind).ifPresent(d -> requireDecodable(name, d));
        if (kind == MediaKind.PNG) {
            checkPngChunkLengths(image, name);
        }
    }

    /**
     * Refuses a size OpenCV's decoder does not take: more than {@link #MAX_SIDE} on a side or
     * {@link #MAX_PIXELS} in all. Submit asks it of every header, so that such an input is refused
     * before a job starts rather than by the decoder inside it.
     *
     * @throws Forge3dException {@link ErrorCode#INPUT_TOO_LARGE} naming {@code name}
     */
    public static void requireDecodable(String name, ImageDimensions d) {
        if (d.width() > MAX_SIDE || d.height() > MAX_SIDE || d.pixels() > MAX_PIXELS) {
            throw new Forge3dException(ErrorCode.INPUT_TOO_LARGE, String.format(Locale.ROOT,
                    "%s: the header declares %d x %d pixels, over what the decoder takes (%d on a side, %,d"
                            + " in all)", name, d.width(), d.height(), MAX_SIDE, MAX_PIXELS));
        }
    }

    private static Optional<ImageDimensions> declaredSize(byte[] image, MediaKind kind) {
        try {
            return ImageDimensions.read(new ByteArrayInputStream(image), kind);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array", e);
        }
    }

    /**
     * Each chunk's length, type, data and CRC must fit in the file, up to IEND. OpenCV decodes no
     * PNG cut short, so refusing one here changes only the message.
     */
    private static void checkPngChunkLengths(byte[] png, String name) {
        ByteBuffer in = ByteBuffer.wrap(png);
        for (long at = 8; at + 8 <= png.length; ) {
            long length = Integer.toUnsignedLong(in.getInt((int) at));
            String type = new String(png, (int) at + 4, 4, StandardCharsets.ISO_8859_1);
            long room = png.length - at - 12;
            if (length > room) {
                throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, String.format(Locale.ROOT,
                        "%s: PNG chunk %s at byte %d declares %d bytes of data, more than the %d the file holds after"
                                + " it; the file is damaged or cut short", name, printable(type), at, length,
                        Math.max(0, room)));
            }
            if (type.equals("IEND")) {
                return;
            }
            at += 12 + length;
        }
    }

    /** A chunk type as text when it is letters, as PNG's are; damaged ones in hex. */
    private static String printable(String type) {
        return type.chars().allMatch(Character::isLetter) ? "'" + type + "'"
                : "0x" + HexFormat.of().formatHex(type.getBytes(StandardCharsets.ISO_8859_1));
    }
}
