package dev.forge3d.engine.dataset;

import dev.forge3d.engine.dataset.ColmapTextLines.Line;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COLMAP's text model: {@code cameras.txt images.txt points3D.txt}, one record a line (two for an
 * image), {@code #} comments. A line must have its format's fields, and what they hold must parse
 * and be finite; an error names the file and line.
 */
final class ColmapTextReader implements ColmapModelFormat {
    @Override
    public String extension() {
        return ".txt";
    }

    @Override
    public Map<Integer, CameraIntrinsics> cameras(Path file, long maxImagePixels) throws IOException {
        Map<Integer, CameraIntrinsics> cameras = new LinkedHashMap<>();
        try (ColmapTextLines lines = new ColmapTextLines(file)) {
            for (Line line = lines.next(); line != null; line = lines.next()) {
                if (line.size() == 0) {
                    continue;
                }
                line.expect(line.size() >= 4, "CAMERA_ID MODEL WIDTH HEIGHT PARAMS[]");
                int id = line.uint32(0, "camera id");
                String model = line.fields()[1];
                int modelId = ColmapCameraModels.NAMES.indexOf(model);
                if (modelId < 0) {
                    throw line.error("unknown COLMAP camera model " + model);
                }
                int parameters = ColmapCameraModels.parameterCount(modelId);
                line.expect(line.size() == 4 + parameters, "CAMERA_ID " + model + " WIDTH HEIGHT and "
                        + parameters + " parameters");
                double[] p = new double[parameters];
                for (int k = 0; k < p.length; k++) {
                    p[k] = line.finite(4 + k, "parameter " + (k + 1));
                }
                cameras.put(id, ColmapCameraModels.camera(line.where() + ": camera " + Integer.toUnsignedString(id),
                        maxImagePixels, model, line.integer(2, "width"), line.integer(3, "height"), p));
            }
        }
        return cameras;
    }

    /** Two lines per image: the pose, then its 2D points (X Y POINT3D_ID triples, possibly none). */
    @Override
    public List<ColmapImage> images(Path file) throws IOException {
        List<ColmapImage> images = new ArrayList<>();
        try (ColmapTextLines lines = new ColmapTextLines(file)) {
            for (Line line = lines.next(); line != null; line = lines.next()) {
                if (line.size() == 0) {
                    continue;
                }
                line.expect(line.size() == 10, "IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME");
                line.uint32(0, "image id");
                double[] q = new double[4];
                for (int k = 0; k < 4; k++) {
                    q[k] = line.finite(1 + k, "quaternion component " + "wxyz".charAt(k));
                }
                double[] t = {line.finite(5, "tx"), line.finite(6, "ty"), line.finite(7, "tz")};
                String name = line.fields()[9];
                ColmapImage.checkPose(line.where() + ": image " + name, q, t);
                images.add(new ColmapImage(name, q, t, line.uint32(8, "camera id"), line.where()));
                // A pose line (10 fields) read as the points line means a file without points lines:
                // pairing on would drop every other image.
                Line points = lines.next();
                if (points != null) {
                    points.expect(points.size() % 3 == 0, "the 2D points of image " + name
                            + " (X Y POINT3D_ID triples) on the line after its pose");
                }
            }
        }
        return images;
    }

    @Override
    public List<SparsePoint> points(Path file) throws IOException {
        List<SparsePoint> points = new ArrayList<>();
        try (ColmapTextLines lines = new ColmapTextLines(file)) {
            for (Line line = lines.next(); line != null; line = lines.next()) {
                if (line.size() == 0) {
                    continue;
                }
                line.expect(line.size() >= 8 && line.size() % 2 == 0,
                        "POINT3D_ID X Y Z R G B ERROR and (IMAGE_ID POINT2D_IDX) pairs");
                line.integer(0, "point id");
                double x = line.finite(1, "x"), y = line.finite(2, "y"), z = line.finite(3, "z");
                int[] rgb = new int[3];
                for (int k = 0; k < 3; k++) {
                    rgb[k] = line.int32(4 + k, "colour " + "RGB".charAt(k));
                    if (rgb[k] < 0 || rgb[k] > 255) {
                        throw line.error("colour " + "RGB".charAt(k) + " " + rgb[k] + " is outside 0-255");
                    }
                }
                line.number(7, "error");
                points.add(new SparsePoint(x, y, z, rgb[0], rgb[1], rgb[2]));
            }
        }
        return points;
    }
}
