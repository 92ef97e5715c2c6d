package dev.forge3d.engine.io;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.SplatArrays;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The 3D Gaussian Splatting PLY, exactly as the reference implementation writes it: binary
 * little-endian, one {@code vertex} element with 62 float properties in the order
 * {@code x y z nx ny nz f_dc_0..2 f_rest_0..44 opacity scale_0..2 rot_0..3}. Values are stored
 * before activation (logit opacity, log scale, unnormalised quaternion w x y z); {@code f_rest}
 * is channel-major (the 15 red coefficients first); normals are zero. The colour of the DC term
 * is {@code rgb = 0.5 + 0.28209479177387814 * f_dc}.
 */
public final class GaussianPly {
    /** The property names, in file order. */
    public static final List<String> PROPERTIES = properties();
    private static final int FLOATS = 62;
    private static final int RECORD_BYTES = FLOATS * Float.BYTES;
    private static final int REST = 15;
    /** Where nx ny nz sit in a record: written as zeros, never read. */
    private static final int NORMALS = 3;
    /** The most Gaussians {@link SplatArrays} can hold: 45 f_rest floats each in one array. */
    public static final int MAX_GAUSSIANS = (Integer.MAX_VALUE - 8) / (3 * REST);
    /** The header must end within this many bytes. */
    private static final int HEADER_LIMIT = 64 * 1024;

    private GaussianPly() {
    }

    private static List<String> properties() {
        List<String> names = new ArrayList<>(List.of("x", "y", "z", "nx", "ny", "nz", "f_dc_0", "f_dc_1", "f_dc_2"));
        for (int i = 0; i < 3 * REST; i++) {
            names.add("f_rest_" + i);
        }
        names.addAll(List.of("opacity", "scale_0", "scale_1", "scale_2", "rot_0", "rot_1", "rot_2", "rot_3"));
        return List.copyOf(names);
    }

    static String header(int count) {
        StringBuilder header = new StringBuilder("ply\nformat binary_little_endian 1.0\nelement vertex ")
                .append(count).append('\n');
        for (String name : PROPERTIES) {
            header.append("property float ").append(name).append('\n');
        }
        return header.append("end_header\n").toString();
    }

