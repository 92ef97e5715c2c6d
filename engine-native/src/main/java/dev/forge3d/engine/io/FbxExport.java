package dev.forge3d.engine.io;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.lwjgl.PointerBuffer;
import org.lwjgl.assimp.AIExportDataBlob;
import org.lwjgl.assimp.AIMesh;
import org.lwjgl.assimp.AIScene;
import org.lwjgl.assimp.AIVector3D;
import org.lwjgl.assimp.Assimp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * FBX through LWJGL's assimp: our OBJ (with its MTL and textures beside it) is imported and
 * exported as binary FBX, so the FBX names the same texture files. Assimp's exporter declares the
 * file in centimetres ({@code UnitScaleFactor} 1), so the vertices, in metres in the OBJ, are
 * written in centimetres: Blender, Unity and Unreal then open the model at its size in metres.
 * The material is the MTL's Phong translation of ours (see {@link ObjWriter#mtl}), with the
 * template's defaults set to a non-metal.
 */
public final class FbxExport {
    /** The FBX unit assimp declares is the centimetre. */
    static final float CENTIMETRES_PER_METRE = 100;
    /** The template's SpecularFactor; Blender takes twice it, 0.5, as a 4% reflectance. */
    static final double SPECULAR_FACTOR = 0.25;
    /**
     * The header's creation time stamp. Assimp stamps the wall clock there, so the same job gave
     * FBX files that differed in it; the stamp is set to the time its header's CreationTime string
     * already states, a constant of assimp's.
     */
    static final LocalDateTime CREATION_TIME = LocalDateTime.of(1970, 1, 1, 10, 0);

    private FbxExport() {
    }

    /** Converts {@code obj} (its MTL and textures beside it) to binary FBX at {@code fbx}. */
    public static void fromObj(Path obj, Path fbx) throws IOException {
        if (!Files.isRegularFile(obj)) {
            throw new IllegalArgumentException("no OBJ at " + obj);
        }
        AIScene scene = Assimp.aiImportFile(obj.toAbsolutePath().toString(), 0);
        if (scene == null) {
            throw new Forge3dException(ErrorCode.INTERNAL_ERROR, "assimp could not read the OBJ for the FBX export: "
                    + Assimp.aiGetErrorString());
        }
        byte[] bytes;
        try {
            toCentimetres(scene);
            bytes = exportToMemory(scene);
        } finally {
            Assimp.aiReleaseImport(scene);
        }
        setInPlace(bytes);
        Files.write(fbx, bytes);
    }

    /** The scene as binary FBX, exported to memory so that the file is written once, edited. */
    private static byte[] exportToMemory(AIScene scene) {
        AIExportDataBlob blob = Assimp.aiExportSceneToBlob(scene, "fbx", 0);
        if (blob == null) {
            throw new Forge3dException(ErrorCode.INTERNAL_ERROR, "assimp FBX export failed: "
                    + Assimp.aiGetErrorString());
        }
        try {
            ByteBuffer data = blob.data();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            return bytes;
        } finally {
            Assimp.aiReleaseExportBlob(blob);
        }
    }

    /**
     * The values set in assimp's FBX, in place. Assimp writes the FBX SDK's Phong template, with
     * ReflectionFactor 1 and SpecularFactor 1, and states neither in the material, so readers that
     * apply the template (Blender's importer, assimp's) see a shiny metal: the template gets our
     * material's values instead, no reflection (metallic 0) and a specular factor that Blender
     * reads as its neutral dielectric specular. And the creation time stamp, the wall clock in
     * assimp's file, becomes {@link #CREATION_TIME}.
     */
    private static void setInPlace(byte[] bytes) {
        try {
            FbxRecords.setTemplateNumber(bytes, "ReflectionFactor", 0);
            FbxRecords.setTemplateNumber(bytes, "SpecularFactor", SPECULAR_FACTOR);
            FbxRecords.setCreationTimeStamp(bytes, CREATION_TIME);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // FbxRecords' message names the record it did not find.
            throw new Forge3dException(ErrorCode.INTERNAL_ERROR, "assimp's FBX lacks a record Forge3D sets: "
                    + e.getMessage());
        }
    }

    /** Scales every mesh's vertices in place; the OBJ's nodes carry no transforms to scale. */
    private static void toCentimetres(AIScene scene) {
        PointerBuffer meshes = scene.mMeshes();
        for (int m = 0; m < scene.mNumMeshes(); m++) {
            AIVector3D.Buffer vertices = AIMesh.create(meshes.get(m)).mVertices();
            for (int v = 0; v < vertices.remaining(); v++) {
                AIVector3D p = vertices.get(vertices.position() + v);
                p.set(p.x() * CENTIMETRES_PER_METRE, p.y() * CENTIMETRES_PER_METRE, p.z() * CENTIMETRES_PER_METRE);
            }
        }
    }
}
