package dev.forge3d.engine.input;

import dev.forge3d.engine.io.FileNames;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The input formats Forge3D accepts, told apart by their leading bytes, not their names. */
public enum MediaKind {
    JPEG(true, "jpg", "jpeg"),
    PNG(true, "png"),
    WEBP(true, "webp"),
    MP4(false, "mp4", "m4v"),
    MOV(false, "mov");

    private final boolean image;
    private final String extension;
    private final Set<String> extensions;

    MediaKind(boolean image, String extension, String... otherExtensions) {
        this.image = image;
        this.extension = extension;
        this.extensions = Set.copyOf(Stream.concat(Stream.of(extension), Arrays.stream(otherExtensions)).toList());
    }

    public boolean isImage() {
        return image;
    }

    public boolean isVideo() {
        return !image;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /**
     * The kind a file name's extension claims, in any case, if it is one of ours. A hidden file
     * such as {@code .png} has no extension ({@link FileNames}), so it claims nothing.
     */
    public static Optional<MediaKind> fromExtension(String fileName) {
        if (!hasExtension(fileName)) {
            return Optional.empty();
        }
        String extension = FileNames.extension(fileName).substring(1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.extensions.contains(extension)).findFirst();
    }

    /** Whether a file name has an extension with something after its dot: {@code scene.} has none. */
    public static boolean hasExtension(String fileName) {
        return FileNames.extension(fileName).length() > 1;
    }

    /**
     * The kind the leading bytes show: PNG and JPEG signatures, RIFF/WEBP, and ISO base media
     * ({@code ftyp}, with brand {@code qt  } for QuickTime).
     */
    public static Optional<MediaKind> sniff(byte[] head) {
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        if (startsWith(head, 4, 'f', 't', 'y', 'p')) {
            return Optional.of(startsWith(head, 8, 'q', 't', ' ', ' ') ? MOV : MP4);
        }
        for (String atom : new String[] {"moov", "mdat", "wide", "free", "skip"}) {
            if (startsWith(head, 4, atom.charAt(0), atom.charAt(1), atom.charAt(2), atom.charAt(3))) {
                return Optional.of(MOV); // QuickTime files may start without an ftyp box
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, int offset, int... expected) {
        if (data.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((data[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
