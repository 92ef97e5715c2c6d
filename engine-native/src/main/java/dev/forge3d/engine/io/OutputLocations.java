package dev.forge3d.engine.io;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Checks, before a job is queued, that its outputs can go where they were asked to: a mistake
 * in the path then costs nothing, instead of failing after the whole run. Missing folders are
 * not made here; the job makes them when it puts its outputs in place.
 */
public final class OutputLocations {
    private OutputLocations() {
    }

    /**
     * A file output: not an existing folder (which would be replaced, contents and all), in a
     * folder that exists or can be made, and that can be written.
     *
     * @throws Forge3dException {@code invalid_param} naming the path and what is wrong with it
     */
    public static Path requireFile(Path output) {
        if (Files.isDirectory(output)) {
            throw invalid(output + " is a folder; give the output file's name, for example "
                    + output.resolve("out" + FileNames.extension(output)));
        }
        requireWritableFolderFor(output);
        return output;
    }

    /**
     * Every file a job writes, its main outputs and the companions written beside them (an OBJ's
     * MTL, textures, a preview): each as {@link #requireFile}, none of them one of the job's input
     * files, and none in one of its photo folders.
     *
     * @param inputFiles   the files the job reads; an output that is one of them would replace it
     * @param inputFolders the photo folders the job reads every photo of; an output in one would be
     *                     read as a photo by the next job given that folder
     * @throws Forge3dException {@code invalid_param} naming the output and what is wrong with it
     */
    public static void requireFiles(Collection<Path> outputs, Collection<Path> inputFiles,
                                    Collection<Path> inputFolders) {
        for (Path output : outputs) {
            requireFile(output);
            for (Path input : inputFiles) {
                if (sameFile(output, input)) {
                    throw invalid(output + " is the input " + input + ", which the job would replace; "
                            + "give the output another name or folder");
                }
            }
            Path folder = output.toAbsolutePath().getParent();
            for (Path inputFolder : inputFolders) {
                // Only the folder itself: its photos are listed without descending, so a sub-folder is safe.
                if (sameFile(folder, inputFolder)) {
                    throw invalid(output + " is in the input folder " + inputFolder + ", where the next job "
                            + "given that folder would read it as an input; write the outputs to another folder");
                }
            }
        }
    }

    /**
     * Whether two paths are one file or folder, through links and however they are spelt. A path
     * that does not exist is no input, which all exist.
     */
    private static boolean sameFile(Path a, Path b) {
        if (!Files.exists(a) || !Files.exists(b)) {
            return false;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /**
     * A folder output, which the job replaces whole: not an existing file, in a folder that exists
     * or can be made, and that can be written; none of the job's inputs, nor holding one; and, when
     * it exists and holds anything, an earlier output of the same kind, so that a mistyped
     * {@code -o} does not replace a folder of the user's with everything in it.
     *
     * @param inputs        the files and folders the job reads
     * @param earlierOutput whether a folder is an earlier output of this kind, for example one that
     *                      holds a {@code transforms.json}
     * @param kind          what the output is, for the message: {@code "poses output"}
     * @throws Forge3dException {@code invalid_param} naming the path and what is wrong with it
     */
    public static Path requireFolder(Path output, Collection<Path> inputs, Predicate<Path> earlierOutput,
                                     String kind) {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw invalid(output + " is a file; the output is a folder");
        }
        requireWritableFolderFor(output);
        if (!Files.isDirectory(output)) {
            return output;
        }
        for (Path input : inputs) {
            if (holds(output, input)) {
                throw invalid(output + " holds the input " + input + ", which replacing the folder would delete; "
                        + "give the output another folder");
            }
        }
        if (!isEmpty(output) && !earlierOutput.test(output)) {
            throw invalid(output + " holds files and is not an earlier " + kind + ", which would all be deleted"
                    + " when the job replaces the folder; give a new or empty folder");
        }
        return output;
    }

    /**
     * Whether {@code path} is the existing {@code folder} or lies somewhere inside it, through links
     * and however spelt.
     */
    private static boolean holds(Path folder, Path path) {
        try {
            return Files.exists(path) && path.toRealPath().startsWith(folder.toRealPath());
        } catch (IOException e) {
            return path.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize());
        }
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw invalid(folder + " cannot be listed: " + e.getMessage());
        }
    }

    /** The nearest folder of the output that exists must be a folder the job can write in. */
    private static void requireWritableFolderFor(Path output) {
        Path existing = output.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw invalid(output + " has no folder to be written in");
        }
        if (!Files.isDirectory(existing)) {
            throw invalid(output + ": " + existing + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw invalid(output + ": the folder " + existing + " cannot be written");
        }
    }

    private static Forge3dException invalid(String message) {
        return new Forge3dException(ErrorCode.INVALID_PARAM, "invalid output: " + message);
    }
}
