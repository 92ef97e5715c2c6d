package dev.forge3d.engine.dataset;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.io.AtomicFiles;
import dev.forge3d.engine.io.LittleEndianFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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

    /**
     * Reads a file written by {@link #write}; other layouts are refused with a clear error. The
     * header's count is checked against the file's size before the body streams in, and every
     * point must be finite.
     */
    public static List<SparsePoint> read(Path file) {
        try (LittleEndianFile in = new LittleEndianFile(file)) {
            long size = in.size();
            String head = new String(in.bytes((int) Math.min(size, 512)), StandardCharsets.US_ASCII);
            int end = head.indexOf("end_header\n");
            String header = end < 0 ? "" : head.substring(0, end);
            int count;
            try {
                count = Integer.parseInt(header.replaceAll("(?s).*element vertex (\\d+).*", "$1"));
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (end < 0 || count < 0 || !header.equals(String.format(HEADER, count).replace("end_header\n", ""))) {
                throw unreadable(file + ": not a sparse point PLY (binary x y z float, red green blue uchar)");
            }
            long bodyStart = end + "end_header\n".length();
            if (size - bodyStart != (long) count * RECORD_BYTES) {
                throw unreadable(file + ": truncated or padded: " + count + " points need "
                        + (long) count * RECORD_BYTES + " bytes after the header, the file has " + (size - bodyStart));
            }
            in.seek(bodyStart);
            // Grown as points are read, not sized by the header's count.
            List<SparsePoint> points = new ArrayList<>(Math.min(count, 4096));
            for (int i = 0; i < count; i++) {
                float x = in.f32(), y = in.f32(), z = in.f32();
                if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
                    // The splat initialisation's neighbour grid spans the points: one NaN makes it one cell.
                    throw unreadable(file + ": point " + (i + 1) + " at " + x + " " + y + " " + z + " is not finite");
                }
                points.add(new SparsePoint(x, y, z, in.u8(), in.u8(), in.u8()));
            }
            return points;
        } catch (IOException e) {
            throw unreadable(file + ": cannot read the sparse points: " + e);
        }
    }

    private static Forge3dException unreadable(String message) {
        return new Forge3dException(ErrorCode.UNREADABLE_INPUT, message);
    }
}
