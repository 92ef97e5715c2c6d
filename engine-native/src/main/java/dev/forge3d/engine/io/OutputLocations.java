package dev.forge3d.engine.io;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.nio.file.Files;
import java.nio.file.Path;

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
     * A folder output, which the job replaces whole: not an existing file, in a folder that exists
     * or can be made, and that can be written.
     *
     * @throws Forge3dException {@code invalid_param} naming the path and what is wrong with it
     */
    public static Path requireFolder(Path output) {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw invalid(output + " is a file; the output is a folder");
        }
        requireWritableFolderFor(output);
        return output;
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
