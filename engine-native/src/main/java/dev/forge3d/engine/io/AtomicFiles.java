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
     * disk or a missing permission shows; only when all are there are they renamed into place,
     * each existing destination renamed aside first. If a step fails, the temp copies are deleted,
     * the outputs this call put in place are removed and what they replaced is renamed back, so a
     * failure leaves every destination as it was; what was replaced is deleted only once the whole
     * group is in place.
     */
    public static void publishAll(Map<Path, Path> finishedToDestination) throws IOException {
        Map<Path, Path> tempToDestination = new LinkedHashMap<>();
        List<Placement> placements = new ArrayList<>();
        try {
            for (Map.Entry<Path, Path> move : finishedToDestination.entrySet()) {
                Path temp = temporarySibling(move.getValue());
                tempToDestination.put(temp, move.getValue());
                moveBeside(move.getKey(), temp);
            }
            for (Map.Entry<Path, Path> move : tempToDestination.entrySet()) {
                placements.add(place(move.getKey(), move.getValue()));
            }
        } catch (IOException | RuntimeException e) {
            for (Placement placement : placements.reversed()) {
                placement.undo(e);
            }
            throw e;
        } finally {
            for (Path temp : tempToDestination.keySet()) {
                deleteTree(temp);
            }
        }
        for (Placement placement : placements) {
            placement.dropReplaced();
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
     * One output renamed into place, and what was at its destination before, renamed aside (null
     * when there was nothing): kept until the whole group is placed, so that a failure can put it back.
     */
    private record Placement(Path destination, Path replaced) {
        /** Removes the new output and renames the replaced one back; what fails is added to {@code cause}. */
        void undo(Exception cause) {
            try {
                deleteTree(destination);
                if (replaced != null) {
                    Files.move(replaced, destination, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }

        /** Deletes the replaced output, once the whole group is in place. */
        void dropReplaced() {
            if (replaced != null) {
                try {
                    deleteTree(replaced);
                } catch (IOException e) {
                    // Left as a hidden sibling: failing here would fail a publish whose outputs are all in place.
                }
            }
        }
    }

    /**
     * Renames {@code temp} to {@code destination}, renaming what is there aside first; renames it
     * back if the new one cannot take its place. Only a folder replaces a folder, and only a file a
     * file: a file never takes the place of a folder, contents and all.
     */
    private static Placement place(Path temp, Path destination) throws IOException {
        if (!Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            moveIntoPlace(temp, destination);
            return new Placement(destination, null);
        }
        boolean folderThere = Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS);
        if (folderThere != Files.isDirectory(temp, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(destination.toString(), null,
                    folderThere ? "a folder is where the file should go" : "a file is where the folder should go");
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
        return new Placement(destination, old);
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
