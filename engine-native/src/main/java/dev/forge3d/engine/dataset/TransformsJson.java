package dev.forge3d.engine.dataset;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.io.AtomicFiles;
import dev.forge3d.engine.io.Json;
import org.joml.Matrix4d;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * transforms.json in the instant-ngp / nerfstudio convention: OpenGL camera-to-world
 * {@code transform_matrix} per frame, intrinsics {@code fl_x fl_y cx cy k1 w h} at the top level
 * (or per frame when the cameras differ), {@code frames[].file_path} relative to the file's
 * folder, and the sparse points in the PLY named by {@code ply_file_path}.
 */
public final class TransformsJson {
    public static final String FILE_NAME = "transforms.json";
    public static final String POINTS_FILE_NAME = "sparse_pc.ply";
    /** The key of the factor by which the images are smaller than the video or photos they came from. */
    public static final String SOURCE_DOWNSCALE = "forge3d_source_downscale";
    /** Far above the 4 that {@code poses} writes at most; a larger recorded factor is a damaged file. */
    private static final int MAX_SOURCE_DOWNSCALE = 64;
    /** The largest transforms.json read (it is read whole): about 200,000 frames. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private TransformsJson() {
    }

    /** Writes {@code transforms.json} (and the points PLY when there are points) into the dataset folder. */
    public static Path write(PosedDataset dataset) throws IOException {
        return write(dataset, 1);
    }

