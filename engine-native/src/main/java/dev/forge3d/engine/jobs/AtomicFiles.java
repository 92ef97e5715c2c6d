package dev.forge3d.engine.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/** Writes that either happen whole or not at all: a temp sibling first, then one rename. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code destination} through a temp file in the same folder. */
    public static void write(Path destination, byte[] bytes) throws IOException {
        Path temp = tempSibling(destination);
        try {
            Files.write(temp, bytes);
            rename(temp, destination);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Moves a finished file or folder to {@code destination}. It is first copied next to the
     * destination when it lives on another file system, so the final step is always one rename.
     */
    public static void publish(Path finished, Path destination) throws IOException {
        Path temp = tempSibling(destination);
        try {
            try {
                Files.move(finished, temp, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                copyTree(finished, temp);
                deleteTree(finished);
            }
            if (Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
                Path old = tempSibling(destination);
                Files.move(destination, old, StandardCopyOption.ATOMIC_MOVE);
                rename(temp, destination);
                deleteTree(old);
            } else {
                rename(temp, destination);
            }
        } finally {
            deleteTree(temp);
        }
    }

    private static Path tempSibling(Path destination) throws IOException {
        Path absolute = destination.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        return absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + UUID.randomUUID());
    }

    private static void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        try (var paths = Files.walk(from)) {
            paths.forEach(source -> {
                try {
                    Files.copy(source, to.resolve(from.relativize(source).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Deletes a file or a folder with everything in it; a missing path is fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
