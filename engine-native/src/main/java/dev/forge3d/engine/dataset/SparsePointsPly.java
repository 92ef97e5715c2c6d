package dev.forge3d.engine.dataset;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.io.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sparse point cloud beside transforms.json ({@code ply_file_path}, as nerfstudio names it):
 * binary little-endian PLY with float {@code x y z} and uchar {@code red green blue}.
 */
public final class SparsePointsPly {
    private static final String HEADER = "ply\nformat binary_little_endian 1.0\nelement vertex %d\n"
            + "property float x\nproperty float y\nproperty float z\n"
            + "property uchar red\nproperty uchar green\nproperty uchar blue\nend_header\n";
    private static final int RECORD_BYTES = 3 * 4 + 3;

    private SparsePointsPly() {
    }

    public static void write(List<SparsePoint> points, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(String.format(HEADER, points.size()).getBytes(StandardCharsets.US_ASCII));
        ByteBuffer body = ByteBuffer.allocate(points.size() * RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (SparsePoint p : points) {
            body.putFloat((float) p.x()).putFloat((float) p.y()).putFloat((float) p.z());
            body.put((byte) p.red()).put((byte) p.green()).put((byte) p.blue());
        }
        out.writeBytes(body.array());
        AtomicFiles.write(file, out.toByteArray());
    }

    /** Reads a file written by {@link #write}; other layouts are refused with a clear error. */
    public static List<SparsePoint> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, file + ": cannot read the sparse points: " + e.getMessage());
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.US_ASCII);
        int end = head.indexOf("end_header\n");
        int count;
        try {
            count = end < 0 ? -1 : Integer.parseInt(head.replaceAll("(?s).*element vertex (\\d+).*", "$1"));
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 0 || !head.substring(0, end).equals(String.format(HEADER, count).replace("end_header\n", ""))) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT,
                    file + ": not a sparse point PLY (binary x y z float, red green blue uchar)");
        }
        int bodyStart = end + "end_header\n".length();
        if (bytes.length - bodyStart != (long) count * RECORD_BYTES) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, file + ": truncated: expected " + count + " points");
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, bodyStart, count * RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        List<SparsePoint> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(new SparsePoint(body.getFloat(), body.getFloat(), body.getFloat(),
                    body.get() & 0xFF, body.get() & 0xFF, body.get() & 0xFF));
        }
        return points;
    }
}
