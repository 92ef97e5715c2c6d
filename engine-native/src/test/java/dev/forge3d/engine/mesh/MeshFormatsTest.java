package dev.forge3d.engine.mesh;

import dev.forge3d.api.JobResult;
import dev.forge3d.api.OutputFormat;
import dev.forge3d.api.Topology;
import dev.forge3d.engine.io.UsdzWriter;
import dev.forge3d.engine.media.VideoProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lwjgl.assimp.AIMaterial;
import org.lwjgl.assimp.AIMesh;
import org.lwjgl.assimp.AIScene;
import org.lwjgl.assimp.AIString;
import org.lwjgl.assimp.AIVector3D;
import org.lwjgl.assimp.Assimp;
import org.lwjgl.system.MemoryStack;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every output format from one quad-topology job, each read back. */
class MeshFormatsTest {
    static Path out;
    static JobResult result;

    @BeforeAll
    static void runJob() throws Exception {
        MeshJobTest.generate();
        out = MeshJobTest.temp.resolve("formats/chair.glb");
        result = MeshJobTest.run(MeshJobTest.lowPoly().pbr(true).topology(Topology.QUADS)
                .outputs(EnumSet.allOf(OutputFormat.class)).build(), out);
    }

    @AfterAll
    static void close() throws Exception {
        MeshJobTest.close();
    }

    @Test
    void objIsQuadDominantWithItsMaterialAndTextures() throws Exception {
        Path obj = out.resolveSibling("chair.obj");
        List<String> lines = Files.readAllLines(obj);
        long quads = lines.stream().filter(l -> l.startsWith("f ") && l.split(" ").length == 5).count();
        long triangles = lines.stream().filter(l -> l.startsWith("f ") && l.split(" ").length == 4).count();
        // Quad-dominant: most faces are quads, and most triangles found a partner.
        assertTrue(quads > triangles && 2 * quads >= 0.7 * (2 * quads + triangles),
                "quads " + quads + ", triangles " + triangles);
        assertEquals(((Number) result.metrics().get("faces")).intValue(), 2 * quads + triangles);
        assertTrue(lines.contains("mtllib chair.mtl"));
        String mtl = Files.readString(out.resolveSibling("chair.mtl"));
        assertTrue(mtl.contains("map_Kd chair_basecolor.png") && mtl.contains("norm chair_normal.png"), mtl);
        for (String png : List.of("chair_basecolor.png", "chair_normal.png", "chair_metallic_roughness.png")) {
            assertTrue(Files.size(out.resolveSibling(png)) > 0, png);
        }
    }

    @Test
    void fbxLoadsBackThroughAssimp() {
        Path fbx = out.resolveSibling("chair.fbx");
        AIScene scene = Assimp.aiImportFile(fbx.toString(), Assimp.aiProcess_Triangulate);
        assertNotNull(scene, Assimp.aiGetErrorString());
        try {
            assertEquals(1, scene.mNumMeshes());
            AIMesh mesh = AIMesh.create(scene.mMeshes().get(0));
            assertEquals(((Number) result.metrics().get("faces")).intValue(), mesh.mNumFaces());
            assertTrue(mesh.mTextureCoords(0) != null, "uvs survive");
            assertTrue(scene.mNumMaterials() >= 1);
            // assimp writes UnitScaleFactor 1, centimetres: the model's metres must be written as centimetres.
            @SuppressWarnings("unchecked")
            List<Number> metres = (List<Number>) result.metrics().get("bbox_m");
            double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            AIVector3D.Buffer vertices = mesh.mVertices();
            for (int v = 0; v < mesh.mNumVertices(); v++) {
                AIVector3D p = vertices.get(v);
                double[] xyz = {p.x(), p.y(), p.z()};
                for (int a = 0; a < 3; a++) {
                    lo[a] = Math.min(lo[a], xyz[a]);
                    hi[a] = Math.max(hi[a], xyz[a]);
                }
            }
            for (int a = 0; a < 3; a++) {
                double centimetres = 100 * metres.get(a).doubleValue();
                assertEquals(centimetres, hi[a] - lo[a], 0.01 * centimetres, "FBX extent on axis " + a + " in cm");
            }
        } finally {
            Assimp.aiReleaseImport(scene);
        }
    }

