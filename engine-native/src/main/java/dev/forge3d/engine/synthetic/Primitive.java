package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;

import java.util.Map;

/**
 * A closed, convex, textured solid of a synthetic object. Implementations are immutable values.
 * Ray directions passed to {@link #intersect} must be unit length; all points are in world
 * coordinates (metres, Y up) unless a method says otherwise.
 */
public sealed interface Primitive permits Sphere, Box, Cylinder {

    /** The albedo, evaluated in this primitive's local frame ({@link #toLocal}). */
    Surface surface();

    /**
     * The smallest ray parameter t &gt; tMin at which origin + t * direction meets the surface,
     * or {@link Double#POSITIVE_INFINITY} when there is none.
     */
    double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin);

    /** The outward unit normal at a surface point (at other points, of the nearest face). */
    void outwardNormal(double x, double y, double z, double[] out);

    /** Exact signed Euclidean distance to the surface: negative inside, positive outside. */
    double signedDistance(double x, double y, double z);

    /** Whether the closed solid contains the point. */
    default boolean contains(double x, double y, double z) {
        return signedDistance(x, y, z) <= 0;
    }

    /** The point in the primitive's local frame (centred, unrotated), where texture lives. */
    default void toLocal(double x, double y, double z, double[] out) {
        out[0] = x - centre().x();
        out[1] = y - centre().y();
        out[2] = z - centre().z();
    }

    /** The primitive's centre; its local frame is translated there (and rotated, for a box). */
    Vec3 centre();

    Bounds bounds();

    double surfaceArea();

    /**
     * Maps three uniform numbers in [0, 1) to a surface point, uniformly distributed by area.
     */
    void pointOnSurface(double u1, double u2, double u3, double[] out);

    /**
     * A closed, consistently outward-oriented triangle mesh whose vertices lie exactly on the
     * surface and whose edges are at most about {@code maxEdge} long.
     */
    TriangleMesh tessellate(double maxEdge);

    /** A JSON-ready description; {@link #fromJson(Map)} reads it back. */
    Map<String, Object> toJson();

    @SuppressWarnings("unchecked")
    static Primitive fromJson(Map<String, Object> json) {
        String kind = (String) json.get("kind");
        Surface surface = Surface.fromJson((Map<String, Object>) json.get("surface"));
        return switch (kind) {
            case "sphere" -> new Sphere(JsonValues.vec3(json.get("centre")), JsonValues.number(json.get("radius")),
                    surface);
            case "box" -> new Box(JsonValues.vec3(json.get("centre")), JsonValues.vec3(json.get("half_extents")),
                    JsonValues.number(json.get("yaw_degrees")), surface);
            case "cylinder" -> new Cylinder(JsonValues.vec3(json.get("centre")),
                    JsonValues.number(json.get("radius")), JsonValues.number(json.get("half_height")), surface);
            default -> throw new IllegalArgumentException("unknown primitive kind " + kind);
        };
    }
}
