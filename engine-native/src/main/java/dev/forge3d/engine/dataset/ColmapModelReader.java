package dev.forge3d.engine.dataset;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.io.LittleEndianFile;
import org.joml.Matrix4d;
import org.joml.Quaterniond;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.forge3d.engine.dataset.DatasetChecks.unreadable;

/**
 * Reads a COLMAP sparse model (text {@code cameras.txt images.txt points3D.txt} or binary
 * {@code .bin}) from {@code sparse/0/} or {@code sparse/}, with the images in {@code images/}, into
 * a {@link PosedDataset}. COLMAP stores world-to-camera poses (OpenCV axes) and uses the same
 * pixel-centre convention as {@link CameraIntrinsics}. Frames are ordered by image name. Camera
 * models beyond one radial term keep their first radial coefficient only.
 *
 * <p>The files are read as they stream (a model of any size costs its cameras, images and
 * points, not its bytes), and what they declare is checked before it is used: a binary count
 * must fit in the bytes left, a text line must have its format's fields, poses and points must
 * be finite, and a camera must be within {@link DatasetChecks#MAX_CAMERA_PIXELS}.
 */
public final class ColmapModelReader {
    /** Smallest binary records: a camera with 3 parameters, an image with an empty name, a point, no track. */
    private static final int CAMERA_BYTES = 4 + 4 + 8 + 8 + 3 * 8, IMAGE_BYTES = 4 + 7 * 8 + 4 + 1 + 8,
            POINT_BYTES = 8 + 3 * 8 + 3 + 8 + 8;
    /** A 2D point of images.bin (x, y, point3D id) and a track element of points3D.bin (image id, point2D index). */
    private static final int POINT2D_BYTES = 8 + 8 + 8, TRACK_BYTES = 4 + 4;

    private ColmapModelReader() {
    }

    /**
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} naming the file (and line or
     *                          record) and what is wrong; {@link ErrorCode#INPUT_TOO_LARGE} for a
     *                          camera over the pixel limit
     */
    public static PosedDataset read(Path folder) {
        Path model = modelFolder(folder);
        boolean text = Files.isRegularFile(model.resolve("cameras.txt"));
        String extension = text ? ".txt" : ".bin";
        Map<Integer, CameraIntrinsics> cameras = parse(model.resolve("cameras" + extension),
                text ? ColmapModelReader::camerasText : ColmapModelReader::camerasBinary);
        List<ImageEntry> images = parse(model.resolve("images" + extension),
                text ? ColmapModelReader::imagesText : ColmapModelReader::imagesBinary);
        Path pointsFile = model.resolve("points3D" + extension);
        List<SparsePoint> points = !Files.isRegularFile(pointsFile) ? List.of()
                : parse(pointsFile, text ? ColmapModelReader::pointsText : ColmapModelReader::pointsBinary);
        if (images.isEmpty()) {
            throw unreadable(model + ": the COLMAP model has no images");
        }
        images.sort(Comparator.comparing(ImageEntry::name));
        List<CameraIntrinsics> cameraList = new ArrayList<>();
        Map<Integer, Integer> cameraIndex = new LinkedHashMap<>();
        List<PosedFrame> frames = new ArrayList<>();
        Path folderAbs = folder.toAbsolutePath();
        for (ImageEntry image : images) {
            CameraIntrinsics camera = cameras.get(image.camera());
            if (camera == null) {
                throw unreadable(image.where() + ": image " + image.name() + " refers to missing camera "
                        + Integer.toUnsignedString(image.camera()));
            }
            int index = cameraIndex.computeIfAbsent(image.camera(), id -> {
                cameraList.add(camera);
                return cameraList.size() - 1;
            });
            String filePath = "images/" + image.name();
            Path file = DatasetChecks.resolve(folderAbs, filePath, image.where() + ": image name");
            if (!Files.isRegularFile(file)) {
                throw unreadable(image.where() + ": image " + image.name() + " is not in "
                        + folderAbs.resolve("images"));
            }
            Matrix4d worldToCamera = new Matrix4d().translation(image.t()[0], image.t()[1], image.t()[2])
                    .rotate(new Quaterniond(image.q()[1], image.q()[2], image.q()[3], image.q()[0]).normalize());
            Matrix4d cameraToWorld = DatasetChecks.rigid(image.where() + ": image " + image.name(),
                    worldToCamera.invertAffine());
            frames.add(new PosedFrame(filePath, file, cameraToWorld, index));
        }
        return new PosedDataset(folderAbs, cameraList, frames, points);
    }

    private static Path modelFolder(Path folder) {
        for (Path candidate : List.of(folder.resolve("sparse/0"), folder.resolve("sparse"), folder)) {
            if (Files.isRegularFile(candidate.resolve("cameras.txt"))
                    || Files.isRegularFile(candidate.resolve("cameras.bin"))) {
                return candidate;
            }
        }
        throw unreadable(folder + ": no COLMAP model (cameras.txt or cameras.bin in sparse/0/ or sparse/)");
    }

