package dev.forge3d.engine.pipeline;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatView;
import dev.forge3d.engine.dataset.CameraIntrinsics;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.dataset.PosedFrame;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The splat turntable looks down on the scene from 20 degrees above, whichever way is up. */
class SplatTurntableOrbitTest {
    static final double SIN_20 = Math.sin(Math.toRadians(20));

    @Test
    void withoutPosesMinusYIsUpAsForAnUprightOpenCvCamera() {
        SplatArrays g = blob(new Vector3d(1, 2, 3));
        for (SplatView view : RenderPipeline.orbit(g, null)) {
            Vector3d eye = centre(view);
            Vector3d offset = eye.sub(1, 2, 3);
            assertEquals(-SIN_20, offset.y / offset.length(), 0.05, "20 degrees above, towards -y");
        }
    }

    @Test
    void withPosesTheCamerasMeanUpIsUp() {
        // Upright OpenCV cameras on a circle in a world whose up is +z: each camera's y (down) is -z.
        List<PosedFrame> frames = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            double a = 2 * Math.PI * i / 8;
            Vector3d eye = new Vector3d(4 * Math.cos(a), 4 * Math.sin(a), 0);
            Vector3d z = new Vector3d(eye).negate().normalize();
            Vector3d y = new Vector3d(0, 0, -1);
            Vector3d x = new Vector3d(y).cross(z);
            Matrix4d c2w = new Matrix4d(x.x, x.y, x.z, 0, y.x, y.y, y.z, 0, z.x, z.y, z.z, 0, eye.x, eye.y, eye.z, 1);
            frames.add(new PosedFrame("f" + i + ".png", Path.of("f" + i + ".png"), c2w, 0));
        }
        PosedDataset poses = new PosedDataset(Path.of("."), List.of(new CameraIntrinsics(64, 48, 50, 50, 32, 24, 0)),
                frames, List.of());
        for (SplatView view : RenderPipeline.orbit(blob(new Vector3d()), poses)) {
            Vector3d offset = centre(view);
            assertEquals(SIN_20, offset.z / offset.length(), 0.05, "20 degrees above, towards +z");
            assertEquals(4, offset.length(), 0.2, "at the cameras' distance");
        }
    }

    private static Vector3d centre(SplatView view) {
        float[] c = view.cameraCentre();
        return new Vector3d(c[0], c[1], c[2]);
    }

    /** Gaussians scattered in a unit ball around {@code centre}. */
    private static SplatArrays blob(Vector3d centre) {
        Random random = new Random(3);
        SplatArrays g = SplatArrays.allocate(500);
        for (int i = 0; i < g.count(); i++) {
            Vector3d p;
            do {
                p = new Vector3d(random.nextDouble() * 2 - 1, random.nextDouble() * 2 - 1, random.nextDouble() * 2 - 1);
            } while (p.length() > 1);
            g.means()[3 * i] = (float) (centre.x + p.x);
            g.means()[3 * i + 1] = (float) (centre.y + p.y);
            g.means()[3 * i + 2] = (float) (centre.z + p.z);
        }
        return g;
    }
}
