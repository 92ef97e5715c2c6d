package dev.forge3d.engine.synthetic;

import dev.forge3d.engine.io.AtomicFiles;
import dev.forge3d.engine.io.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contents of {@code ground_truth.json}: everything needed to check a reconstruction of a
 * generated data set. Paths are relative to the data set folder, with forward slashes.
 *
 * @param scene         the analytic scene (re-renderable; inside tests via
 *                      {@link SyntheticScene#objectContains})
 * @param intrinsics    the camera of every frame
 * @param frames        per frame: label, image and mask paths, camera-to-world pose
 * @param rig           how the cameras were placed ({@link CameraRig#description()})
 * @param supersampling the anti-aliasing grid edge used
 * @param video         the MP4, or null when none was written
 * @param mesh          the OBJ of the object's surface, or null when none was written
 */
public record GroundTruth(SyntheticScene scene, PinholeIntrinsics intrinsics, List<FrameTruth> frames,
                          Map<String, Object> rig, int supersampling, Video video, String mesh) {
    /** The file name inside a data set folder. */
    public static final String FILE_NAME = "ground_truth.json";
    public static final String FORMAT = "forge3d-synthetic-ground-truth";
    public static final int VERSION = 1;
    public static final String POSE_CONVENTION =
            "camera_to_world 4x4 row-major, OpenCV camera axes (x right, y down, z forward); "
                    + "camera_to_world_opengl is the same pose with y up, z backward (nerfstudio)";
    public static final String PIXEL_CONVENTION =
            "image origin at the top-left corner of the top-left pixel; pixel (i, j) centre at (i + 0.5, j + 0.5); "
                    + "u = fx * x / z + cx, v = fy * y / z + cy";

    public GroundTruth {
        frames = List.copyOf(frames);
        rig = new LinkedHashMap<>(rig);
    }

    /** One frame. */
    public record FrameTruth(int index, String label, String image, String mask, CameraPose pose) {
    }

    /** The video: its path, encoder, frame rate and frame count (one per frame, in order). */
    public record Video(String path, String encoder, double fps, int frameCount) {
    }

    public List<CameraPose> poses() {
        List<CameraPose> poses = new ArrayList<>(frames.size());
        for (FrameTruth f : frames) {
            poses.add(f.pose());
        }
        return poses;
    }

    /** The frame with this label ("frame_00012", "front"...). */
    public FrameTruth frame(String label) {
        for (FrameTruth f : frames) {
            if (f.label().equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no frame labelled " + label);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("version", VERSION);
        json.put("seed", JsonValues.seedValue(scene.seed()));
        json.put("units", "metres");
        json.put("world_up", List.of(0.0, 1.0, 0.0));
        json.put("pose_convention", POSE_CONVENTION);
        json.put("pixel_convention", PIXEL_CONVENTION);
        json.put("width", intrinsics.width());
        json.put("height", intrinsics.height());
        json.put("intrinsics", intrinsics.toJson());
        json.put("supersampling", supersampling);
        json.put("rig", rig);
        if (video != null) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("path", video.path());
            v.put("encoder", video.encoder());
            v.put("fps", video.fps());
            v.put("frame_count", video.frameCount());
            json.put("video", v);
        } else {
            json.put("video", null);
        }
        json.put("mesh", mesh);
        json.put("scene", scene.toJson());
        List<Object> list = new ArrayList<>();
        for (FrameTruth f : frames) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("index", f.index());
            frame.put("label", f.label());
            frame.put("image", f.image());
            frame.put("mask", f.mask());
            frame.put("camera_to_world", CameraPose.jsonRows(f.pose().cameraToWorld()));
            frame.put("camera_to_world_opengl", CameraPose.jsonRows(f.pose().cameraToWorldOpenGl()));
            list.add(frame);
        }
        json.put("frames", list);
        return json;
    }

    @SuppressWarnings("unchecked")
    public static GroundTruth fromJson(Map<String, Object> json) {
        if (!FORMAT.equals(json.get("format"))) {
            throw new IllegalArgumentException("not a " + FORMAT + " file");
        }
        List<FrameTruth> frames = new ArrayList<>();
        for (Object o : (List<Object>) json.get("frames")) {
            Map<String, Object> f = (Map<String, Object>) o;
            frames.add(new FrameTruth((int) JsonValues.number(f.get("index")), (String) f.get("label"),
                    (String) f.get("image"), (String) f.get("mask"),
                    CameraPose.ofRows(JsonValues.matrix4(f.get("camera_to_world")))));
        }
        Map<String, Object> v = (Map<String, Object>) json.get("video");
        Video video = v == null ? null : new Video((String) v.get("path"), (String) v.get("encoder"),
                JsonValues.number(v.get("fps")), (int) JsonValues.number(v.get("frame_count")));
        return new GroundTruth(SyntheticScene.fromJson((Map<String, Object>) json.get("scene")),
                PinholeIntrinsics.fromJson((Map<String, Object>) json.get("intrinsics")), frames,
                (Map<String, Object>) json.get("rig"), (int) JsonValues.number(json.get("supersampling")), video,
                (String) json.get("mesh"));
    }

    /** Reads a ground-truth file, or {@link #FILE_NAME} inside a folder. */
    public static GroundTruth read(Path fileOrFolder) throws IOException {
        Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve(FILE_NAME) : fileOrFolder;
        return fromJson(Json.parseObject(Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** Writes the file atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, Json.write(toJson()));
    }
}
