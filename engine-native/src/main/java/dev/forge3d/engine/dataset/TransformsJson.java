package dev.forge3d.engine.dataset;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.io.AtomicFiles;
import dev.forge3d.engine.io.Json;
import org.joml.Matrix4d;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
     * Reads a transforms.json and checks that every frame's image exists.
     *
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} naming what is missing or malformed
     */
    public static PosedDataset read(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        Map<String, Object> json;
        try {
            json = Json.parseObject(Files.readString(file));
        } catch (IOException e) {
            throw unreadable(file + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw unreadable(file + ": not valid JSON: " + e.getMessage());
        }
        if (!(json.get("frames") instanceof List<?> frameList) || frameList.isEmpty()) {
            throw unreadable(file + ": the dataset has no frames");
        }
        List<CameraIntrinsics> cameras = new ArrayList<>();
        List<PosedFrame> frames = new ArrayList<>();
        for (Object item : frameList) {
            if (!(item instanceof Map<?, ?> entry)) {
                throw unreadable(file + ": a frame is not an object");
            }
            CameraIntrinsics camera = intrinsics(file, json, entry);
            int index = cameras.indexOf(camera);
            if (index < 0) {
                cameras.add(camera);
                index = cameras.size() - 1;
            }
            if (!(entry.get("file_path") instanceof String filePath)) {
                throw unreadable(file + ": a frame has no file_path");
            }
            Path image = folder.resolve(filePath);
            if (!Files.isRegularFile(image)) {
                throw unreadable(file + ": frame image " + filePath + " does not exist (looked for " + image + ")");
            }
            frames.add(PosedFrame.fromOpenGl(filePath, image, matrix(file, entry.get("transform_matrix")), index));
        }
        List<SparsePoint> points = List.of();
        if (json.get("ply_file_path") instanceof String pointsPath) {
            points = SparsePointsPly.read(folder.resolve(pointsPath));
        }
        return new PosedDataset(folder, cameras, frames, points);
    }

    /**
     * The factor the dataset's images were shrunk by from their source, as {@code forge3d poses}
     * records it; 1 for a folder without transforms.json, or one written by another tool.
     */
    public static int sourceDownscale(Path datasetFolder) {
        Path file = datasetFolder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return 1;
        }
        try {
            Object factor = Json.parseObject(Files.readString(file)).get(SOURCE_DOWNSCALE);
            return factor instanceof Number n && n.intValue() >= 1 ? n.intValue() : 1;
        } catch (IOException | IllegalArgumentException e) {
            return 1; // reading the dataset reports what is wrong with it
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
    private static CameraIntrinsics intrinsics(Path file, Map<String, Object> top, Map<?, ?> frame) {
        double w = number(file, "w", top, frame, Double.NaN);
        double h = number(file, "h", top, frame, Double.NaN);
        if (Double.isNaN(w) || Double.isNaN(h)) {
            throw unreadable(file + ": the image size (w, h) is missing");
        }
        double fx = number(file, "fl_x", top, frame, Double.NaN);
        if (Double.isNaN(fx)) {
            double angleX = number(file, "camera_angle_x", top, frame, Double.NaN);
            if (Double.isNaN(angleX)) {
                throw unreadable(file + ": the focal length (fl_x or camera_angle_x) is missing");
            }
            fx = 0.5 * w / Math.tan(0.5 * angleX);
        }
        double fy = number(file, "fl_y", top, frame, fx);
        try {
            return new CameraIntrinsics((int) w, (int) h, fx, fy, number(file, "cx", top, frame, w / 2),
                    number(file, "cy", top, frame, h / 2), number(file, "k1", top, frame, 0));
        } catch (IllegalArgumentException e) {
            throw unreadable(file + ": " + e.getMessage());
        }
    }

    private static double number(Path file, String key, Map<String, Object> top, Map<?, ?> frame, double absent) {
        Object value = frame.containsKey(key) ? frame.get(key) : top.get(key);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Number n)) {
            throw unreadable(file + ": " + key + " is not a number");
        }
        return n.doubleValue();
    }

    private static Matrix4d matrix(Path file, Object value) {
        double[] m = new double[16];
        if (!(value instanceof List<?> rows) || rows.size() < 3) {
            throw unreadable(file + ": a frame's transform_matrix is not a 4x4 (or 3x4) matrix");
        }
        for (int r = 0; r < 4; r++) {
            List<?> row = r < rows.size() ? (List<?>) rows.get(r) : List.of(0, 0, 0, 1);
            for (int c = 0; c < 4; c++) {
                if (!(row.get(c) instanceof Number n)) {
                    throw unreadable(file + ": transform_matrix holds a non-number");
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
        return new Forge3dException(ErrorCode.UNREADABLE_INPUT, message);
    }
}
