package dev.forge3d.engine.dataset;

import dev.forge3d.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a COLMAP text model ({@code cameras.txt}, {@code images.txt}, {@code points3D.txt}) that
 * COLMAP and nerfstudio read. Numbers are written in the C locale with full precision.
 */
public final class ColmapTextWriter {
    private ColmapTextWriter() {
    }

    /** Writes the three files into {@code folder} (for example {@code sparse/0}), each atomically. */
    public static void write(ColmapTextModel model, Path folder) throws IOException {
        Files.createDirectories(folder);
        StringBuilder cameras = new StringBuilder()
                .append("# Camera list with one line of data per camera:\n")
                .append("#   CAMERA_ID, MODEL, WIDTH, HEIGHT, PARAMS[]\n")
                .append("# Number of cameras: ").append(model.cameras().size()).append('\n');
        for (int id = 1; id <= model.cameras().size(); id++) {
            CameraIntrinsics c = model.cameras().get(id - 1);
            cameras.append(String.format(Locale.ROOT, "%d SIMPLE_RADIAL %d %d %.17g %.17g %.17g %.17g\n", id,
                    c.width(), c.height(), c.fx(), c.cx(), c.cy(), c.k1()));
        }
        AtomicFiles.writeString(folder.resolve("cameras.txt"), cameras.toString());

        StringBuilder images = new StringBuilder()
                .append("# Image list with two lines of data per image:\n")
                .append("#   IMAGE_ID, QW, QX, QY, QZ, TX, TY, TZ, CAMERA_ID, NAME\n")
                .append("#   POINTS2D[] as (X, Y, POINT3D_ID)\n")
                .append("# Number of images: ").append(model.images().size()).append('\n');
        for (ColmapTextModel.Image image : model.images()) {
            double[] q = image.quaternion();
            double[] t = image.translation();
            images.append(String.format(Locale.ROOT, "%d %.17g %.17g %.17g %.17g %.17g %.17g %.17g %d %s\n",
                    image.id(), q[0], q[1], q[2], q[3], t[0], t[1], t[2], image.cameraId(), image.name()));
            for (int k = 0; k < image.pointIds().length; k++) {
                if (k > 0) {
                    images.append(' ');
                }
                images.append(String.format(Locale.ROOT, "%.6f %.6f %d", image.xy()[2 * k], image.xy()[2 * k + 1],
                        image.pointIds()[k]));
            }
            images.append('\n');
        }
        AtomicFiles.writeString(folder.resolve("images.txt"), images.toString());

        StringBuilder points = new StringBuilder()
                .append("# 3D point list with one line of data per point:\n")
                .append("#   POINT3D_ID, X, Y, Z, R, G, B, ERROR, TRACK[] as (IMAGE_ID, POINT2D_IDX)\n")
                .append("# Number of points: ").append(model.points().size()).append('\n');
        for (ColmapTextModel.Point point : model.points()) {
            points.append(String.format(Locale.ROOT, "%d %.17g %.17g %.17g %d %d %d %.6f", point.id(),
                    point.xyz()[0], point.xyz()[1], point.xyz()[2], point.rgb()[0], point.rgb()[1], point.rgb()[2],
                    point.errorPx()));
            for (int k = 0; k < point.imageIds().length; k++) {
                points.append(' ').append(point.imageIds()[k]).append(' ').append(point.point2dIndex()[k]);
            }
            points.append('\n');
        }
        AtomicFiles.writeString(folder.resolve("points3D.txt"), points.toString());
    }
}
