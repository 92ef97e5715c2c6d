package dev.forge3d.engine.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes that either happen whole or not at all: a temp sibling first, then one rename. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code destination} through a temp file in the same folder. */
    public static void write(Path destination, byte[] bytes) throws IOException {
        Path temp = temporarySibling(destination);
        try {
            Files.write(temp, bytes);
            moveIntoPlace(temp, destination);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes UTF-8 text to {@code destination} through a temp file in the same folder. */
    public static void writeString(Path destination, String text) throws IOException {
        write(destination, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Moves a finished file or folder to {@code destination}. It is first copied next to the
     * destination when it lives on another file system, so the final step is always one rename.
     */
    public static void publish(Path finished, Path destination) throws IOException {
        publishAll(Map.of(finished, destination));
    }

    /**
     * Moves finished files or folders to their destinations (finished to destination, in order)
     * as one group. Each is first moved or copied beside its destination, which is where a full
     * disk or a missing permission shows; only when all are there are they renamed into place.
     * If a step fails, the temp copies are deleted and the outputs this call already put in place
     * are removed, so a failure leaves none of the group behind.
     */
    public static void publishAll(Map<Path, Path> finishedToDestination) throws IOException {
        Map<Path, Path> tempToDestination = new LinkedHashMap<>();
        List<Path> placed = new ArrayList<>();
        try {
            for (Map.Entry<Path, Path> move : finishedToDestination.entrySet()) {
                Path temp = temporarySibling(move.getValue());
                tempToDestination.put(temp, move.getValue());
                moveBeside(move.getKey(), temp);
            }
            for (Map.Entry<Path, Path> move : tempToDestination.entrySet()) {
                replace(move.getKey(), move.getValue());
                placed.add(move.getValue());
            }
        } catch (IOException | RuntimeException e) {
            for (Path destination : placed) {
                deleteQuietly(destination, e);
            }
            throw e;
        } finally {
            for (Path temp : tempToDestination.keySet()) {
                deleteTree(temp);
            }
        }
    }

    private static void moveBeside(Path finished, Path temp) throws IOException {
        try {
            Files.move(finished, temp, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            copyTree(finished, temp);
            deleteTree(finished);
        }
    }

    /**
     * Renames {@code temp} over {@code destination}. A folder cannot be renamed over, so one there
     * is first renamed aside, and renamed back if the new one cannot take its place. Only a folder
     * replaces a folder: a file never takes the place of one, contents and all.
     */
    private static void replace(Path temp, Path destination) throws IOException {
        if (!Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
            moveIntoPlace(temp, destination);
            return;
        }
        if (!Files.isDirectory(temp, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(destination.toString(), null, "a folder is where the file should go");
        }
        Path old = temporarySibling(destination);
        Files.move(destination, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            moveIntoPlace(temp, destination);
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(old, destination, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        deleteTree(old);
    }

    private static void deleteQuietly(Path path, Exception cause) {
        try {
            deleteTree(path);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * A fresh hidden path beside {@code destination} that keeps its extension, because FFmpeg and
     * image writers choose the format by it: {@code orbit.mp4} gets {@code .orbit.tmp-<uuid>.mp4}.
     * Creates the parent folder.
     */
    public static Path temporarySibling(Path destination) throws IOException {
        Path absolute = destination.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        return absolute.resolveSibling("." + FileNames.stem(absolute) + ".tmp-" + UUID.randomUUID()
                + FileNames.extension(absolute));
    }

    /** Renames a finished temp file over {@code destination} in one step. */
    public static void moveIntoPlace(Path temp, Path destination) throws IOException {
        Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
