package dev.forge3d.engine.mesh;

import dev.forge3d.engine.io.Json;

import java.util.ArrayList;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A minimal GLB reader for tests: the JSON, the binary chunk, positions, faces, images. */
record GlbFile(Map<String, Object> json, ByteBuffer bin) {

    static GlbFile read(Path file) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (all.getInt(0) != 0x46546C67 || all.getInt(4) != 2 || all.getInt(8) != all.capacity()) {
            throw new IOException("not a GLB 2 file");
        }
        int jsonLength = all.getInt(12);
        String json = new String(all.array(), 20, jsonLength, StandardCharsets.UTF_8);
        int binLength = all.getInt(20 + jsonLength);
        ByteBuffer bin = ByteBuffer.wrap(all.array(), 28 + jsonLength, binLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new GlbFile(Json.parseObject(json), bin);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> primitive() {
        Map<String, Object> mesh = (Map<String, Object>) ((List<Object>) json.get("meshes")).get(0);
        return (Map<String, Object>) ((List<Object>) mesh.get("primitives")).get(0);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> accessor(int index) {
        return (Map<String, Object>) ((List<Object>) json.get("accessors")).get(index);
    }

    @SuppressWarnings("unchecked")
    int attribute(String name) {
        return ((Number) ((Map<String, Object>) primitive().get("attributes")).get(name)).intValue();
    }

    int faceCount() {
        return ((Number) accessor(((Number) primitive().get("indices")).intValue()).get("count")).intValue() / 3;
    }

    /** The float values of an accessor. */
    @SuppressWarnings("unchecked")
    float[] floats(int accessorIndex) {
        Map<String, Object> accessor = accessor(accessorIndex);
        Map<String, Object> view = (Map<String, Object>) ((List<Object>) json.get("bufferViews"))
                .get(((Number) accessor.get("bufferView")).intValue());
        int offset = ((Number) view.get("byteOffset")).intValue();
        int width = switch ((String) accessor.get("type")) {
            case "VEC2" -> 2;
            case "VEC3" -> 3;
            case "VEC4" -> 4;
            default -> 1;
        };
        float[] out = new float[width * ((Number) accessor.get("count")).intValue()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bin.getFloat(offset + 4 * i);
        }
        return out;
    }

    /** min x, y, z then max x, y, z of the stored positions. */
    double[] positionBounds() {
        float[] p = floats(attribute("POSITION"));
        return new TriMesh(p, new int[0]).bounds();
    }

    @SuppressWarnings("unchecked")
    List<BufferedImage> images() throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        for (Object o : (List<Object>) json.get("images")) {
            Map<String, Object> view = (Map<String, Object>) ((List<Object>) json.get("bufferViews"))
                    .get(((Number) ((Map<String, Object>) o).get("bufferView")).intValue());
            int offset = ((Number) view.get("byteOffset")).intValue();
            int length = ((Number) view.get("byteLength")).intValue();
            out.add(ImageIO.read(new ByteArrayInputStream(bin.array(), bin.arrayOffset() + offset, length)));
        }
        return out;
    }
}