    @Test
    void fbxMaterialKeepsTheTexturesAndTheRoughness() {
        checkMaterialReadBack("chair.fbx", material -> {
            assertEquals("chair_basecolor.png", texture(material, Assimp.aiTextureType_DIFFUSE));
            assertEquals("chair_normal.png", texture(material, Assimp.aiTextureType_NORMALS));
            // assimp reads the roughness back from the Phong exponent, as Blender does.
            try (MemoryStack stack = MemoryStack.stackPush()) {
                FloatBuffer roughness = stack.mallocFloat(1);
                assertEquals(Assimp.aiReturn_SUCCESS, Assimp.aiGetMaterialFloatArray(material,
                        Assimp.AI_MATKEY_ROUGHNESS_FACTOR, 0, 0, roughness, stack.ints(1)));
                assertEquals(MeshAsset.ROUGHNESS, roughness.get(0), 0.005);
            }
        });
    }

    @Test
    void objScalarMapsNameTheChannelsThatHoldTheirValues() throws Exception {
        // The texture itself is the ground truth: the channel each map line names must hold
        // metallic 0 and the roughness in every texel.
        String mtl = Files.readString(out.resolveSibling("chair.mtl"));
        assertEquals(MeshAsset.ROUGHNESS, namedChannelValue(mtl, "map_Pr"), 0.5 / 255);
        assertEquals(0, namedChannelValue(mtl, "map_Pm"), 0.5 / 255);
    }

    /** The one value every texel holds in the channel that a {@code -imfchan} map line names. */
    private static double namedChannelValue(String mtl, String key) throws Exception {
        Matcher line = Pattern.compile("(?m)^" + key + " -imfchan ([rgb]) (\\S+)$").matcher(mtl);
        assertTrue(line.find(), key + " with a channel in\n" + mtl);
        int shift = 16 - 8 * "rgb".indexOf(line.group(1));
        BufferedImage image = ImageIO.read(out.resolveSibling(line.group(2)).toFile());
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        int first = rgb[0] >> shift & 0xFF;
        for (int texel : rgb) {
            assertEquals(first, texel >> shift & 0xFF, key + " channel " + line.group(1));
        }
        return first / 255.0;
    }

    @Test
    void objMaterialNamesTheRoughnessAndMetallicChannelsOfThePackedMap() {
        // -imfchan tells a reader which channel of glTF's packed texture holds the scalar: read as a
        // texture option, not as part of the file name.
        checkMaterialReadBack("chair.obj", material -> {
            assertEquals("chair_metallic_roughness.png", texture(material, Assimp.aiTextureType_DIFFUSE_ROUGHNESS));
            assertEquals("chair_metallic_roughness.png", texture(material, Assimp.aiTextureType_METALNESS));
            assertEquals("chair_normal.png", texture(material, Assimp.aiTextureType_NORMALS));
        });
    }

    /** Reads a file the job wrote back through assimp and hands its mesh's material to {@code check}. */
    private static void checkMaterialReadBack(String file, Consumer<AIMaterial> check) {
        AIScene scene = Assimp.aiImportFile(out.resolveSibling(file).toString(), 0);
        assertNotNull(scene, Assimp.aiGetErrorString());
        try {
            AIMesh mesh = AIMesh.create(scene.mMeshes().get(0));
            check.accept(AIMaterial.create(scene.mMaterials().get(mesh.mMaterialIndex())));
        } finally {
            Assimp.aiReleaseImport(scene);
        }
    }

    private static String texture(AIMaterial material, int type) {
        try (AIString path = AIString.calloc()) {
            assertEquals(Assimp.aiReturn_SUCCESS, Assimp.aiGetMaterialTexture(material, type, 0, path,
                    (IntBuffer) null, null, null, null, null, null), "texture of type " + type);
            return path.dataString();
        }
    }