    /** Writes the Gaussians atomically. */
    public static void write(SplatArrays g, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(g.count()).getBytes(StandardCharsets.US_ASCII));
        ByteBuffer body = ByteBuffer.allocate(g.count() * FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < g.count(); i++) {
            body.putFloat(g.means()[3 * i]).putFloat(g.means()[3 * i + 1]).putFloat(g.means()[3 * i + 2]);
            body.putFloat(0f).putFloat(0f).putFloat(0f);
            body.putFloat(g.shDc()[3 * i]).putFloat(g.shDc()[3 * i + 1]).putFloat(g.shDc()[3 * i + 2]);
            for (int ch = 0; ch < 3; ch++) {
                for (int k = 0; k < REST; k++) {
                    body.putFloat(g.shRest()[45 * i + 3 * k + ch]);
                }
            }
            body.putFloat(g.opacityLogits()[i]);
            body.putFloat(g.logScales()[3 * i]).putFloat(g.logScales()[3 * i + 1]).putFloat(g.logScales()[3 * i + 2]);
            for (int k = 0; k < 4; k++) {
                body.putFloat(g.rotations()[4 * i + k]);
            }
        }
        out.writeBytes(body.array());
        AtomicFiles.write(file, out.toByteArray());
    }

    /**
     * Reads a 3DGS PLY. The header is read first and the body's size checked against its vertex
     * count before anything is sized by that count; the body then streams into the arrays.
     *
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} when the file cannot be read, is
     *                          not binary little-endian, lacks a property, has them in another
     *                          order, is truncated, or holds a NaN or infinite value; the message
     *                          says which.
     *                          {@link ErrorCode#INPUT_TOO_LARGE} past {@link #MAX_GAUSSIANS}
     */
    public static SplatArrays read(Path file) {
        try (LittleEndianFile in = new LittleEndianFile(file)) {
            int count = header(file, in.bytes((int) Math.min(in.size(), HEADER_LIMIT)), in.size());
            SplatArrays g = SplatArrays.allocate(count);
            in.seek(in.size() - (long) count * RECORD_BYTES);
            float[] record = new float[FLOATS];
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < FLOATS; k++) {
                    record[k] = in.f32();
                }
                requireFinite(file, i, record);
                unpack(record, i, g);
            }
            return g;
        } catch (IOException e) {
            throw unreadable(file + ": cannot read: " + e);
        }
    }

    /**
     * Refuses a record holding NaN or an infinity in a value that is used: such a Gaussian would
     * render NaN pixels (a NaN opacity or colour passes projection), and no trainer writes one on
     * purpose. The normals are skipped, as they are on reading.
     */
    private static void requireFinite(Path file, int index, float[] record) {
        for (int k = 0; k < FLOATS; k++) {
            if (!Float.isFinite(record[k]) && !(k >= NORMALS && k < NORMALS + 3)) {
                throw unreadable(file + ": Gaussian " + index + " has " + PROPERTIES.get(k) + " = " + record[k]
                        + "; every value must be finite");
            }
        }
    }

    /** Scatters one file record (the 3DGS property order) into Gaussian {@code i} of {@code g}. */
    private static void unpack(float[] record, int i, SplatArrays g) {
        System.arraycopy(record, 0, g.means(), 3 * i, 3);
        System.arraycopy(record, 6, g.shDc(), 3 * i, 3);
        for (int ch = 0; ch < 3; ch++) {
            for (int k = 0; k < REST; k++) {
                g.shRest()[45 * i + 3 * k + ch] = record[9 + REST * ch + k];
            }
        }
        g.opacityLogits()[i] = record[54];
        System.arraycopy(record, 55, g.logScales(), 3 * i, 3);
        System.arraycopy(record, 58, g.rotations(), 4 * i, 4);
    }

    /** Checks the header in {@code head} (the file's first bytes) against the 3DGS layout; the vertex count. */
    private static int header(Path file, byte[] head, long size) {
        int end = indexOf(head, "end_header\n".getBytes(StandardCharsets.US_ASCII));
        if (head.length < 4 || !new String(head, 0, 4, StandardCharsets.US_ASCII).equals("ply\n") || end < 0) {
            throw unreadable(file + ": not a PLY file (no 'ply' magic or no end_header in its first "
                    + HEADER_LIMIT / 1024 + " KiB)");
        }
        String[] lines = new String(head, 0, end, StandardCharsets.US_ASCII).split("\n");
        long count = -1;
        List<String> names = new ArrayList<>();
        boolean littleEndian = false;
        for (String raw : lines) {
            String line = raw.strip();
            String[] words = line.split("\\s+");
            switch (words[0]) {
                case "format" -> littleEndian = words.length >= 2 && words[1].equals("binary_little_endian");
                case "element" -> {
                    if (count >= 0 || words.length != 3 || !words[1].equals("vertex")) {
                        throw unreadable(file + ": expected one 'element vertex N', found '" + line + "'");
                    }
                    count = parseCount(file, words[2]);
                }
                case "property" -> {
                    if (words.length != 3 || !(words[1].equals("float") || words[1].equals("float32"))) {
                        throw unreadable(file + ": property '" + line + "' is not a float property of the 3DGS layout");
                    }
                    names.add(words[2]);
                }
                default -> {
                    // ply, comment, obj_info
                }
            }
        }
        if (!littleEndian) {
            throw unreadable(file + ": only 'format binary_little_endian 1.0' is supported");
        }
        if (count < 0) {
            throw unreadable(file + ": no 'element vertex' line");
        }
        for (int k = 0; k < PROPERTIES.size(); k++) {
            if (k >= names.size()) {
                throw unreadable(file + ": missing property '" + PROPERTIES.get(k) + "' (position " + k
                        + " of the 3DGS layout); the file has " + names.size() + " properties");
            }
            if (!names.get(k).equals(PROPERTIES.get(k))) {
                String why = names.contains(PROPERTIES.get(k)) ? "properties are out of order" : "property missing";
                throw unreadable(file + ": " + why + ": expected '" + PROPERTIES.get(k) + "' at position " + k
                        + ", found '" + names.get(k) + "'");
            }
        }
        if (names.size() != PROPERTIES.size()) {
            throw unreadable(file + ": unexpected extra property '" + names.get(PROPERTIES.size()) + "'");
        }
        long bodyStart = end + "end_header\n".length();
        // No overflow: parseCount keeps count * RECORD_BYTES within a long.
        long expected = count * RECORD_BYTES;
        if (size - bodyStart != expected) {
            throw unreadable(file + ": the body holds " + (size - bodyStart) + " bytes; " + count
                    + " Gaussians need " + expected);
        }
        if (count > MAX_GAUSSIANS) {
            throw new Forge3dException(ErrorCode.INPUT_TOO_LARGE, file + ": " + count + " Gaussians; at most "
                    + MAX_GAUSSIANS + " can be loaded (" + 3 * REST + " SH floats each in one Java array)");
        }
        return (int) count;
    }

    private static long parseCount(Path file, String text) {
        try {
            long count = Long.parseLong(text);
            if (count < 0 || count > Long.MAX_VALUE / RECORD_BYTES) {
                throw unreadable(file + ": vertex count out of range: " + text);
            }
            return count;
        } catch (NumberFormatException e) {
            throw unreadable(file + ": vertex count is not a number: " + text);
        }
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        int limit = bytes.length - pattern.length;
        outer:
        for (int i = 0; i <= limit; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (bytes[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Forge3dException unreadable(String message) {
        return new Forge3dException(ErrorCode.UNREADABLE_INPUT, message);
    }
}
