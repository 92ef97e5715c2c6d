package dev.forge3d.api;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Mesh output formats; the wire name is also the file extension. */
public enum OutputFormat implements WireNamed {
    GLB, OBJ, FBX, USDZ, MP4;

    /** The format whose extension {@code file}'s name ends in, in any case; empty for another name. */
    public static Optional<OutputFormat> namedBy(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> name.endsWith("." + format.wireName())).findFirst();
    }
}
