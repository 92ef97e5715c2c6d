package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * View-independent shading: colour = albedo * (ambient + (1 - ambient) * max(0, n . toLight)).
 * No specular term and no shadows, so a surface point looks the same from every camera.
 *
 * @param ambient in [0, 1]; 1 renders pure albedo
 * @param toLight direction towards the light (normalised on construction unless already unit)
 */
public record Lighting(double ambient, Vec3 toLight) {

    public Lighting {
        if (!(ambient >= 0 && ambient <= 1)) {
            throw new IllegalArgumentException("ambient must be in [0, 1]: " + ambient);
        }
        JsonValues.checkFinite("toLight", toLight);
        double len = Math.sqrt(toLight.x() * toLight.x() + toLight.y() * toLight.y() + toLight.z() * toLight.z());
        if (!(len > 0)) {
            throw new IllegalArgumentException("toLight must be non-zero");
        }
        if (Math.abs(len - 1) > 1e-12) {
            toLight = new Vec3(toLight.x() / len, toLight.y() / len, toLight.z() / len);
        }
    }

    /** Ambient 0.45, light from above, right and front. */
    public static Lighting standard() {
        return new Lighting(0.45, new Vec3(0.4, 1.0, 0.6));
    }

    /** Pure albedo. */
    public static Lighting unlit() {
        return new Lighting(1.0, new Vec3(0, 1, 0));
    }

    /** The factor albedo is multiplied by at a point with unit normal (nx, ny, nz). */
    public double shade(double nx, double ny, double nz) {
        double lambert = nx * toLight.x() + ny * toLight.y() + nz * toLight.z();
        return ambient + (1 - ambient) * Math.max(0, lambert);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ambient", ambient);
        json.put("to_light", JsonValues.list(toLight));
        return json;
    }

    public static Lighting fromJson(Map<String, Object> json) {
        return new Lighting(JsonValues.number(json.get("ambient")), JsonValues.vec3(json.get("to_light")));
    }
}
