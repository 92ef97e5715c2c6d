package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.SplatView;
import dev.forge3d.engine.dataset.CameraIntrinsics;
import dev.forge3d.engine.dataset.PosedFrame;
import org.joml.Matrix4d;
import org.joml.Matrix4dc;

/** Builds {@link SplatView}s from dataset cameras and poses. */
public final class SplatViews {
    private SplatViews() {
    }

    /** The view of a camera-to-world pose (OpenCV axes) through these intrinsics (k1 is not modelled). */
    public static SplatView of(CameraIntrinsics camera, Matrix4dc cameraToWorld) {
        Matrix4d w = new Matrix4d(cameraToWorld).invertAffine();
        float[] rows = new float[12];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                rows[4 * r + c] = (float) w.getRowColumn(r, c);
            }
        }
        return new SplatView(camera.width(), camera.height(), (float) camera.fx(), (float) camera.fy(),
                (float) camera.cx(), (float) camera.cy(), rows);
    }

    public static SplatView of(CameraIntrinsics camera, PosedFrame frame) {
        return of(camera, frame.cameraToWorld());
    }
}
