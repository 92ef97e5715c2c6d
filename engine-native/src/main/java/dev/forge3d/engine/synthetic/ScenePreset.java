package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;

import java.util.List;

/**
 * Ready-made objects. Every preset stands on the plane y = 0 and has each primitive textured
 * with its own seed derived from the scene seed; the geometry does not depend on the seed.
 */
public enum ScenePreset {
    /** A sphere of radius 0.5 centred at (0, 0.5, 0). */
    SPHERE,
    /** A 0.9 x 0.8 x 0.6 box standing on the ground, yawed 25 degrees. */
    BOX,
    /** A cylinder of radius 0.35 and height 1.0 standing on the ground. */
    CYLINDER,
    /**
     * A yawed box with a sphere sunk into its top, a cylinder overlapping its side and a small
     * separate sphere in front: about 1.4 x 1.0 x 1.1 m.
     */
    COMPOSITE;

    /** The background colour of the presets' plain backgrounds. */
    public static final int DEFAULT_BACKGROUND_RGB = 0xF2F2F2;
    /** The ground disc radius of {@link #onGround(long)}. */
    public static final double GROUND_RADIUS = 1.8;

    /** The yaw, in degrees, of the BOX preset's box and of the COMPOSITE's base box. */
    private static final double BOX_YAW = 25, COMPOSITE_BOX_YAW = 20;

    /**
     * The azimuth (degrees, as {@link OrbitCameras}) that the object's front faces: the +Z face
     * of its (base) box, turned by the box's yaw; 0 for the round presets. Product photos of the
     * object are taken square to it ({@link GenerationSpec#fourViews(SyntheticScene, int, double)}).
     */
    public double frontAzimuthDegrees() {
        return switch (this) {
            case SPHERE, CYLINDER -> 0;
            case BOX -> BOX_YAW;
            case COMPOSITE -> COMPOSITE_BOX_YAW;
        };
    }

    /** The object's primitives, textured from the seed. */
    public List<Primitive> primitives(long seed) {
        return switch (this) {
            case SPHERE -> List.of(new Sphere(new Vec3(0, 0.5, 0), 0.5, texture(seed, 0)));
            case BOX -> List.of(new Box(new Vec3(0, 0.4, 0), new Vec3(0.45, 0.4, 0.3), BOX_YAW, texture(seed, 0)));
            case CYLINDER -> List.of(new Cylinder(new Vec3(0, 0.5, 0), 0.35, 0.5, texture(seed, 0)));
            case COMPOSITE -> List.of(
                    new Box(new Vec3(0, 0.25, 0), new Vec3(0.45, 0.25, 0.32), COMPOSITE_BOX_YAW, texture(seed, 0)),
                    new Sphere(new Vec3(0.1, 0.72, 0.0), 0.28, texture(seed, 1)),
                    new Cylinder(new Vec3(-0.52, 0.4, 0.22), 0.17, 0.4, texture(seed, 2)),
                    new Sphere(new Vec3(0.55, 0.16, 0.38), 0.16, texture(seed, 3)));
        };
    }

    /** The object on a textured ground disc, plain background: the orbit-video scene. */
    public SyntheticScene onGround(long seed) {
        return scene(seed, true, Background.plain(DEFAULT_BACKGROUND_RGB));
    }

    /** The object alone on a plain background: the mesh-from-photos scene. */
    public SyntheticScene isolated(long seed) {
        return scene(seed, false, Background.plain(DEFAULT_BACKGROUND_RGB));
    }

    /** The object with or without the ground disc, over the given background, standard lighting. */
    public SyntheticScene scene(long seed, boolean ground, Background background) {
        GroundDisc disc = ground ? new GroundDisc(GROUND_RADIUS, texture(seed, 100)) : null;
        return new SyntheticScene(seed, primitives(seed), disc, background, Lighting.standard());
    }

    /** A texture with a 48-bit seed derived from the scene seed and the part number. */
    private static ProceduralTexture texture(long seed, int part) {
        return Surface.textured(Hash.derive(seed, part) & 0xFFFF_FFFF_FFFFL);
    }
}
