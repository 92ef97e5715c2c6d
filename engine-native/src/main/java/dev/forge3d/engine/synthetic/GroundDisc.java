package dev.forge3d.engine.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A textured disc in the plane y = 0 centred on the world origin, the floor the object stands
 * on. It is scenery: it is not part of the object, its mask or its mesh. Its texture is
 * evaluated at world (x, 0, z).
 */
public record GroundDisc(double radius, Surface surface) {

    public GroundDisc {
        JsonValues.checkPositive("radius", radius);
        if (surface == null) {
            throw new IllegalArgumentException("surface is required");
        }
    }

    /** The ray parameter where the ray meets the disc (from either side), or +infinity. */
    public double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin) {
        if (dy == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double t = -oy / dy;
        if (!(t > tMin)) {
            return Double.POSITIVE_INFINITY;
        }
        double x = ox + t * dx;
        double z = oz + t * dz;
        return x * x + z * z <= radius * radius ? t : Double.POSITIVE_INFINITY;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("radius", radius);
        json.put("surface", surface.toJson());
        return json;
    }

    @SuppressWarnings("unchecked")
    public static GroundDisc fromJson(Map<String, Object> json) {
        return new GroundDisc(JsonValues.number(json.get("radius")),
                Surface.fromJson((Map<String, Object>) json.get("surface")));
    }
}
