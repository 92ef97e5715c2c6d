package dev.forge3d.engine.input;

import java.nio.file.Path;
import java.util.List;

/**
 * An input that passed the format and size checks, as files on disk.
 *
 * @param files one file, or the photos of a folder in name order
 * @param kind  the format of the file, or of the first photo for a folder
 * @param folder whether the input was a folder of photos
 */
public record ResolvedInput(List<Path> files, MediaKind kind, boolean folder) {
    public ResolvedInput {
        files = List.copyOf(files);
    }

    public Path file() {
        return files.getFirst();
    }
}
