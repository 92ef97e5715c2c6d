package dev.forge3d.cli;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Checks on output paths given on the command line. */
final class OutputPaths {
    private OutputPaths() {
    }

    /** {@code output}, when its name ends in one of {@code extensions} (no dot); otherwise a validation error. */
    static Path requireExtension(Path output, String... extensions) {
        String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Arrays.stream(extensions).noneMatch(extension -> name.endsWith("." + extension))) {
            String allowed = extensions.length == 1 ? "a ." + extensions[0] + " file"
                    : "a file ending in " + Arrays.stream(extensions).map(e -> "." + e).collect(Collectors.joining(", "));
            throw new Forge3dException(ErrorCode.VALIDATION_ERROR, "output " + output + " must be " + allowed);
        }
        return output;
    }
}
