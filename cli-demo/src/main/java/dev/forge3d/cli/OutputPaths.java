package dev.forge3d.cli;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.nio.file.Path;
import java.util.Locale;

/** Checks on output paths given on the command line. */
final class OutputPaths {
    private OutputPaths() {
    }

    static Path requireExtension(Path output, String extension) {
        String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith("." + extension)) {
            throw new Forge3dException(ErrorCode.VALIDATION_ERROR,
                    "output " + output + " must be a ." + extension + " file");
        }
        return output;
    }
}
