package dev.forge3d.engine.dataset;

import dev.forge3d.api.Forge3dException;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.forge3d.engine.dataset.DatasetChecks.unreadable;

/** The data lines of a COLMAP text model file (comment lines skipped), numbered for messages. */
final class ColmapTextLines implements Closeable {
    private final Path file;
    private final BufferedReader in;
    private int number;

    ColmapTextLines(Path file) throws IOException {
        this.file = file;
        // Malformed UTF-8 is replaced: a name it spoils then names the image that is not found.
        this.in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }

    /** The next line that is not a comment, or null at the end. */
    Line next() throws IOException {
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            number++;
            if (!text.startsWith("#")) {
                String stripped = text.strip();
                String[] fields = stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
                return new Line(file + " line " + number, fields);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A line's whitespace-separated fields; {@code where} is the file and line number. */
    record Line(String where, String[] fields) {
        int size() {
            return fields.length;
        }

        Forge3dException error(String what) {
            return unreadable(where + ": " + what);
        }

        /** Checks the field count; {@code format} is the line's format in COLMAP's own words. */
        void expect(boolean ok, String format) {
            if (!ok) {
                // Echo the start of the line only: a 2D points line can hold thousands of fields.
                String start = String.join(" ", Arrays.copyOf(fields, Math.min(fields.length, 12)));
                throw error("expected " + format + ", found " + fields.length + " fields: " + start
                        + (fields.length > 12 ? " ..." : ""));
            }
        }

        long integer(int k, String name) {
            try {
                return Long.parseLong(fields[k]);
            } catch (NumberFormatException e) {
                throw error(name + " '" + fields[k] + "' is not an integer");
            }
        }

        int int32(int k, String name) {
            long value = integer(k, name);
            if (value != (int) value) {
                throw error(name + " " + value + " is out of range");
            }
            return (int) value;
        }

        /** A COLMAP id (uint32), as the int with its bits, as the binary reader reads it. */
        int uint32(int k, String name) {
            long value = integer(k, name);
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw error(name + " " + value + " is out of range (0 to 2^32 - 1)");
            }
            return (int) value;
        }

        double number(int k, String name) {
            try {
                return Double.parseDouble(fields[k]);
            } catch (NumberFormatException e) {
                throw error(name + " '" + fields[k] + "' is not a number");
            }
        }

        double finite(int k, String name) {
            double value = number(k, name);
            if (!Double.isFinite(value)) {
                throw error(name + " is " + fields[k] + ", not a finite number");
            }
            return value;
        }
    }
}
