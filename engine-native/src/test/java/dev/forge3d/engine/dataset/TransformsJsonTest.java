package dev.forge3d.engine.dataset;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformsJsonTest {
    @TempDir
    Path folder;

    private PosedFrame frame(String name, double angle, int camera) throws Exception {
        Path image = Files.createDirectories(folder.resolve("images")).resolve(name);
        Files.write(image, new byte[] {1});
        Matrix4d c2w = new Matrix4d().rotateY(angle).translate(0.1, -0.2, 3.0);
        return new PosedFrame("images/" + name, image, c2w, camera);
    }

    @Test
    void writeThenReadGivesTheSameCamerasPosesAndPoints() throws Exception {
        CameraIntrinsics a = new CameraIntrinsics(640, 360, 550.5, 550.5, 320.25, 180.5, -0.02);
        CameraIntrinsics b = new CameraIntrinsics(360, 640, 600, 600, 180, 320, 0);
        PosedDataset dataset = new PosedDataset(folder, List.of(a, b),
                List.of(frame("f0.png", 0.3, 0), frame("f1.png", 1.1, 1)),
                List.of(new SparsePoint(1.5, -2.25, 0.125, 255, 0, 17)));

        PosedDataset read = TransformsJson.read(TransformsJson.write(dataset));

        assertEquals(dataset.cameras(), read.cameras());
        assertEquals(dataset.points(), read.points());
        for (int i = 0; i < 2; i++) {
            assertTrue(dataset.frames().get(i).cameraToWorld().equals(read.frames().get(i).cameraToWorld(), 1e-12));
            assertEquals(dataset.frames().get(i).file(), read.frames().get(i).file());
        }
    }

    @Test
    void theOpenGlMatrixLooksDownMinusZOfTheCamera() throws Exception {
        PosedFrame f = frame("f.png", 0.7, 0);
        Vector3d forwardCv = f.cameraToWorld().transformDirection(new Vector3d(0, 0, 1));
        Vector3d forwardGl = f.cameraToWorldOpenGl().transformDirection(new Vector3d(0, 0, -1));
        assertTrue(forwardCv.equals(forwardGl, 1e-12));
        assertTrue(f.cameraToWorld().getTranslation(new Vector3d())
                .equals(f.cameraToWorldOpenGl().getTranslation(new Vector3d()), 1e-12));
    }

    @Test
    void framesThatPointNowhereOrNoFramesAreUnreadable() throws Exception {
        Path file = folder.resolve("transforms.json");
        Files.writeString(file, "{\"fl_x\":500,\"w\":64,\"h\":48,\"frames\":[{\"file_path\":\"images/none.png\","
                + "\"transform_matrix\":[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]}]}");
        Forge3dException missing = assertThrows(Forge3dException.class, () -> TransformsJson.read(file));
        assertEquals(ErrorCode.UNREADABLE_INPUT, missing.code());
        assertTrue(missing.getMessage().contains("images/none.png"), missing.getMessage());

        Files.writeString(file, "{\"fl_x\":500,\"w\":64,\"h\":48,\"frames\":[]}");
        assertEquals(ErrorCode.UNREADABLE_INPUT, assertThrows(Forge3dException.class, () -> TransformsJson.read(file)).code());
        Files.writeString(file, "{\"frames\": [");
        assertEquals(ErrorCode.UNREADABLE_INPUT, assertThrows(Forge3dException.class, () -> TransformsJson.read(file)).code());
    }

    @Test
    void blenderStyleCameraAngleGivesTheFocalLength() throws Exception {
        frame("f.png", 0, 0);
        Path file = folder.resolve("transforms.json");
        Files.writeString(file, "{\"camera_angle_x\":" + (2 * Math.atan(0.5)) + ",\"w\":100,\"h\":50,\"frames\":"
                + "[{\"file_path\":\"images/f.png\",\"transform_matrix\":[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]}]}");
        CameraIntrinsics camera = TransformsJson.read(file).cameras().getFirst();
        assertEquals(100, camera.fx(), 1e-9);
        assertEquals(50, camera.cx(), 1e-9);
    }
}
