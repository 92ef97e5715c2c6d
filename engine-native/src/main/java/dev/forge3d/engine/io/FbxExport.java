package dev.forge3d.engine.io;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.lwjgl.assimp.AIScene;
import org.lwjgl.assimp.Assimp;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * FBX through LWJGL's assimp: our OBJ (with its MTL and textures beside it) is imported and
 * exported as binary FBX, so the FBX names the same texture files.
 */
public final class FbxExport {
    private FbxExport() {
    }

    /** Converts {@code obj} (its MTL and textures beside it) to binary FBX at {@code fbx}. */
    public static void fromObj(Path obj, Path fbx) {
        if (!Files.isRegularFile(obj)) {
            throw new IllegalArgumentException("no OBJ at " + obj);
        }
        AIScene scene = Assimp.aiImportFile(obj.toAbsolutePath().toString(), 0);
        if (scene == null) {
            throw new Forge3dException(ErrorCode.INTERNAL_ERROR, "assimp could not read the OBJ for the FBX export: "
                    + Assimp.aiGetErrorString());
        }
        try {
            int status = Assimp.aiExportScene(scene, "fbx", fbx.toAbsolutePath().toString(), 0);
            if (status != Assimp.aiReturn_SUCCESS) {
                throw new Forge3dException(ErrorCode.INTERNAL_ERROR, "assimp FBX export failed: "
                        + Assimp.aiGetErrorString());
            }
        } finally {
            Assimp.aiReleaseImport(scene);
        }
    }
}
