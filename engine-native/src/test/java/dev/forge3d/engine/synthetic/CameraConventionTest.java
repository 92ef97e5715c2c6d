package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pose, orbit and intrinsics conventions as documented. */
class CameraConventionTest {
    private static final Vec3 TARGET = new Vec3(0.2, 0.5, -0.1);

    @Test
    void lookAtUsesOpenCvAxesWithWorldUpAppearingUp() {
        CameraPose pose = CameraPose.lookAt(new Vec3(0.2, 1.5, 3), TARGET, new Vec3(0, 1, 0));
        PinholeIntrinsics k = PinholeIntrinsics.fromHorizontalFov(200, 100, 60);
        IndependentProjection camera = new IndependentProjection(pose.rows(), k);
        double[] centre = camera.project(TARGET.x(), TARGET.y(), TARGET.z());
        assertEquals(100, centre[0], 1e-9);
        assertEquals(50, centre[1], 1e-9);
        assertTrue(centre[2] > 0, "the target is in front (camera +z)");
        double[] above = camera.project(TARGET.x(), TARGET.y() + 0.1, TARGET.z());
        assertTrue(above[1] < centre[1], "world up is image up (smaller v)");
        double[] right = camera.project(TARGET.x() + 0.1, TARGET.y(), TARGET.z());
        assertTrue(right[0] > centre[0], "seen from +z, world +x is image right");
        Matrix4d m = pose.cameraToWorld();
        assertEquals(0, m.m01(), 1e-15, "camera x stays horizontal");
    }

    @Test
    void openGlPoseFlipsTheCameraYAndZAxesAndConvertsBack() {
        CameraPose pose = OrbitCameras.camera(TARGET, 2.5, 20, 33);
        Matrix4d cv = pose.cameraToWorld();
        Matrix4d gl = pose.cameraToWorldOpenGl();
        for (int row = 0; row < 4; row++) {
            assertEquals(cv.getRowColumn(row, 0), gl.getRowColumn(row, 0), 0);
            assertEquals(-cv.getRowColumn(row, 1), gl.getRowColumn(row, 1), 0, "y axis");
            assertEquals(-cv.getRowColumn(row, 2), gl.getRowColumn(row, 2), 0, "z axis");
            assertEquals(cv.getRowColumn(row, 3), gl.getRowColumn(row, 3), 0);
        }
        assertEquals(pose, CameraPose.ofOpenGlCameraToWorld(gl));
        assertEquals(pose, CameraPose.ofRows(pose.rows()));
        assertTrue(pose.worldToCamera().mul(cv).equals(new Matrix4d(), 1e-12));
    }

    @Test
    void orbitCamerasCircleTheTargetEvenlyAtTheElevationStartingAtTheFront() {
        List<CameraPose> poses = OrbitCameras.orbit(24, TARGET, 3, 25, 0);
        assertEquals(24, poses.size());
        for (int i = 0; i < poses.size(); i++) {
            Vec3 p = poses.get(i).position();
            double dx = p.x() - TARGET.x();
            double dy = p.y() - TARGET.y();
            double dz = p.z() - TARGET.z();
            assertEquals(3, Math.sqrt(dx * dx + dy * dy + dz * dz), 1e-12);
            assertEquals(25, Math.toDegrees(Math.asin(dy / 3)), 1e-9);
            double azimuth = Math.toDegrees(Math.atan2(dx, dz));
            assertEquals(0, Math.IEEEremainder(azimuth - 15.0 * i, 360), 1e-9, "azimuth of camera " + i);
            Vec3 f = poses.get(i).forward();
            assertEquals(-dx / 3, f.x(), 1e-12);
            assertEquals(-dy / 3, f.y(), 1e-12);
            assertEquals(-dz / 3, f.z(), 1e-12);
        }
    }

    @Test
    void intrinsicsFollowTheFieldOfViewAndPixelCornerConvention() {
        PinholeIntrinsics k = PinholeIntrinsics.fromHorizontalFov(640, 360, 60);
        assertEquals(320 / Math.tan(Math.toRadians(30)), k.fx(), 1e-9);
        assertEquals(k.fx(), k.fy(), 0);
        assertEquals(320, k.cx(), 0);
        assertEquals(180, k.cy(), 0);
        assertEquals(60, k.horizontalFovDegrees(), 1e-9);
        PinholeIntrinsics opencv = k.withIntegerPixelCentres();
        assertEquals(319.5, opencv.cx(), 0);
        assertEquals(179.5, opencv.cy(), 0);
        PinholeIntrinsics half = k.scaled(0.5);
        assertEquals(320, half.width());
        assertEquals(160, half.cx(), 0);
        assertEquals(k.fx() / 2, half.fx(), 1e-12);
    }

    @Test
    void nonRigidPosesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> CameraPose.ofCameraToWorld(new Matrix4d().scaling(2)));
        assertThrows(IllegalArgumentException.class,
                () -> CameraPose.ofCameraToWorld(new Matrix4d().scaling(1, 1, -1)));
    }
}
