package dev.forge3d.engine.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a {@link ColmapTextModel} as COLMAP's binary model ({@code cameras.bin images.bin
 * points3D.bin}), the counterpart of {@link ColmapTextWriter} that the engine does not need
 * outside tests: SIMPLE_RADIAL cameras (model id 2), little-endian records each led by a uint64 count.
 */
final class ColmapBinaryFiles {
    private static final int SIMPLE_RADIAL = 2;

    private ColmapBinaryFiles() {
    }

    static void write(ColmapTextModel model, Path folder) throws IOException {
        Files.createDirectories(folder);
        ByteBuffer cameras = buffer().putLong(model.cameras().size());
        for (int id = 1; id <= model.cameras().size(); id++) {
            CameraIntrinsics c = model.cameras().get(id - 1);
            cameras.putInt(id).putInt(SIMPLE_RADIAL).putLong(c.width()).putLong(c.height()).putDouble(c.fx())
                    .putDouble(c.cx()).putDouble(c.cy()).putDouble(c.k1());
        }
        Files.write(folder.resolve("cameras.bin"), bytes(cameras));

        ByteBuffer images = buffer().putLong(model.images().size());
        for (ColmapTextModel.Image image : model.images()) {
            images.putInt(image.id());
            for (double v : image.quaternion()) {
                images.putDouble(v);
            }
            for (double v : image.translation()) {
                images.putDouble(v);
            }
            images.putInt(image.cameraId()).put(image.name().getBytes(StandardCharsets.UTF_8)).put((byte) 0)
                    .putLong(image.pointIds().length);
            for (int k = 0; k < image.pointIds().length; k++) {
                images.putDouble(image.xy()[2 * k]).putDouble(image.xy()[2 * k + 1]).putLong(image.pointIds()[k]);
            }
        }
        Files.write(folder.resolve("images.bin"), bytes(images));

        ByteBuffer points = buffer().putLong(model.points().size());
        for (ColmapTextModel.Point point : model.points()) {
            points.putLong(point.id()).putDouble(point.xyz()[0]).putDouble(point.xyz()[1]).putDouble(point.xyz()[2]);
            for (int channel : point.rgb()) {
                points.put((byte) channel);
            }
            points.putDouble(point.errorPx()).putLong(point.imageIds().length);
            for (int k = 0; k < point.imageIds().length; k++) {
                points.putInt(point.imageIds()[k]).putInt(point.point2dIndex()[k]);
            }
        }
        Files.write(folder.resolve("points3D.bin"), bytes(points));
    }

    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }
}
