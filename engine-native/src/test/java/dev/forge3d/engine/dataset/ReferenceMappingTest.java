package dev.forge3d.engine.dataset;

import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A photo's own camera and pose, from the reference camera the mapping gives, must see every
 * world point where the reference camera sees it, carried into the photo's pixels.
 */
class ReferenceMappingTest {
    static final CameraIntrinsics REFERENCE = new CameraIntrinsics(640, 480, 520, 520, 323.5, 236.25, -0.03);

    @Test
    void fitsPhotosOfTheSameShapeTurnedOrNotAtAnySize() {
        assertEquals(ReferenceMapping.identity(640, 480), ReferenceMapping.fit(640, 480, 640, 480).orElseThrow());
        assertEquals(new ReferenceMapping(320, 240, false, 2), ReferenceMapping.fit(320, 240, 640, 480).orElseThrow());
        assertEquals(new ReferenceMapping(480, 640, true, 1), ReferenceMapping.fit(480, 640, 640, 480).orElseThrow());
        assertEquals(new ReferenceMapping(240, 320, true, 2), ReferenceMapping.fit(240, 320, 640, 480).orElseThrow());
        // Shrunk by 3 and rounded down: 213 x 160 is within a photo pixel of the shape.
        ReferenceMapping rounded = ReferenceMapping.fit(213, 160, 640, 480).orElseThrow();
        assertFalse(rounded.turned());
        assertEquals(640.0 / 213, rounded.scale(), 1e-12);
    }

    @Test
    void refusesPhotosOfAnotherShape() {
        assertEquals(Optional.empty(), ReferenceMapping.fit(480, 480, 640, 480));
        assertEquals(Optional.empty(), ReferenceMapping.fit(640, 360, 640, 480));
        assertEquals(Optional.empty(), ReferenceMapping.fit(360, 640, 640, 480));
    }

    @Test
    void keypointsCarryOverAndBack() {
        for (ReferenceMapping mapping : mappings()) {
            float[] xy = {0.5f, 0.5f, 17.25f, 100.75f, mapping.width() - 0.5f, mapping.height() - 0.5f};
            float[] inReference = mapping.toReference(xy);
            for (int i = 0; i < xy.length; i += 2) {
                double[] back = mapping.fromReference(inReference[i], inReference[i + 1]);
                assertArrayEquals(new double[] {xy[i], xy[i + 1]}, back, 1e-4, mapping.toString());
                assertTrue(inReference[i] > 0 && inReference[i] < REFERENCE.width()
                        && inReference[i + 1] > 0 && inReference[i + 1] < REFERENCE.height(), mapping + " inside");
            }
        }
    }

    @Test
    void thePhotosOwnCameraAndPoseSeeWhatTheReferenceSees() {
        Random random = new Random(7);
        Matrix4d referencePose = new Matrix4d().translation(0.3, -0.2, 1.1).rotateXYZ(0.4, -1.2, 0.25);
        for (ReferenceMapping mapping : mappings()) {
            CameraIntrinsics own = mapping.camera(REFERENCE);
            assertEquals(mapping.width(), own.width());
            assertEquals(mapping.height(), own.height());
            Matrix4d ownPose = mapping.cameraToWorld(referencePose);
            for (int n = 0; n < 50; n++) {
                Vector3d inCamera = new Vector3d(random.nextDouble() - 0.5, random.nextDouble() - 0.5,
                        1 + random.nextDouble());
                Vector3d world = referencePose.transformPosition(new Vector3d(inCamera));
                double[] inReference = project(REFERENCE, new Matrix4d(referencePose).invertAffine(), world);
                double[] inPhoto = project(own, new Matrix4d(ownPose).invertAffine(), world);
                float[] carried = mapping.toReference(new float[] {(float) inPhoto[0], (float) inPhoto[1]});
                assertArrayEquals(inReference, new double[] {carried[0], carried[1]}, 1e-3, mapping.toString());
            }
        }
    }

    private static ReferenceMapping[] mappings() {
        return new ReferenceMapping[] {
                ReferenceMapping.identity(640, 480),
                ReferenceMapping.fit(320, 240, 640, 480).orElseThrow(),
                ReferenceMapping.fit(480, 640, 640, 480).orElseThrow(),
                ReferenceMapping.fit(160, 213, 640, 480).orElseThrow()};
    }

    /** The pinhole-plus-k1 projection {@link CameraIntrinsics} documents. */
    private static double[] project(CameraIntrinsics c, Matrix4d worldToCamera, Vector3d world) {
        Vector3d p = worldToCamera.transformPosition(new Vector3d(world));
        double x = p.x / p.z;
        double y = p.y / p.z;
        double d = 1 + c.k1() * (x * x + y * y);
        return new double[] {c.fx() * d * x + c.cx(), c.fy() * d * y + c.cy()};
    }
}
