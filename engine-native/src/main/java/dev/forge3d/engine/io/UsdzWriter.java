package dev.forge3d.engine.io;

import dev.forge3d.engine.mesh.MeshAsset;
import dev.forge3d.engine.mesh.PolygonFaces;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes USDZ: an uncompressed ("stored") zip whose first file is a .usda layer and whose every
 * file's data starts at a multiple of 64 bytes (padding goes into the local headers' extra
 * field), as the USDZ specification asks. The layer sets upAxis Y, metersPerUnit 1 and
 * defaultPrim, and binds a UsdPreviewSurface material to the textures stored beside it.
 */
public final class UsdzWriter {
    public static final String LAYER = "model.usda";
    static final int ALIGNMENT = 64;

    private UsdzWriter() {
    }

    public static void write(MeshAsset asset, PolygonFaces faces, Path file) throws IOException {
        AtomicFiles.write(file, bytes(asset, faces));
    }

    public static byte[] bytes(MeshAsset asset, PolygonFaces faces) {
        int size = asset.textureSize();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(LAYER, usda(asset, faces).getBytes(StandardCharsets.UTF_8));
        files.put("textures/basecolor.png", PngEncoding.encode(asset.baseColour(), size, size));
        if (asset.normalMap() != null) {
            files.put("textures/metallic_roughness.png", PngEncoding.encode(asset.metallicRoughness(), size, size));
            files.put("textures/normal.png", PngEncoding.encode(asset.normalMap(), size, size));
        }
        return storedZip(files);
    }

    /** The USD ASCII layer. */
    public static String usda(MeshAsset asset, PolygonFaces faces) {
        float[] p = asset.mesh().positions();
        float[] uv = asset.mesh().uvs();
        float[] n = asset.normals();
        StringBuilder s = new StringBuilder();
        s.append("#usda 1.0\n(\n    defaultPrim = \"Object\"\n    metersPerUnit = 1\n    upAxis = \"Y\"\n)\n\n");
        s.append("def Xform \"Object\" (\n    kind = \"component\"\n)\n{\n");
        s.append("    def Mesh \"Mesh\"\n    {\n");
        s.append("        uniform bool doubleSided = 0\n");
        s.append("        int[] faceVertexCounts = ").append(ints(faces.counts())).append('\n');
        s.append("        int[] faceVertexIndices = ").append(ints(faces.indices())).append('\n');
        s.append("        rel material:binding = </Object/Materials/Baked>\n");
        s.append("        normal3f[] normals = ").append(tuples(n, 3, false)).append(" (\n            interpolation = \"vertex\"\n        )\n");
        s.append("        point3f[] points = ").append(tuples(p, 3, false)).append('\n');
        s.append("        texCoord2f[] primvars:st = ").append(tuples(uv, 2, true)).append(" (\n            interpolation = \"vertex\"\n        )\n");
        s.append("        uniform token subdivisionScheme = \"none\"\n    }\n\n");
        String m = "/Object/Materials/Baked";
        s.append("    def Scope \"Materials\"\n    {\n        def Material \"Baked\"\n        {\n");
        s.append("            token outputs:surface.connect = <").append(m).append("/Surface.outputs:surface>\n\n");
        s.append("            def Shader \"Surface\"\n            {\n");
        s.append("                uniform token info:id = \"UsdPreviewSurface\"\n");
        s.append("                color3f inputs:diffuseColor.connect = <").append(m).append("/BaseColor.outputs:rgb>\n");
        s.append("                float inputs:metallic = 0\n");
        if (asset.normalMap() != null) {
            s.append("                normal3f inputs:normal.connect = <").append(m).append("/Normal.outputs:rgb>\n");
            s.append("                float inputs:roughness.connect = <").append(m).append("/MetallicRoughness.outputs:g>\n");
        } else {
            s.append(String.format(Locale.ROOT, "                float inputs:roughness = %.2f%n", MeshAsset.ROUGHNESS));
        }
        s.append("                token outputs:surface\n            }\n\n");
        s.append("            def Shader \"TexCoords\"\n            {\n");
        s.append("                uniform token info:id = \"UsdPrimvarReader_float2\"\n");
        s.append("                string inputs:varname = \"st\"\n                float2 outputs:result\n            }\n");
        texture(s, m, "BaseColor", "textures/basecolor.png", "sRGB", "float3 outputs:rgb", false);
        if (asset.normalMap() != null) {
            texture(s, m, "MetallicRoughness", "textures/metallic_roughness.png", "raw", "float outputs:g", false);
            texture(s, m, "Normal", "textures/normal.png", "raw", "float3 outputs:rgb", true);
        }
        s.append("        }\n    }\n}\n");
        return s.toString();
    }

