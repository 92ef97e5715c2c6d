package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;
import dev.forge3d.api.View;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Cameras on a horizontal circle around a target, all looking at it with world +Y up in the
 * image. Azimuth 0 puts the camera on the target's +Z side; azimuth grows towards +X, so the
 * camera at azimuth a sits at target + radius * (cos(e) sin(a), sin(e), cos(e) cos(a)) for
 * elevation e.
 */
public final class OrbitCameras {
    private OrbitCameras() {
    }

    /** The camera position at an azimuth and elevation (degrees) on the orbit. */
    public static Vec3 position(Vec3 target, double radius, double elevationDegrees, double azimuthDegrees) {
        double elevation = Math.toRadians(elevationDegrees);
        double azimuth = Math.toRadians(azimuthDegrees);
        double horizontal = radius * StrictMath.cos(elevation);
        return new Vec3(target.x() + horizontal * StrictMath.sin(azimuth),
                target.y() + radius * StrictMath.sin(elevation),
                target.z() + horizontal * StrictMath.cos(azimuth));
    }

    /** One camera on the orbit, looking at the target. */
    public static CameraPose camera(Vec3 target, double radius, double elevationDegrees, double azimuthDegrees) {
        if (!(radius > 0) || !(Math.abs(elevationDegrees) < 89.9)) {
            throw new IllegalArgumentException("need radius > 0 and |elevation| < 89.9 degrees");
        }
        return CameraPose.lookAt(position(target, radius, elevationDegrees, azimuthDegrees), target,
                new Vec3(0, 1, 0));
    }

    /**
     * {@code count} cameras evenly spaced over a full turn, starting at {@code startAzimuthDegrees}:
     * camera i is at azimuth start + 360 i / count.
     */
    public static List<CameraPose> orbit(int count, Vec3 target, double radius, double elevationDegrees,
                                         double startAzimuthDegrees) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        List<CameraPose> poses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            poses.add(camera(target, radius, elevationDegrees, startAzimuthDegrees + 360.0 * i / count));
        }
        return poses;
    }

    /**
     * The azimuth of a named view: FRONT 0 (camera on +Z), RIGHT 90 (camera on +X), BACK 180,
     * LEFT 270 (camera on -X). Right and left are the viewer's, facing the object's front.
     */
    public static double azimuthDegrees(View view) {
        return switch (view) {
            case FRONT -> 0;
            case RIGHT -> 90;
            case BACK -> 180;
            case LEFT -> 270;
        };
    }

    /**
     * The four views 90 degrees apart around the vertical axis, same radius and elevation, all
     * looking at the target (an {@link EnumMap}, iterating in {@link View} order), the front
     * camera at azimuth 0.
     */
    public static Map<View, CameraPose> fourViews(Vec3 target, double radius, double elevationDegrees) {
        return fourViews(target, radius, elevationDegrees, 0);
    }

    /**
     * {@link #fourViews(Vec3, double, double)} turned so that the front camera sits at
     * {@code frontAzimuthDegrees}: product photos are taken square to the object's front, which
     * need not face +Z.
     */
    public static Map<View, CameraPose> fourViews(Vec3 target, double radius, double elevationDegrees,
                                                  double frontAzimuthDegrees) {
        Map<View, CameraPose> views = new EnumMap<>(View.class);
        for (View view : View.values()) {
            views.put(view, camera(target, radius, elevationDegrees, frontAzimuthDegrees + azimuthDegrees(view)));
        }
        return views;
    }
}
