package dev.forge3d.engine.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The albedo of a surface as a function of a point in the owning shape's local frame, so the
 * pattern moves with the shape. Appearance is view-independent.
 */
public sealed interface Surface permits Surface.Solid, ProceduralTexture {

    /** Writes the albedo (linear 0..1 per channel, r g b) at local point (x, y, z) into out. */
    void albedo(double x, double y, double z, double[] out);

    /** A JSON-ready description; {@link #fromJson(Map)} reads it back. */
    Map<String, Object> toJson();

    /** A single flat colour, packed 0xRRGGBB. */
    static Surface solid(int rgb) {
        return new Solid(rgb);
    }

    /** A rich procedural texture; see {@link ProceduralTexture}. */
    static ProceduralTexture textured(long seed) {
        return new ProceduralTexture(seed, ProceduralTexture.DEFAULT_FREQUENCY);
    }

    static Surface fromJson(Map<String, Object> json) {
        String kind = (String) json.get("kind");
        return switch (kind) {
            case "solid" -> new Solid(Integer.parseInt(((String) json.get("rgb")).substring(1), 16));
            case "textured" -> new ProceduralTexture(JsonValues.seed(json.get("seed")),
                    ((Number) json.get("frequency")).doubleValue());
            default -> throw new IllegalArgumentException("unknown surface kind " + kind);
        };
    }

    /** A flat colour. */
    record Solid(int rgb) implements Surface {
        public Solid {
            rgb &= 0xFFFFFF;
        }

        @Override
        public void albedo(double x, double y, double z, double[] out) {
            out[0] = ((rgb >> 16) & 0xFF) / 255.0;
            out[1] = ((rgb >> 8) & 0xFF) / 255.0;
            out[2] = (rgb & 0xFF) / 255.0;
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", "solid");
            json.put("rgb", String.format("#%06x", rgb));
            return json;
        }
    }
}