    private static void texture(StringBuilder s, String material, String name, String file, String colourSpace,
                                String output, boolean normal) {
        s.append("\n            def Shader \"").append(name).append("\"\n            {\n");
        s.append("                uniform token info:id = \"UsdUVTexture\"\n");
        s.append("                asset inputs:file = @").append(file).append("@\n");
        s.append("                token inputs:sourceColorSpace = \"").append(colourSpace).append("\"\n");
        s.append("                float2 inputs:st.connect = <").append(material).append("/TexCoords.outputs:result>\n");
        s.append("                token inputs:wrapS = \"clamp\"\n                token inputs:wrapT = \"clamp\"\n");
        if (normal) {
            s.append("                float4 inputs:scale = (2, 2, 2, 1)\n                float4 inputs:bias = (-1, -1, -1, 0)\n");
        }
        s.append("                ").append(output).append("\n            }\n");
    }

    private static String ints(int[] values) {
        StringBuilder s = new StringBuilder(values.length * 6).append('[');
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return s.append(']').toString();
    }

    /** Tuples of floats; {@code flipV} turns image-down v into USD's bottom-up t. */
    private static String tuples(float[] values, int width, boolean flipV) {
        StringBuilder s = new StringBuilder(values.length * 10).append('[');
        for (int i = 0; i < values.length; i += width) {
            s.append(i == 0 ? "(" : ", (");
            for (int k = 0; k < width; k++) {
                float v = flipV && k == 1 ? 1 - values[i + k] : values[i + k];
                s.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", v));
            }
            s.append(')');
        }
        return s.append(']').toString();
    }

    /** A zip of stored entries, each entry's data 64-byte aligned. */
    static byte[] storedZip(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> central = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] data = file.getValue();
            CRC32 crc = new CRC32();
            crc.update(data);
            int offset = out.size();
            int headerEnd = offset + 30 + name.length;
            int padding = (ALIGNMENT - (headerEnd + 4) % ALIGNMENT) % ALIGNMENT;
            int extraLength = 4 + padding;
            ByteBuffer local = ByteBuffer.allocate(30 + name.length + extraLength).order(ByteOrder.LITTLE_ENDIAN);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) crc.getValue()).putInt(data.length).putInt(data.length)
                    .putShort((short) name.length).putShort((short) extraLength).put(name);
            // An unregistered extra-field id holding only padding, as Pixar's writer does.
            local.putShort((short) 0x1986).putShort((short) padding).put(new byte[padding]);
            out.writeBytes(local.array());
            if (out.size() % ALIGNMENT != 0) {
                throw new IllegalStateException("misaligned entry " + file.getKey());
            }
            out.writeBytes(data);
            ByteBuffer entry = ByteBuffer.allocate(46 + name.length).order(ByteOrder.LITTLE_ENDIAN);
            entry.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) crc.getValue()).putInt(data.length).putInt(data.length)
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset).put(name);
            central.add(entry.array());
        }
        int centralOffset = out.size();
        int centralSize = 0;
        for (byte[] entry : central) {
            out.writeBytes(entry);
            centralSize += entry.length;
        }
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) central.size())
                .putShort((short) central.size()).putInt(centralSize).putInt(centralOffset).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }
}
