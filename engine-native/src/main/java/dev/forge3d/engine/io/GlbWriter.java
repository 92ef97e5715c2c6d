package dev.forge3d.engine.io;

import dev.forge3d.engine.mesh.MeshAsset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link MeshAsset} as binary glTF 2.0: one mesh, one metallic-roughness material,
 * PNG textures embedded in the binary chunk, tangents when there is a normal map.
 */
public final class GlbWriter {
    private static final int MAGIC = 0x46546C67;
    private static final int JSON_CHUNK = 0x4E4F534A;
    private static final int BIN_CHUNK = 0x004E4942;
    private static final int ARRAY_BUFFER = 34962;
    private static final int ELEMENT_ARRAY_BUFFER = 34963;
    private static final int FLOAT = 5126;
    private static final int UNSIGNED_INT = 5125;

    private GlbWriter() {
    }

    /** Writes the asset to {@code file} atomically. */
    public static void write(MeshAsset asset, Path file) throws IOException {
        AtomicFiles.write(file, bytes(asset));
    }

    public static byte[] bytes(MeshAsset asset) {
        Builder b = new Builder();
        float[] positions = asset.mesh().positions();
        double[] bounds = asset.mesh().bounds();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("POSITION", b.floatAccessor(positions, "VEC3", 3,
                List.of(bounds[0], bounds[1], bounds[2]), List.of(bounds[3], bounds[4], bounds[5])));
        attributes.put("NORMAL", b.floatAccessor(asset.normals(), "VEC3", 3, null, null));
        attributes.put("TEXCOORD_0", b.floatAccessor(asset.mesh().uvs(), "VEC2", 2, null, null));
        if (asset.tangents() != null) {
            attributes.put("TANGENT", b.floatAccessor(asset.tangents(), "VEC4", 4, null, null));
        }
        int indices = b.indexAccessor(asset.mesh().indices(), asset.mesh().vertexCount());
        int size = asset.textureSize();
        Map<String, Object> pbr = new LinkedHashMap<>();
        pbr.put("baseColorTexture", Map.of("index", b.texture(PngEncoding.encode(asset.baseColour(), size, size))));
        pbr.put("metallicFactor", 0.0);
        pbr.put("roughnessFactor", MeshAsset.ROUGHNESS);
        if (asset.metallicRoughness() != null) {
            pbr.put("metallicFactor", 1.0);
            pbr.put("roughnessFactor", 1.0);
            pbr.put("metallicRoughnessTexture",
                    Map.of("index", b.texture(PngEncoding.encode(asset.metallicRoughness(), size, size))));
        }
        Map<String, Object> material = new LinkedHashMap<>();
        material.put("name", "baked");
        material.put("pbrMetallicRoughness", pbr);
        if (asset.normalMap() != null) {
            material.put("normalTexture", Map.of("index", b.texture(PngEncoding.encode(asset.normalMap(), size, size))));
        }
        Map<String, Object> primitive = new LinkedHashMap<>();
        primitive.put("attributes", attributes);
        primitive.put("indices", indices);
        primitive.put("material", 0);
        primitive.put("mode", 4);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("asset", Map.of("version", "2.0", "generator", "Forge3D"));
        json.put("scene", 0);
        json.put("scenes", List.of(Map.of("nodes", List.of(0))));
        json.put("nodes", List.of(Map.of("mesh", 0, "name", "object")));
        json.put("meshes", List.of(Map.of("name", "object", "primitives", List.of(primitive))));
        json.put("materials", List.of(material));
        json.put("textures", b.textures);
        json.put("images", b.images);
        json.put("samplers", List.of(Map.of("magFilter", 9729, "minFilter", 9987, "wrapS", 33071, "wrapT", 33071)));
        json.put("accessors", b.accessors);
        json.put("bufferViews", b.bufferViews);
        byte[] bin = b.bin.toByteArray();
        json.put("buffers", List.of(Map.of("byteLength", bin.length)));
        return container(Json.write(json).getBytes(StandardCharsets.UTF_8), bin);
    }

    private static byte[] container(byte[] json, byte[] bin) {
        int jsonLength = align4(json.length);
        int binLength = align4(bin.length);
        int total = 12 + 8 + jsonLength + 8 + binLength;
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(2).putInt(total);
        out.putInt(jsonLength).putInt(JSON_CHUNK).put(json);
        for (int i = json.length; i < jsonLength; i++) {
            out.put((byte) ' ');
        }
        out.putInt(binLength).putInt(BIN_CHUNK).put(bin);
        for (int i = bin.length; i < binLength; i++) {
            out.put((byte) 0);
        }
        return out.array();
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    /** Accumulates the binary chunk and the JSON arrays that index into it. */
    private static final class Builder {
        final ByteArrayOutputStream bin = new ByteArrayOutputStream();
        final List<Object> bufferViews = new ArrayList<>();
        final List<Object> accessors = new ArrayList<>();
        final List<Object> images = new ArrayList<>();
        final List<Object> textures = new ArrayList<>();

        int bufferView(byte[] data, Integer target) {
            while (bin.size() % 4 != 0) {
                bin.write(0);
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("buffer", 0);
            view.put("byteOffset", bin.size());
            view.put("byteLength", data.length);
            if (target != null) {
                view.put("target", target);
            }
            bin.writeBytes(data);
            bufferViews.add(view);
            return bufferViews.size() - 1;
        }

        int floatAccessor(float[] values, String type, int width, List<Double> min, List<Double> max) {
            ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                data.putFloat(v);
            }
            Map<String, Object> accessor = new LinkedHashMap<>();
            accessor.put("bufferView", bufferView(data.array(), ARRAY_BUFFER));
            accessor.put("componentType", FLOAT);
            accessor.put("count", values.length / width);
            accessor.put("type", type);
            if (min != null) {
                // The bounds must be exactly the float values stored.
                accessor.put("min", min.stream().map(d -> (double) (float) (double) d).toList());
                accessor.put("max", max.stream().map(d -> (double) (float) (double) d).toList());
            }
            accessors.add(accessor);
            return accessors.size() - 1;
        }

        int indexAccessor(int[] indices, int vertexCount) {
            ByteBuffer data = ByteBuffer.allocate(4 * indices.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int i : indices) {
                if (i < 0 || i >= vertexCount) {
                    throw new IllegalArgumentException("index out of range: " + i);
                }
                data.putInt(i);
            }
            Map<String, Object> accessor = new LinkedHashMap<>();
            accessor.put("bufferView", bufferView(data.array(), ELEMENT_ARRAY_BUFFER));
            accessor.put("componentType", UNSIGNED_INT);
            accessor.put("count", indices.length);
            accessor.put("type", "SCALAR");
            accessors.add(accessor);
            return accessors.size() - 1;
        }

        int texture(byte[] png) {
            images.add(Map.of("bufferView", bufferView(png, null), "mimeType", "image/png"));
            textures.add(Map.of("sampler", 0, "source", images.size() - 1));
            return textures.size() - 1;
        }
    }
}
