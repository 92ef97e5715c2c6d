package dev.forge3d.engine.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a ray that misses the object and the ground sees. */
public sealed interface Background permits Background.Plain, Background.TexturedSphere {

    /** A uniform colour, packed 0xRRGGBB. */
    static Plain plain(int rgb) {
        return new Plain(rgb);
    }

    /**
     * A textured sphere of the given radius centred on the world origin, seen from inside and
     * unlit: a far environment with parallax, for feature-rich backgrounds.
     */
    static TexturedSphere texturedSphere(double radius, long seed) {
        return new TexturedSphere(radius, new ProceduralTexture(seed, ProceduralTexture.DEFAULT_FREQUENCY / radius));
    }

    Map<String, Object> toJson();

    @SuppressWarnings("unchecked")
    static Background fromJson(Map<String, Object> json) {
        String kind = (String) json.get("kind");
        return switch (kind) {
            case "plain" -> new Plain(Integer.parseInt(((String) json.get("rgb")).substring(1), 16));
            case "textured_sphere" -> new TexturedSphere(JsonValues.number(json.get("radius")),
                    Surface.fromJson((Map<String, Object>) json.get("surface")));
            default -> throw new IllegalArgumentException("unknown background kind " + kind);
        };
    }

    record Plain(int rgb) implements Background {
        public Plain {
            rgb &= 0xFFFFFF;
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", "plain");
            json.put("rgb", String.format("#%06x", rgb));
            return json;
        }
    }

    record TexturedSphere(double radius, Surface surface) implements Background {
        public TexturedSphere {
            JsonValues.checkPositive("radius", radius);
            if (surface == null) {
                throw new IllegalArgumentException("surface is required");
            }
        }

        /** The far intersection of a ray starting inside the sphere, or +infinity. */
        public double intersect(double ox, double oy, double oz, double dx, double dy, double dz) {
            double b = ox * dx + oy * dy + oz * dz;
            double c = ox * ox + oy * oy + oz * oz - radius * radius;
            double disc = b * b - c;
            if (disc < 0) {
                return Double.POSITIVE_INFINITY;
            }
            double t = -b + Math.sqrt(disc);
            return t > 0 ? t : Double.POSITIVE_INFINITY;
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", "textured_sphere");
            json.put("radius", radius);
            json.put("surface", surface.toJson());
            return json;
        }
    }
}