    /** One image's pose; {@code where} names its file and line or record for messages. */
    private record ImageEntry(String name, double[] q, double[] t, int camera, String where) {
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(Path file) throws IOException;
    }

    private static <T> T parse(Path file, Parser<T> parser) {
        try {
            return parser.parse(file);
        } catch (IOException e) {
            throw unreadable(file + ": cannot read the COLMAP model file: " + e);
        }
    }

    /** COLMAP camera model ids (their index) and their parameter counts. */
    private static final List<String> MODELS = List.of("SIMPLE_PINHOLE", "PINHOLE", "SIMPLE_RADIAL", "RADIAL", "OPENCV",
            "OPENCV_FISHEYE", "FULL_OPENCV", "FOV", "SIMPLE_RADIAL_FISHEYE", "RADIAL_FISHEYE", "THIN_PRISM_FISHEYE");
    private static final int[] PARAMS = {3, 4, 4, 5, 8, 8, 12, 5, 4, 5, 12};

    /** @param where the file and line or camera, for messages */
    private static CameraIntrinsics camera(String where, String model, double width, double height, double[] p) {
        return switch (model) {
            case "SIMPLE_PINHOLE" -> DatasetChecks.camera(where, width, height, p[0], p[0], p[1], p[2], 0);
            case "PINHOLE" -> DatasetChecks.camera(where, width, height, p[0], p[1], p[2], p[3], 0);
            case "SIMPLE_RADIAL", "RADIAL" -> DatasetChecks.camera(where, width, height, p[0], p[0], p[1], p[2], p[3]);
            case "OPENCV", "FULL_OPENCV" -> DatasetChecks.camera(where, width, height, p[0], p[1], p[2], p[3], p[4]);
            default -> throw unreadable(where + ": COLMAP camera model " + model
                    + " is not supported (pinhole or radial only)");
        };
    }

