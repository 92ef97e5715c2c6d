package dev.forge3d.engine.io;

import java.io.File;
import java.nio.file.Path;

/**
 * The one rule by which Forge3D splits a file name into stem and extension, so that outputs,
 * temp files, previews and inputs all agree on what a name's extension is.
 * <ul>
 *   <li>The extension is the name's last dot and what follows it, in the case it is written:
 *       {@code a.b.GLB} is {@code a.b} and {@code .GLB}.</li>
 *   <li>A dot that starts the name marks a hidden file, not an extension: {@code .hidden} and
 *       {@code .png} are all stem.</li>
 *   <li>Only the file's own name counts: a dot in a folder ({@code x.y/z}) is no extension.</li>
 *   <li>Nothing is lost: stem and extension together are the name, so a trailing dot
 *       ({@code scene.}) is an extension of its own, {@code .}.</li>
 * </ul>
 */
public final class FileNames {
    private FileNames() {
    }

    /** The name without its extension: {@code chair} for {@code out/chair.obj}. */
    public static String stem(Path file) {
        return stem(nameOf(file));
    }

    /** {@link #stem(Path)} of a name; a path given as text keeps its folders. */
    public static String stem(String name) {
        return name.substring(0, extensionStart(name));
    }

    /** The extension with its dot, as written ({@code .OBJ}); empty when the name has none. */
    public static String extension(Path file) {
        return extension(nameOf(file));
    }

    /** {@link #extension(Path)} of a name, or of a path given as text. */
    public static String extension(String name) {
        return name.substring(extensionStart(name));
    }

    /**
     * The file beside {@code file} with {@code extension} (with its dot) in place of its own:
     * {@code chair.v2.glb} with {@code .obj} is {@code chair.v2.obj}, {@code chair} is {@code chair.obj}.
     */
    public static Path withExtension(Path file, String extension) {
        return file.resolveSibling(stem(file) + extension);
    }

    /** Where the extension starts: the last dot of the last name, unless it starts it; the end when none. */
    private static int extensionStart(String name) {
        int nameStart = Math.max(name.lastIndexOf('/'), name.lastIndexOf(File.separatorChar)) + 1;
        int dot = name.lastIndexOf('.');
        return dot > nameStart ? dot : name.length();
    }

    /** A root ({@code /}) has no name: it has no stem and no extension. */
    private static String nameOf(Path file) {
        Path name = file.getFileName();
        return name == null ? "" : name.toString();
    }
}
