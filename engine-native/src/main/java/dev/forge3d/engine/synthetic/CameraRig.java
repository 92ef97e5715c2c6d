package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;
import dev.forge3d.api.View;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cameras of a generated data set with a label per camera and a description of how they
 * were placed.
 *
 * @param poses       camera-to-world poses (OpenCV axes), one per frame
 * @param labels      one per pose: "frame_00000"... for orbits, "front", "right"... for views
 * @param description JSON-ready parameters (kind, target, radius, elevation...)
 */
public record CameraRig(List<CameraPose> poses, List<String> labels, Map<String, Object> description) {

    public CameraRig {
        if (poses.isEmpty() || poses.size() != labels.size()) {
            throw new IllegalArgumentException("need one label per pose and at least one pose");
        }
        poses = List.copyOf(poses);
        labels = List.copyOf(labels);
        description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
    }

    /** {@link OrbitCameras#orbit} starting at azimuth 0 (the front). */
    public static CameraRig orbit(int frames, Vec3 target, double radius, double elevationDegrees) {
        List<CameraPose> poses = OrbitCameras.orbit(frames, target, radius, elevationDegrees, 0);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            labels.add(String.format(Locale.ROOT, "frame_%05d", i));
        }
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", "orbit");
        description.put("frames", frames);
        description.put("target", JsonValues.list(target));
        description.put("radius", radius);
        description.put("elevation_degrees", elevationDegrees);
        description.put("start_azimuth_degrees", 0.0);
        description.put("azimuth_step_degrees", 360.0 / frames);
        return new CameraRig(poses, labels, description);
    }

    /**
     * {@link OrbitCameras#fourViews}, labelled with the lower-case view names, frames in
     * {@link View} order: front, back, left, right; the front camera at azimuth 0.
     */
    public static CameraRig fourViews(Vec3 target, double radius, double elevationDegrees) {
        return fourViews(target, radius, elevationDegrees, 0);
    }

    /** {@link #fourViews(Vec3, double, double)} with the front camera at {@code frontAzimuthDegrees}. */
    public static CameraRig fourViews(Vec3 target, double radius, double elevationDegrees,
                                      double frontAzimuthDegrees) {
        List<CameraPose> poses = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        OrbitCameras.fourViews(target, radius, elevationDegrees, frontAzimuthDegrees).forEach((view, pose) -> {
            poses.add(pose);
            labels.add(label(view));
        });
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", "four_views");
        description.put("target", JsonValues.list(target));
        description.put("radius", radius);
        description.put("elevation_degrees", elevationDegrees);
        description.put("front_azimuth_degrees", frontAzimuthDegrees);
        return new CameraRig(poses, labels, description);
    }

    /** The label of a view's frame in a four-view rig. */
    public static String label(View view) {
        return view.name().toLowerCase(Locale.ROOT);
    }

    public int size() {
        return poses.size();
    }
}
