package dev.forge3d.api;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an input image, video or photo folder comes from. The engine materialises every kind into a
 * file in the job's working folder and checks its format and size limit before the job is queued.
 */
public sealed interface InputSource {

    /** A short name for messages and for the materialised file. */
    String displayName();

    /** A file or, for scans, a folder of photos. */
    record FromPath(Path path) implements InputSource {
        public FromPath {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String displayName() {
            return path.toString();
        }
    }

    /** Bytes already in memory; {@code name} may carry an extension hint. */
    record FromBytes(byte[] bytes, String name) implements InputSource {
        public FromBytes {
            Objects.requireNonNull(bytes, "bytes");
            name = name == null ? "bytes" : name;
        }

        @Override
        public String displayName() {
            return name;
        }
    }

    /** A stream, read once when the job is submitted; the caller closes it. */
    record FromStream(InputStream stream, String name) implements InputSource {
        public FromStream {
            Objects.requireNonNull(stream, "stream");
            name = name == null ? "stream" : name;
        }

        @Override
        public String displayName() {
            return name;
        }
    }

    /** An RFC 2397 data URI such as {@code data:image/png;base64,...}. */
    record FromDataUri(String uri) implements InputSource {
        public FromDataUri {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public String displayName() {
            int comma = uri.indexOf(',');
            return comma > 0 ? uri.substring(0, Math.min(comma, 40)) + ",..." : "data URI";
        }
    }

    static InputSource of(Path path) {
        return new FromPath(path);
    }

    static InputSource of(byte[] bytes) {
        return new FromBytes(bytes, null);
    }

    static InputSource of(InputStream stream) {
        return new FromStream(stream, null);
    }

    static InputSource ofDataUri(String uri) {
        return new FromDataUri(uri);
    }

    /** A command-line argument: a data URI when it starts with {@code data:}, else a path. */
    static InputSource parse(String argument) {
        Objects.requireNonNull(argument, "argument");
        return argument.startsWith("data:") ? new FromDataUri(argument) : new FromPath(Path.of(argument));
    }
}
