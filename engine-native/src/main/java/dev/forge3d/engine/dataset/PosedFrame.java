package dev.forge3d.engine.dataset;

import org.joml.Matrix4d;
import org.joml.Matrix4dc;

import java.nio.file.Path;

/**
 * One image of a dataset with its pose.
 *
 * @param filePath      the path as written in the dataset file, relative to the dataset folder
 * @param file          that path resolved against the dataset folder
 * @param cameraToWorld camera-to-world in the OpenCV convention (x right, y down, z forward);
 *                      a read-only copy
 * @param camera        index into {@link PosedDataset#cameras()}
 */
public record PosedFrame(String filePath, Path file, Matrix4dc cameraToWorld, int camera) {
    /** OpenCV camera axes to OpenGL ones (y up, z backward) and back: flip y and z. */
    private static final Matrix4dc FLIP_YZ = new Matrix4d().scaling(1, -1, -1);

    public PosedFrame {
        cameraToWorld = new Matrix4d(cameraToWorld);
        if (!cameraToWorld.isAffine()) {
            throw new IllegalArgumentException("camera-to-world must be affine: " + cameraToWorld);
        }
    }

    /** Camera-to-world in the OpenGL convention of transforms.json (x right, y up, z backward). */
    public Matrix4d cameraToWorldOpenGl() {
        return new Matrix4d(cameraToWorld).mul(FLIP_YZ);
    }

    public static PosedFrame fromOpenGl(String filePath, Path file, Matrix4dc cameraToWorldOpenGl, int camera) {
        return new PosedFrame(filePath, file, new Matrix4d(cameraToWorldOpenGl).mul(FLIP_YZ), camera);
    }

    public Matrix4d worldToCamera() {
        return new Matrix4d(cameraToWorld).invertAffine();
    }
}
