package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;

/**
 * Everything {@link SceneGenerator#generate} needs.
 *
 * @param scene         what to render
 * @param intrinsics    the camera of every frame (even width and height when writing video)
 * @param rig           the poses and frame labels
 * @param supersampling sub-pixel grid edge for anti-aliasing (3 = 9 rays a pixel)
 * @param fps           video frame rate
 * @param writeVideo    whether to write {@code orbit.mp4}
 * @param writeMesh     whether to write {@code mesh.obj}
 */
public record GenerationSpec(SyntheticScene scene, PinholeIntrinsics intrinsics, CameraRig rig, int supersampling,
                             double fps, boolean writeVideo, boolean writeMesh) {
    /** Default width of {@link #defaultOrbit}. */
    public static final int DEFAULT_WIDTH = 640;
    /** Default height of {@link #defaultOrbit}. */
    public static final int DEFAULT_HEIGHT = 360;
    /** Default frame count of {@link #defaultOrbit}. */
    public static final int DEFAULT_FRAMES = 120;
    /** Default seed of {@link #defaultOrbit()}. */
    public static final long DEFAULT_SEED = 42;
    /** Orbit radius of {@link #orbit}, in object bounding radii. */
    public static final double ORBIT_DISTANCE = 2.8;
    /** Camera elevation of {@link #orbit}, degrees. */
    public static final double ORBIT_ELEVATION_DEGREES = 30;

    public GenerationSpec {
        if (scene == null || intrinsics == null || rig == null) {
            throw new IllegalArgumentException("scene, intrinsics and rig are required");
        }
        if (supersampling < 1 || supersampling > 8) {
            throw new IllegalArgumentException("supersampling must be 1..8: " + supersampling);
        }
        JsonValues.checkPositive("fps", fps);
        if (writeVideo && (intrinsics.width() % 2 != 0 || intrinsics.height() % 2 != 0)) {
            throw new IllegalArgumentException("video needs even width and height (yuv420p): "
                    + intrinsics.width() + "x" + intrinsics.height());
        }
    }

    /** {@link #defaultOrbit(long)} with {@link #DEFAULT_SEED}. */
    public static GenerationSpec defaultOrbit() {
        return defaultOrbit(DEFAULT_SEED);
    }

    /**
     * The composite object on its ground disc, 120 frames of 640 x 360 at 30 fps around a full
     * circle (radius 2.8 m, elevation 30 degrees, 60 degree horizontal field of view), 2 x 2
     * supersampling, with video and mesh.
     */
    public static GenerationSpec defaultOrbit(long seed) {
        return orbit(ScenePreset.COMPOSITE.onGround(seed), DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_FRAMES);
    }

    /**
     * An orbit of {@code frames} cameras around the object's bounding-box centre at elevation 30
     * degrees and 2.8 bounding radii, 60 degree horizontal field of view, 2 x 2 supersampling,
     * 30 fps, with video and mesh.
     */
    public static GenerationSpec orbit(SyntheticScene scene, int width, int height, int frames) {
        Bounds bounds = scene.objectBounds();
        Vec3 target = bounds.centre();
        CameraRig rig = CameraRig.orbit(frames, target, ORBIT_DISTANCE * bounds.radius(), ORBIT_ELEVATION_DEGREES);
        return new GenerationSpec(scene, PinholeIntrinsics.fromHorizontalFov(width, height, 60), rig, 2, 30, true,
                true);
    }

    /**
     * The front, right, back and left views of the object at elevation 15 degrees, square
     * {@code size} x {@code size} images with a 40 degree field of view, distance chosen so the
     * bounding sphere's angular radius is 90% of the half field of view, 3 x 3 supersampling,
     * mesh but no video; the front camera at azimuth 0 (on +Z).
     */
    public static GenerationSpec fourViews(SyntheticScene scene, int size) {
        return fourViews(scene, size, 0);
    }

    /**
     * {@link #fourViews(SyntheticScene, int)} with the front camera at {@code frontAzimuthDegrees},
     * e.g. {@link ScenePreset#frontAzimuthDegrees()}: the views square to the object's own front,
     * as product photos are taken.
     */
    public static GenerationSpec fourViews(SyntheticScene scene, int size, double frontAzimuthDegrees) {
        Bounds bounds = scene.objectBounds();
        double radius = bounds.radius() / StrictMath.sin(Math.toRadians(0.9 * 20));
        return new GenerationSpec(scene, PinholeIntrinsics.fromHorizontalFov(size, size, 40),
                CameraRig.fourViews(bounds.centre(), radius, 15, frontAzimuthDegrees), 3, 30, false, true);
    }

    public GenerationSpec withSupersampling(int s) {
        return new GenerationSpec(scene, intrinsics, rig, s, fps, writeVideo, writeMesh);
    }

    public GenerationSpec withVideo(boolean video) {
        return new GenerationSpec(scene, intrinsics, rig, supersampling, fps, video, writeMesh);
    }

    public GenerationSpec withMesh(boolean mesh) {
        return new GenerationSpec(scene, intrinsics, rig, supersampling, fps, writeVideo, mesh);
    }

    public GenerationSpec withFps(double framesPerSecond) {
        return new GenerationSpec(scene, intrinsics, rig, supersampling, framesPerSecond, writeVideo, writeMesh);
    }
}
