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

    /**
     * Bytes already in memory; {@code name} may carry an extension hint. The array is held, not
     * copied (a video may be hundreds of megabytes): the engine reads it when the request is
     * submitted or estimated, so change it only after that. For the same reason equality is the
     * array's identity, as for {@link FromStream}'s stream.
     */
    record FromBytes(byte[] bytes, String name) implements InputSource {
        public FromBytes {
            Objects.requireNonNull(bytes, "bytes");
            name = name == null ? "bytes" : name;
        }

        @Override
        public String displayName() {
            return name;
        }

        /** The name and the size, not the array's identity hash, which says nothing in a log. */
        @Override
        public String toString() {
            return "FromBytes[name=" + name + ", " + bytes.length + " bytes]";
        }
    }

    /**
     * A stream, consumed by the first {@link Engine#submit} or {@link Engine#estimate} it is given
     * to: a request holding one can be submitted or estimated once, not both (estimate from a
     * {@link FromPath} or {@link FromBytes} instead). The caller closes it.
     */
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

        /** The media type and the length: the payload can be megabytes of base64, too much for a log line. */
        @Override
        public String toString() {
            return "FromDataUri[" + displayName() + " " + uri.length() + " chars]";
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
