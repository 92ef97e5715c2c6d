package dev.forge3d.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwjgl.assimp.AIMaterial;
import org.lwjgl.assimp.AIScene;
import org.lwjgl.assimp.Assimp;
import org.lwjgl.system.MemoryStack;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FBX's material template and creation time stamp, read by our reader and by assimp's importer. */
class FbxExportTest {
    @TempDir
    Path folder;

    /** A one-triangle OBJ with a Phong MTL, converted to FBX. */
    private Path triangleFbx() throws Exception {
        Files.writeString(folder.resolve("t.mtl"), "newmtl baked\nKd 1 1 1\nKs 0.04 0.04 0.04\nNs 4\nillum 2\n");
        Files.writeString(folder.resolve("t.obj"), "mtllib t.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl baked\nf 1 2 3\n");
        Path fbx = folder.resolve("t.fbx");
        FbxExport.fromObj(folder.resolve("t.obj"), fbx);
        return fbx;
    }

    private static float materialFloat(AIScene scene, String key) {
        AIMaterial material = AIMaterial.create(scene.mMaterials().get(scene.mNumMaterials() - 1));
        try (MemoryStack stack = MemoryStack.stackPush()) {
            FloatBuffer value = stack.mallocFloat(1);
            int status = Assimp.aiGetMaterialFloatArray(material, key, 0, 0, value, stack.ints(1));
            assertEquals(Assimp.aiReturn_SUCCESS, status, key + " is in the FBX material");
            return value.get(0);
        }
    }

    @Test
    void theMaterialTemplateIsANonMetalToOurReaderAndToAssimp() throws Exception {
        Path fbx = triangleFbx();
        byte[] bytes = Files.readAllBytes(fbx);
        assertEquals(0, FbxRecords.templateNumber(bytes, "ReflectionFactor"));
        assertEquals(FbxExport.SPECULAR_FACTOR, FbxRecords.templateNumber(bytes, "SpecularFactor"));

        AIScene scene = Assimp.aiImportFile(fbx.toString(), 0);
        assertNotNull(scene, Assimp.aiGetErrorString());
        try {
            // assimp reads ReflectionFactor as the reflectivity, SpecularFactor as the shininess strength.
            assertEquals(0, materialFloat(scene, Assimp.AI_MATKEY_REFLECTIVITY), 1e-6);
            assertEquals(FbxExport.SPECULAR_FACTOR, materialFloat(scene, Assimp.AI_MATKEY_SHININESS_STRENGTH), 1e-6);
            assertEquals(4, materialFloat(scene, Assimp.AI_MATKEY_SHININESS), 1e-6);
        } finally {
            Assimp.aiReleaseImport(scene);
        }
    }

    @Test
    void theCreationTimeStampIsAConstantNotTheClock() throws Exception {
        byte[] bytes = Files.readAllBytes(triangleFbx());
        assertEquals(FbxExport.CREATION_TIME, FbxRecords.creationTimeStamp(bytes));
        // The stamp's seven ints are set in place: setting another time and back restores every byte.
        byte[] edited = bytes.clone();
        LocalDateTime other = LocalDateTime.of(2031, 12, 24, 23, 59, 58, 123_000_000);
        FbxRecords.setCreationTimeStamp(edited, other);
        assertEquals(other, FbxRecords.creationTimeStamp(edited));
        FbxRecords.setCreationTimeStamp(edited, FbxExport.CREATION_TIME);
        assertArrayEquals(bytes, edited);
    }

    @Test
    void settingANumberChangesOnlyItsEightBytes() throws Exception {
        byte[] before = Files.readAllBytes(triangleFbx());
        byte[] after = before.clone();
        FbxRecords.setTemplateNumber(after, "DiffuseFactor", 0.625);
        assertEquals(0.625, FbxRecords.templateNumber(after, "DiffuseFactor"));
        int changed = 0;
        int first = -1;
        for (int i = 0; i < before.length; i++) {
            if (before[i] != after[i]) {
                changed++;
                first = first < 0 ? i : first;
            }
        }
        assertEquals(before.length, after.length);
        assertTrue(changed > 0 && changed <= 8, changed + " bytes changed");
        byte[] restored = after.clone();
        FbxRecords.setTemplateNumber(restored, "DiffuseFactor", FbxRecords.templateNumber(before, "DiffuseFactor"));
        assertArrayEquals(before, restored, "first change at " + first);
    }

    @Test
    void anythingButABinaryFbxOrAMissingPropertyIsRefused() throws Exception {
        byte[] text = "; FBX 7.4.0 project file\n".getBytes();
        assertThrows(IllegalArgumentException.class, () -> FbxRecords.templateNumber(text, "ReflectionFactor"));
        byte[] fbx = Files.readAllBytes(triangleFbx());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> FbxRecords.setTemplateNumber(fbx, "NoSuchFactor", 1));
        assertTrue(missing.getMessage().contains("NoSuchFactor"), missing.getMessage());
        assertArrayEquals(Files.readAllBytes(folder.resolve("t.fbx")), fbx, "a refused edit leaves the bytes");
        // A record that claims to end where it starts would otherwise be walked forever.
        ByteBuffer.wrap(fbx).order(ByteOrder.LITTLE_ENDIAN).putLong(27, 27);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IllegalArgumentException.class,
                () -> FbxRecords.templateNumber(fbx, "ReflectionFactor")));
    }
}
