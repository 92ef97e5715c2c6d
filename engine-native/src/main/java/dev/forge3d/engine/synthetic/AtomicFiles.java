package dev.forge3d.engine.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Write-to-temporary-then-rename, so readers never see half-written files. */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * A temporary path in the same folder that keeps the extension (FFmpeg and image writers
     * look at it): {@code orbit.mp4} becomes {@code .orbit.tmp.mp4}.
     */
    static Path temporarySibling(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String tmp = dot > 0 ? "." + name.substring(0, dot) + ".tmp" + name.substring(dot) : "." + name + ".tmp";
        return file.resolveSibling(tmp);
    }

    static void moveIntoPlace(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void writeString(Path file, String text) throws IOException {
        Path tmp = temporarySibling(file);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        moveIntoPlace(tmp, file);
    }
}