    /** The rotation must normalise to one (not zero, not overflowing) and the translation be finite. */
    private static void checkPose(String where, double[] q, double[] t) {
        double norm2 = q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3];
        if (!(norm2 > 0) || !Double.isFinite(norm2)) {
            throw unreadable(where + ": the rotation quaternion " + Arrays.toString(q)
                    + " is zero or not finite");
        }
        if (!Double.isFinite(t[0]) || !Double.isFinite(t[1]) || !Double.isFinite(t[2])) {
            throw unreadable(where + ": the translation " + Arrays.toString(t) + " is not finite");
        }
    }

    private static boolean finite(double x, double y, double z) {
        return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z);
    }

    // ---- text ----

    /** The data lines of a text model file (comment lines skipped), numbered for messages. */
    private static final class TextLines implements Closeable {
        private final Path file;
        private final BufferedReader in;
        private int number;

        TextLines(Path file) throws IOException {
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
    }

    /** A line's whitespace-separated fields; {@code where} is the file and line number. */
    private record Line(String where, String[] fields) {
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

    private static Map<Integer, CameraIntrinsics> camerasText(Path file) throws IOException {
        Map<Integer, CameraIntrinsics> cameras = new LinkedHashMap<>();
        try (TextLines lines = new TextLines(file)) {
            for (Line line = lines.next(); line != null; line = lines.next()) {
                if (line.size() == 0) {
                    continue;
                }
                line.expect(line.size() >= 4, "CAMERA_ID MODEL WIDTH HEIGHT PARAMS[]");
                int id = line.uint32(0, "camera id");
                String model = line.fields()[1];
                int modelId = MODELS.indexOf(model);
                if (modelId < 0) {
                    throw line.error("unknown COLMAP camera model " + model);
                }
                line.expect(line.size() == 4 + PARAMS[modelId], "CAMERA_ID " + model + " WIDTH HEIGHT and "
                        + PARAMS[modelId] + " parameters");
                double[] p = new double[PARAMS[modelId]];
                for (int k = 0; k < p.length; k++) {
                    p[k] = line.finite(4 + k, "parameter " + (k + 1));
                }
                cameras.put(id, camera(line.where() + ": camera " + Integer.toUnsignedString(id), model, line.integer(2, "width"),
                        line.integer(3, "height"), p));
            }
        }
        return cameras;
    }

    /** Two lines per image: the pose, then its 2D points (X Y POINT3D_ID triples, possibly none). */
    private static List<ImageEntry> imagesText(Path file) throws IOException {
        List<ImageEntry> images = new ArrayList<>();
        try (TextLines lines = new TextLines(file)) {
            for (Line line = lines.next(); line != null; line = lines.next()) {
                if (line.size() == 0) {
                    continue;
                }
                line.expect(line.size() == 10, "IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME");
                line.uint32(0, "image id");
                double[] q = new double[4];
                for (int k = 0; k < 4; k++) {
                    q[k] = line.finite(1 + k, "quaternion component " + "wxyz".charAt(k));
                }
                double[] t = {line.finite(5, "tx"), line.finite(6, "ty"), line.finite(7, "tz")};
                String name = line.fields()[9];
                checkPose(line.where() + ": image " + name, q, t);
                images.add(new ImageEntry(name, q, t, line.uint32(8, "camera id"), line.where()));
                // A pose line (10 fields) read as the points line means a file without points lines:
                // pairing on would drop every other image.
                Line points = lines.next();
                if (points != null) {
                    points.expect(points.size() % 3 == 0, "the 2D points of image " + name
                            + " (X Y POINT3D_ID triples) on the line after its pose");
                }
            }
        }
        return images;
    }

    private static List<SparsePoint> pointsText(Path file) throws IOException {
        List<SparsePoint> points = new ArrayList<>();
        try (TextLines lines = new TextLines(file)) {
            for (Line line = lines.next(); line != null; line = lines.next()) {
                if (line.size() == 0) {
                    continue;
                }
                line.expect(line.size() >= 8 && line.size() % 2 == 0,
                        "POINT3D_ID X Y Z R G B ERROR and (IMAGE_ID POINT2D_IDX) pairs");
                line.integer(0, "point id");
                double x = line.finite(1, "x"), y = line.finite(2, "y"), z = line.finite(3, "z");
                int[] rgb = new int[3];
                for (int k = 0; k < 3; k++) {
                    rgb[k] = line.int32(4 + k, "colour " + "RGB".charAt(k));
                    if (rgb[k] < 0 || rgb[k] > 255) {
                        throw line.error("colour " + "RGB".charAt(k) + " " + rgb[k] + " is outside 0-255");
                    }
                }
                line.number(7, "error");
                points.add(new SparsePoint(x, y, z, rgb[0], rgb[1], rgb[2]));
            }
        }
        return points;
    }

    // ---- binary ----

    private static Map<Integer, CameraIntrinsics> camerasBinary(Path file) throws IOException {
        Map<Integer, CameraIntrinsics> cameras = new LinkedHashMap<>();
        try (LittleEndianFile in = new LittleEndianFile(file)) {
            for (long i = in.count("cameras", CAMERA_BYTES); i > 0; i--) {
                long at = in.position();
                int id = in.i32();
                int model = in.i32();
                String where = file + ": camera " + Integer.toUnsignedString(id) + " at byte " + at;
                if (model < 0 || model >= MODELS.size()) {
                    throw unreadable(where + ": unknown camera model id " + model);
                }
                // uint64 sizes: one past 2^63 reads as a negative long and is refused as not positive.
                long width = in.i64();
                long height = in.i64();
                double[] p = new double[PARAMS[model]];
                for (int k = 0; k < p.length; k++) {
                    p[k] = in.f64();
                    if (!Double.isFinite(p[k])) {
                        throw unreadable(where + ": parameter " + (k + 1) + " is " + p[k]);
                    }
                }
                cameras.put(id, camera(where, MODELS.get(model), width, height, p));
            }
        }
        return cameras;
    }

    private static List<ImageEntry> imagesBinary(Path file) throws IOException {
        List<ImageEntry> images = new ArrayList<>();
        try (LittleEndianFile in = new LittleEndianFile(file)) {
            for (long i = in.count("images", IMAGE_BYTES); i > 0; i--) {
                long at = in.position();
                int id = in.i32();
                double[] q = {in.f64(), in.f64(), in.f64(), in.f64()};
                double[] t = {in.f64(), in.f64(), in.f64()};
                int camera = in.i32();
                String name = in.cString();
                String where = file + ": image " + Integer.toUnsignedString(id) + " at byte " + at;
                checkPose(where + " (" + name + ")", q, t);
                in.skip(in.count("2D points of image " + name, POINT2D_BYTES) * POINT2D_BYTES);
                images.add(new ImageEntry(name, q, t, camera, where));
            }
        }
        return images;
    }

    private static List<SparsePoint> pointsBinary(Path file) throws IOException {
        List<SparsePoint> points = new ArrayList<>();
        try (LittleEndianFile in = new LittleEndianFile(file)) {
            for (long i = in.count("points", POINT_BYTES); i > 0; i--) {
                long id = in.i64();
                double x = in.f64(), y = in.f64(), z = in.f64();
                int r = in.u8(), g = in.u8(), b = in.u8();
                in.f64(); // reprojection error
                in.skip(in.count("track elements of point " + id, TRACK_BYTES) * TRACK_BYTES);
                if (!finite(x, y, z)) {
                    throw unreadable(file + ": point " + id + " at " + x + " " + y + " " + z + " is not finite");
                }
                points.add(new SparsePoint(x, y, z, r, g, b));
            }
        }
        return points;
    }
}
