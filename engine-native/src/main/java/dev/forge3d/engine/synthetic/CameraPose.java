package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;
import org.joml.Matrix4d;
import org.joml.Matrix4dc;
import org.joml.Vector3d;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A rigid camera pose held as its camera-to-world matrix in the OpenCV camera convention:
 * columns 0, 1, 2 of the rotation are the camera's x (image right), y (image down) and z
 * (viewing direction) axes in world coordinates, column 3 is the camera centre. An immutable
 * value; the matrix accessors return copies.
 */
public final class CameraPose {
    /** diag(1, -1, -1, 1): flips camera y and z, OpenCV to OpenGL and back. */
    private static final Matrix4dc FLIP_YZ = new Matrix4d().scaling(1, -1, -1);

    private final Matrix4d cameraToWorld;

    private CameraPose(Matrix4d cameraToWorld) {
        this.cameraToWorld = cameraToWorld;
    }

    /** The pose with this camera-to-world matrix (OpenCV camera axes); it must be rigid. */
    public static CameraPose ofCameraToWorld(Matrix4dc cameraToWorld) {
        Matrix4d m = new Matrix4d(cameraToWorld);
        checkRigid(m);
        return new CameraPose(m);
    }

    /** The pose from a camera-to-world matrix in the OpenGL/nerfstudio convention (y up, z back). */
    public static CameraPose ofOpenGlCameraToWorld(Matrix4dc cameraToWorldOpenGl) {
        return ofCameraToWorld(new Matrix4d(cameraToWorldOpenGl).mul(FLIP_YZ));
    }

    /** The pose from a row-major 4x4 camera-to-world matrix (OpenCV axes). */
    public static CameraPose ofRows(double[][] rows) {
        Matrix4d m = new Matrix4d();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                m.setRowColumn(r, c, rows[r][c]);
            }
        }
        return ofCameraToWorld(m);
    }

    /**
     * A camera at {@code eye} looking at {@code target}, with {@code up} (world) appearing up in
     * the image. The viewing direction must not be parallel to up.
     */
    public static CameraPose lookAt(Vec3 eye, Vec3 target, Vec3 up) {
        Vector3d z = new Vector3d(target.x() - eye.x(), target.y() - eye.y(), target.z() - eye.z());
        if (z.lengthSquared() == 0) {
            throw new IllegalArgumentException("eye and target coincide");
        }
        z.normalize();
        Vector3d x = new Vector3d(z).cross(up.x(), up.y(), up.z());
        if (x.length() < 1e-9) {
            throw new IllegalArgumentException("viewing direction is parallel to up");
        }
        x.normalize();
        Vector3d y = new Vector3d(z).cross(x);
        Matrix4d m = new Matrix4d(
                x.x, x.y, x.z, 0,
                y.x, y.y, y.z, 0,
                z.x, z.y, z.z, 0,
                eye.x(), eye.y(), eye.z(), 1);
        return new CameraPose(m);
    }

    /** Camera to world, OpenCV camera axes (a copy). */
    public Matrix4d cameraToWorld() {
        return new Matrix4d(cameraToWorld);
    }

    /** World to camera, OpenCV camera axes (a copy). */
    public Matrix4d worldToCamera() {
        return new Matrix4d(cameraToWorld).invertAffine();
    }

    /**
     * Camera to world in the OpenGL/nerfstudio/transforms.json convention: camera x right, y up,
     * z backward. Equal to cameraToWorld() * diag(1, -1, -1, 1).
     */
    public Matrix4d cameraToWorldOpenGl() {
        return new Matrix4d(cameraToWorld).mul(FLIP_YZ);
    }

    /** The camera centre in world coordinates. */
    public Vec3 position() {
        return new Vec3(cameraToWorld.m30(), cameraToWorld.m31(), cameraToWorld.m32());
    }

    /** The viewing direction (camera +z) in world coordinates. */
    public Vec3 forward() {
        return new Vec3(cameraToWorld.m20(), cameraToWorld.m21(), cameraToWorld.m22());
    }

    /** The camera-to-world matrix, OpenCV axes, as four rows of four. */
    public double[][] rows() {
        return rows(cameraToWorld);
    }

    /** A matrix as four rows of four. */
    static double[][] rows(Matrix4dc m) {
        double[][] rows = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                rows[r][c] = m.getRowColumn(r, c);
            }
        }
        return rows;
    }

    /** Rows as nested lists, ready for {@link dev.forge3d.engine.io.Json}. */
    static List<Object> jsonRows(Matrix4dc m) {
        List<Object> out = new ArrayList<>();
        for (double[] row : rows(m)) {
            out.add(row);
        }
        return out;
    }

    private static void checkRigid(Matrix4dc m) {
        Matrix4d r = new Matrix4d(m);
        boolean affine = m.m03() == 0 && m.m13() == 0 && m.m23() == 0 && m.m33() == 1;
        Matrix4d rtR = new Matrix4d(r).setTranslation(0, 0, 0).transpose().mul(new Matrix4d(r).setTranslation(0, 0, 0));
        if (!affine || !rtR.equals(new Matrix4d(), 1e-6) || Math.abs(r.determinant3x3() - 1) > 1e-6) {
            throw new IllegalArgumentException("not a rigid transform: " + m);
        }
    }

    /** Equal when all sixteen entries are numerically equal (so 0.0 equals -0.0). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CameraPose other)) {
            return false;
        }
        double[][] a = rows();
        double[][] b = other.rows();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                if (a[r][c] != b[r][c]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        double[] values = new double[16];
        double[][] rows = rows();
        for (int i = 0; i < 16; i++) {
            values[i] = rows[i / 4][i % 4] + 0.0;
        }
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "CameraPose[position=" + position() + ", forward=" + forward() + "]";
    }
}