    @Test
    void usdzIsAStoredZipWithAlignedDataAndAParsableLayer() throws Exception {
        byte[] zip = Files.readAllBytes(out.resolveSibling("chair.usdz"));
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        int entries = 0;
        String layer = null;
        while (b.getInt(at) == 0x04034b50) {
            int method = b.getShort(at + 8);
            int size = b.getInt(at + 18);
            int nameLength = b.getShort(at + 26) & 0xFFFF;
            int extraLength = b.getShort(at + 28) & 0xFFFF;
            String name = new String(zip, at + 30, nameLength, StandardCharsets.UTF_8);
            int data = at + 30 + nameLength + extraLength;
            assertEquals(0, method, name + " is stored");
            assertEquals(0, data % 64, name + " data offset " + data);
            if (entries == 0) {
                assertEquals(UsdzWriter.LAYER, name, "the layer comes first");
                layer = new String(zip, data, size, StandardCharsets.UTF_8);
            }
            at = data + size;
            entries++;
        }
        assertEquals(0x02014b50, b.getInt(at), "central directory follows the entries");
        assertEquals(4, entries);
        assertNotNull(layer);
        checkUsda(layer, ((Number) result.metrics().get("vertices")).intValue());
    }

    /** A structural parse of the usda: header metadata, balanced blocks, consistent mesh arrays. */
    static void checkUsda(String usda, int vertices) {
        assertTrue(usda.startsWith("#usda 1.0\n"));
        assertTrue(usda.contains("upAxis = \"Y\"") && usda.contains("metersPerUnit = 1"));
        Matcher prim = Pattern.compile("defaultPrim = \"(\\w+)\"").matcher(usda);
        assertTrue(prim.find());
        assertTrue(usda.contains("def Xform \"" + prim.group(1) + "\""), "the default prim exists");
        Deque<Character> open = new ArrayDeque<>();
        boolean inString = false;
        for (char c : usda.toCharArray()) {
            if (c == '"') {
                inString = !inString;
            } else if (!inString && "{[(<".indexOf(c) >= 0 && c != '<') {
                open.push(c);
            } else if (!inString && "}])".indexOf(c) >= 0) {
                char o = open.pop();
                assertEquals("{[(".indexOf(o), "}])".indexOf(c), "balanced brackets");
            }
        }
        assertTrue(open.isEmpty());
        int[] counts = ints(usda, "faceVertexCounts");
        int[] indices = ints(usda, "faceVertexIndices");
        int sum = 0;
        for (int c : counts) {
            assertTrue(c == 3 || c == 4);
            sum += c;
        }
        assertEquals(sum, indices.length);
        for (int i : indices) {
            assertTrue(i >= 0 && i < vertices);
        }
        assertEquals(vertices, tupleCount(usda, "point3f[] points"));
        assertEquals(vertices, tupleCount(usda, "texCoord2f[] primvars:st"));
        assertTrue(usda.contains("uniform token info:id = \"UsdPreviewSurface\""));
        assertTrue(usda.contains("asset inputs:file = @textures/basecolor.png@"));
    }

    private static int[] ints(String usda, String name) {
        Matcher m = Pattern.compile("int\\[\\] " + name + " = \\[([^\\]]*)\\]").matcher(usda);
        assertTrue(m.find(), name);
        String[] parts = m.group(1).split(",\\s*");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        return out;
    }

    private static int tupleCount(String usda, String declaration) {
        int start = usda.indexOf(declaration + " = [");
        assertTrue(start >= 0, declaration);
        start += declaration.length() + 4;
        int end = usda.indexOf(']', start);
        return (int) usda.substring(start, end).chars().filter(c -> c == '(').count();
    }

    @Test
    void theTurntableVideoHasEveryFrame() {
        Path video = out.resolveSibling("chair.mp4");
        VideoProbe.VideoInfo info = VideoProbe.header(video, video.toString());
        assertEquals(TurntableVideo.SIZE, info.width());
        assertEquals(TurntableVideo.FRAMES, info.frameCount());
    }
}
