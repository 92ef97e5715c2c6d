package dev.forge3d.engine.input;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An image's width and height read from its header, without decoding it: a few kilobytes of PNG,
 * JPEG or WebP can declare gigapixels (a decompression bomb), so the pixel count is checked
 * before the decoder allocates anything.
 */
public record ImageDimensions(int width, int height) {

    public long pixels() {
        return (long) width * height;
    }

    /**
     * The dimensions the header of an image of the given kind declares, or empty when the header is
     * truncated or malformed (the decoder then reports the file as unreadable).
     */
    public static Optional<ImageDimensions> read(InputStream in, MediaKind kind) throws IOException {
        return switch (kind) {
            case PNG -> png(in.readNBytes(24));
            case JPEG -> jpeg(in);
            case WEBP -> webp(in.readNBytes(30));
            case MP4, MOV -> throw new IllegalArgumentException(kind + " is not an image");
        };
    }

    /** The IHDR chunk, which PNG requires first: width and height big-endian at bytes 16 and 20. */
    private static Optional<ImageDimensions> png(byte[] head) {
        if (head.length < 24 || !(head[12] == 'I' && head[13] == 'H' && head[14] == 'D' && head[15] == 'R')) {
            return Optional.empty();
        }
        return of(bigEndian(head, 16, 4), bigEndian(head, 20, 4));
    }

    /**
     * The first start-of-frame segment (SOF0-SOF15 less DHT, JPG and DAC): segments before it
     * (EXIF, ICC profiles, tables) are skipped by their lengths. A scan starting first means a
     * malformed file.
     */
    private static Optional<ImageDimensions> jpeg(InputStream in) throws IOException {
        if (in.read() != 0xFF || in.read() != 0xD8) {
            return Optional.empty();
        }
        while (true) {
            int marker = in.read();
            if (marker != 0xFF) {
                return Optional.empty();
            }
            while (marker == 0xFF) { // fill bytes
                marker = in.read();
            }
            if (marker < 0 || marker == 0xD9 || marker == 0xDA) {
                return Optional.empty();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers carry no length
            }
            byte[] length = in.readNBytes(2);
            if (length.length < 2) {
                return Optional.empty();
            }
            int payload = bigEndian(length, 0, 2) - 2;
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                    && marker != 0xCC;
            if (startOfFrame) {
                byte[] frame = in.readNBytes(5); // precision, height, width
                return frame.length < 5 ? Optional.empty() : of(bigEndian(frame, 3, 2), bigEndian(frame, 1, 2));
            }
            if (payload < 0) {
                return Optional.empty();
            }
            try {
                in.skipNBytes(payload);
            } catch (EOFException truncated) {
                return Optional.empty();
            }
        }
    }

    /** The first chunk after RIFF/WEBP: lossy (VP8), lossless (VP8L) or extended (VP8X, canvas size). */
    private static Optional<ImageDimensions> webp(byte[] head) {
        if (head.length < 30) {
            return Optional.empty();
        }
        String chunk = new String(head, 12, 4, StandardCharsets.ISO_8859_1);
        return switch (chunk) {
            case "VP8 " -> of(littleEndian(head, 26, 2) & 0x3FFF, littleEndian(head, 28, 2) & 0x3FFF);
            case "VP8L" -> {
                if ((head[20] & 0xFF) != 0x2F) {
                    yield Optional.empty();
                }
                int bits = littleEndian(head, 21, 4);
                yield of((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
            }
            case "VP8X" -> of(littleEndian(head, 24, 3) + 1, littleEndian(head, 27, 3) + 1);
            default -> Optional.empty();
        };
    }

    private static Optional<ImageDimensions> of(long width, long height) {
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new ImageDimensions((int) width, (int) height));
    }

    private static int bigEndian(byte[] b, int at, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = value << 8 | (b[at + i] & 0xFF);
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    private static int littleEndian(byte[] b, int at, int count) {
        int value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = value << 8 | (b[at + i] & 0xFF);
        }
        return value;
    }
}
