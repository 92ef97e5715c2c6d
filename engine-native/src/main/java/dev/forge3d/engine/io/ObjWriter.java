package dev.forge3d.engine.io;

import dev.forge3d.engine.mesh.MeshAsset;
import dev.forge3d.engine.mesh.PolygonFaces;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes Wavefront OBJ with its MTL. Texture coordinates are flipped to OBJ's bottom-left
 * origin; the material names the PNG textures by file name (written beside by the caller), with
 * the PBR extension keys Pm and Pr, and map_Pr, map_Pm and norm when there is a normal map.
 */
public final class ObjWriter {
    /** Reflectance at normal incidence of a non-metal (glTF's F0 for metallic 0). */
    static final double DIELECTRIC_REFLECTANCE = 0.04;

    private ObjWriter() {
    }

    /** The OBJ text; {@code mtlName} is the material library's file name beside it. */
    public static String obj(MeshAsset asset, PolygonFaces faces, String mtlName) {
        float[] p = asset.mesh().positions();
        float[] uv = asset.mesh().uvs();
        float[] n = asset.normals();
        StringBuilder out = new StringBuilder(64 * (p.length / 3 + faces.faceCount()));
        out.append("# Forge3D\nmtllib ").append(mtlName).append("\no object\n");
        // Significant digits, as many as a float holds: fixed decimals (%.6f) put a 0.1 mm model on
        // a grid of a hundredth of its size, and the FBX made from this file with it.
        for (int i = 0; i < p.length; i += 3) {
            out.append(String.format(Locale.ROOT, "v %.7g %.7g %.7g%n", p[i], p[i + 1], p[i + 2]));
        }
        for (int i = 0; i < uv.length; i += 2) {
            out.append(String.format(Locale.ROOT, "vt %.6f %.6f%n", uv[i], 1 - uv[i + 1]));
        }
        for (int i = 0; i < n.length; i += 3) {
            out.append(String.format(Locale.ROOT, "vn %.5f %.5f %.5f%n", n[i], n[i + 1], n[i + 2]));
        }
        out.append("usemtl baked\n");
        int at = 0;
        for (int count : faces.counts()) {
            out.append('f');
            for (int k = 0; k < count; k++) {
                int v = faces.indices()[at++] + 1;
                out.append(' ').append(v).append('/').append(v).append('/').append(v);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The MTL text naming the textures by file name. Besides the PBR keys it states the material
     * as Phong ({@code illum 2}): a dielectric's 4% reflectance ({@code Ks}, metallic 0) and the
     * roughness as a Phong exponent ({@code Ns}). The FBX is made from this file, and assimp
     * writes an FBX material's shininess only for a Phong material; FBX readers (Blender,
     * assimp) read the roughness back from that shininess.
     */
    public static String mtl(MeshAsset asset, TextureFiles textures) {
        StringBuilder out = new StringBuilder("# Forge3D\nnewmtl baked\nKa 0 0 0\nKd 1 1 1\n");
        out.append(String.format(Locale.ROOT, "Ks %.2f %.2f %.2f%nNs %.2f%nd 1%nillum 2%n", DIELECTRIC_REFLECTANCE,
                DIELECTRIC_REFLECTANCE, DIELECTRIC_REFLECTANCE, phongExponent(MeshAsset.ROUGHNESS)));
        out.append("map_Kd ").append(textures.baseColour()).append('\n');
        out.append("Pm 0\n").append(String.format(Locale.ROOT, "Pr %.2f%n", MeshAsset.ROUGHNESS));
        if (asset.normalMap() != null) {
            // The map is glTF's packed texture (roughness in green, metallic in blue); -imfchan names
            // the channel, as scalar maps otherwise default to luminance, or to red in some readers.
            out.append("map_Pr -imfchan g ").append(textures.metallicRoughness()).append('\n');
            out.append("map_Pm -imfchan b ").append(textures.metallicRoughness()).append('\n');
            out.append("norm ").append(textures.normal()).append('\n');
        }
        return out.toString();
    }

    /**
     * The Phong exponent that FBX readers turn into {@code roughness}: Blender's FBX importer
     * and assimp's both take roughness as {@code 1 - sqrt(exponent) / 10}.
     */
    static double phongExponent(double roughness) {
        double root = 10 * (1 - roughness);
        return root * root;
    }

    /**
     * The stem of the files an OBJ names ({@code chair} for {@code chair.obj}), with white space
     * replaced by {@code _}: {@code mtllib} and {@code map_Kd} take names up to a space, so
     * {@code my chair.mtl} would be read as {@code my}.
     */
    public static String companionStem(Path meshFile) {
        return FileNames.stem(meshFile).replaceAll("\\s", "_");
    }

    /** The file names of the textures written beside a mesh file. */
    public record TextureFiles(String baseColour, String metallicRoughness, String normal) {
        /** {@code chair_basecolor.png} and so on for {@code chair.obj}. */
        public static TextureFiles beside(Path meshFile) {
            String base = companionStem(meshFile);
            return new TextureFiles(base + "_basecolor.png", base + "_metallic_roughness.png", base + "_normal.png");
        }
    }
}