    /**
     * {@link #write(PosedDataset)}, recording under {@value #SOURCE_DOWNSCALE} that the images are
     * the source's shrunk by {@code sourceDownscale} (other readers ignore the key).
     */
    public static Path write(PosedDataset dataset, int sourceDownscale) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("camera_model", "OPENCV");
        if (sourceDownscale != 1) {
            json.put(SOURCE_DOWNSCALE, sourceDownscale);
        }
        boolean shared = dataset.cameras().size() == 1;
        if (shared) {
            putIntrinsics(json, dataset.cameras().getFirst());
        }
        List<Object> frames = new ArrayList<>();
        for (PosedFrame frame : dataset.frames()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file_path", frame.filePath());
            entry.put("transform_matrix", rows(frame.cameraToWorldOpenGl()));
            if (!shared) {
                putIntrinsics(entry, dataset.camera(frame));
            }
            frames.add(entry);
        }
        json.put("frames", frames);
        if (!dataset.points().isEmpty()) {
            SparsePointsPly.write(dataset.points(), dataset.folder().resolve(POINTS_FILE_NAME));
            json.put("ply_file_path", POINTS_FILE_NAME);
        }
        Path file = dataset.folder().resolve(FILE_NAME);
        AtomicFiles.writeString(file, Json.write(json));
        return file;
    }

    /**
     * A transforms.json as read: the dataset, and the factor its images were shrunk by from the
     * video or photos they came from ({@value #SOURCE_DOWNSCALE}; 1 where it is not recorded, as
     * in files other tools write).
     */
    public record Contents(PosedDataset dataset, int sourceDownscale) {
    }

    /** {@link #read(Path, long)} within the default engine's {@link EngineConfig#DEFAULT_MAX_IMAGE_PIXELS}. */
    public static PosedDataset read(Path file) {
        return read(file, EngineConfig.DEFAULT_MAX_IMAGE_PIXELS);
    }

    /**
     * Reads a transforms.json and checks that every frame's image exists.
     *
     * @param maxImagePixels the engine's {@link EngineConfig#maxImagePixels()}: the most pixels a
     *                       camera may have
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} naming what is missing or
     *                          malformed; {@link ErrorCode#INPUT_TOO_LARGE} for a file over
     *                          {@link #MAX_FILE_BYTES}, or naming the file, frame and size for a
     *                          camera over {@code maxImagePixels}
     */
    public static PosedDataset read(Path file, long maxImagePixels) {
        return readContents(file, maxImagePixels).dataset();
    }

    /** {@link #read(Path, long)}, with the source downscale the file records. */
    public static Contents readContents(Path file, long maxImagePixels) {
        Path folder = file.toAbsolutePath().getParent();
        Map<String, Object> json = parse(file);
        if (!(json.get("frames") instanceof List<?> frameList) || frameList.isEmpty()) {
            throw unreadable(file + ": the dataset has no frames");
        }
        List<CameraIntrinsics> cameras = new ArrayList<>();
        Map<CameraIntrinsics, Integer> cameraIndex = new HashMap<>();
        List<PosedFrame> frames = new ArrayList<>();
        for (int i = 0; i < frameList.size(); i++) {
            String where = file + ": frame " + i;
            if (!(frameList.get(i) instanceof Map<?, ?> entry)) {
                throw unreadable(where + " is not an object");
            }
            CameraIntrinsics camera = intrinsics(where, maxImagePixels, json, entry);
            int index = cameraIndex.computeIfAbsent(camera, c -> {
                cameras.add(c);
                return cameras.size() - 1;
            });
            if (!(entry.get("file_path") instanceof String filePath)) {
                throw unreadable(where + " has no file_path");
            }
            Path image = DatasetChecks.resolve(folder, filePath, where + ": file_path");
            if (!Files.isRegularFile(image)) {
                throw unreadable(where + ": frame image " + filePath + " does not exist (looked for " + image + ")");
            }
            Matrix4d cameraToWorld = DatasetChecks.rigid(where + ": transform_matrix",
                    matrix(where, entry.get("transform_matrix")));
            frames.add(PosedFrame.fromOpenGl(filePath, image, cameraToWorld, index));
        }
        List<SparsePoint> points = List.of();
        Object named = json.get("ply_file_path");
        // A path of another type would drop the points without a word; null is nerfstudio's "none".
        if (named != null && !(named instanceof String)) {
            throw unreadable(file + ": ply_file_path is " + named + ", not a path");
        }
        if (named instanceof String pointsPath) {
            Path pointsFile = DatasetChecks.resolve(folder, pointsPath, file + ": ply_file_path");
            // Checked here, as a frame's image is: the PLY reader would name only the file that is not there.
            if (!Files.isRegularFile(pointsFile)) {
                throw unreadable(file + ": ply_file_path " + pointsPath + " does not exist (looked for " + pointsFile
                        + ")");
            }
            points = SparsePointsPly.read(pointsFile);
        }
        return new Contents(new PosedDataset(folder, cameras, frames, points), sourceDownscale(file, json));
    }

    /** The recorded factor: a whole number from 1 to {@value #MAX_SOURCE_DOWNSCALE}, 1 where none is recorded. */
    private static int sourceDownscale(Path file, Map<String, Object> json) {
        Object factor = json.getOrDefault(SOURCE_DOWNSCALE, 1);
        if (factor instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 1
                && n.doubleValue() <= MAX_SOURCE_DOWNSCALE) {
            return n.intValue();
        }
        throw unreadable(file + ": " + SOURCE_DOWNSCALE + " is " + factor + "; it records by how much the frames were "
                + "shrunk from their source, a whole number from 1 to " + MAX_SOURCE_DOWNSCALE);
    }

    /** The file's JSON object; its size is checked first, as it is read into one string. */
    private static Map<String, Object> parse(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new Forge3dException(ErrorCode.INPUT_TOO_LARGE, file + ": " + size + " bytes; a transforms.json "
                        + "may have at most " + MAX_FILE_BYTES);
            }
            return Json.parseObject(Files.readString(file));
        } catch (IOException e) {
            throw unreadable(file + ": cannot read: " + e);
        } catch (IllegalArgumentException e) {
            throw unreadable(file + ": not valid JSON: " + e.getMessage());
        }
    }

    private static void putIntrinsics(Map<String, Object> json, CameraIntrinsics camera) {
        json.put("fl_x", camera.fx());
        json.put("fl_y", camera.fy());
        json.put("cx", camera.cx());
        json.put("cy", camera.cy());
        json.put("k1", camera.k1());
        json.put("k2", 0.0);
        json.put("p1", 0.0);
        json.put("p2", 0.0);
        json.put("w", camera.width());
        json.put("h", camera.height());
    }

    /** A frame's intrinsics: its own keys first, then the file's top-level keys. */
    private static CameraIntrinsics intrinsics(String where, long maxImagePixels, Map<String, Object> top,
                                               Map<?, ?> frame) {
        double w = number(where, "w", top, frame, Double.NaN);
        double h = number(where, "h", top, frame, Double.NaN);
        if (Double.isNaN(w) || Double.isNaN(h)) {
            throw unreadable(where + ": the image size (w, h) is missing");
        }
        double fx = number(where, "fl_x", top, frame, Double.NaN);
        if (Double.isNaN(fx)) {
            double angleX = number(where, "camera_angle_x", top, frame, Double.NaN);
            if (Double.isNaN(angleX)) {
                throw unreadable(where + ": the focal length (fl_x or camera_angle_x) is missing");
            }
            fx = 0.5 * w / Math.tan(0.5 * angleX);
        }
        double fy = number(where, "fl_y", top, frame, fx);
        return DatasetChecks.camera(where, maxImagePixels, w, h, fx, fy, number(where, "cx", top, frame, w / 2),
                number(where, "cy", top, frame, h / 2), number(where, "k1", top, frame, 0));
    }

    private static double number(String where, String key, Map<String, Object> top, Map<?, ?> frame, double absent) {
        Object value = frame.containsKey(key) ? frame.get(key) : top.get(key);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Number n)) {
            throw unreadable(where + ": " + key + " is not a number");
        }
        return n.doubleValue();
    }

    /** A 4x4 or 3x4 (bottom row 0 0 0 1 implied) list of rows of numbers. */
    private static Matrix4d matrix(String where, Object value) {
        double[] m = new double[16];
        if (!(value instanceof List<?> rows) || rows.size() < 3 || rows.size() > 4) {
            throw unreadable(where + ": transform_matrix is not a 4x4 (or 3x4) matrix");
        }
        for (int r = 0; r < 4; r++) {
            Object row = r < rows.size() ? rows.get(r) : List.of(0, 0, 0, 1);
            if (!(row instanceof List<?> cells) || cells.size() != 4) {
                throw unreadable(where + ": transform_matrix row " + r + " is not a row of 4 numbers");
            }
            for (int c = 0; c < 4; c++) {
                if (!(cells.get(c) instanceof Number n)) {
                    throw unreadable(where + ": transform_matrix holds a non-number");
                }
                m[c * 4 + r] = n.doubleValue(); // JOML takes column-major arrays
            }
        }
        return new Matrix4d().set(m);
    }

    private static List<List<Double>> rows(Matrix4d m) {
        List<List<Double>> rows = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            rows.add(List.of(m.get(0, r), m.get(1, r), m.get(2, r), m.get(3, r)));
        }
        return rows;
    }

    private static Forge3dException unreadable(String message) {
        return DatasetChecks.unreadable(message);
    }
}
