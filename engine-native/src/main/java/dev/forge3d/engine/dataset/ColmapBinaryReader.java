package dev.forge3d.engine.dataset;

import dev.forge3d.engine.io.LittleEndianFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.forge3d.engine.dataset.DatasetChecks.unreadable;

/**
 * COLMAP's binary model: {@code cameras.bin images.bin points3D.bin}, little-endian records each
 * led by a uint64 count. A count must fit in the bytes left before anything is sized or skipped
 * by it; an error names the file and the record (its id and byte offset).
 */
final class ColmapBinaryReader implements ColmapModelFormat {
    /** Smallest records: a camera with 3 parameters, an image with an empty name, a point, no track. */
    private static final int CAMERA_BYTES = 4 + 4 + 8 + 8 + 3 * 8, IMAGE_BYTES = 4 + 7 * 8 + 4 + 1 + 8,
            POINT_BYTES = 8 + 3 * 8 + 3 + 8 + 8;
    /** A 2D point of images.bin (x, y, point3D id) and a track element of points3D.bin (image id, point2D index). */
    private static final int POINT2D_BYTES = 8 + 8 + 8, TRACK_BYTES = 4 + 4;

    @Override
    public String extension() {
        return ".bin";
    }

    @Override
    public Map<Integer, CameraIntrinsics> cameras(Path file, long maxImagePixels) throws IOException {
        Map<Integer, CameraIntrinsics> cameras = new LinkedHashMap<>();
        try (LittleEndianFile in = new LittleEndianFile(file)) {
            for (long i = in.count("cameras", CAMERA_BYTES); i > 0; i--) {
                long at = in.position();
                int id = in.i32();
                int model = in.i32();
                String where = file + ": camera " + Integer.toUnsignedString(id) + " at byte " + at;
                if (model < 0 || model >= ColmapCameraModels.NAMES.size()) {
                    throw unreadable(where + ": unknown camera model id " + model);
                }
                // uint64 sizes: one past 2^63 reads as a negative long and is refused as not positive.
                long width = in.i64();
                long height = in.i64();
                double[] p = new double[ColmapCameraModels.parameterCount(model)];
                for (int k = 0; k < p.length; k++) {
                    p[k] = in.f64();
                    if (!Double.isFinite(p[k])) {
                        throw unreadable(where + ": parameter " + (k + 1) + " is " + p[k]);
                    }
                }
                cameras.put(id, ColmapCameraModels.camera(where, maxImagePixels, ColmapCameraModels.NAMES.get(model),
                        width, height, p));
            }
        }
        return cameras;
    }

    @Override
    public List<ColmapImage> images(Path file) throws IOException {
        List<ColmapImage> images = new ArrayList<>();
        try (LittleEndianFile in = new LittleEndianFile(file)) {
            for (long i = in.count("images", IMAGE_BYTES); i > 0; i--) {
                long at = in.position();
                int id = in.i32();
                double[] q = {in.f64(), in.f64(), in.f64(), in.f64()};
                double[] t = {in.f64(), in.f64(), in.f64()};
                int camera = in.i32();
                String name = in.cString();
                String where = file + ": image " + Integer.toUnsignedString(id) + " at byte " + at;
                ColmapImage.checkPose(where + " (" + name + ")", q, t);
                in.skip(in.count("2D points of image " + name, POINT2D_BYTES) * POINT2D_BYTES);
                images.add(new ColmapImage(name, q, t, camera, where));
            }
        }
        return images;
    }

    @Override
    public List<SparsePoint> points(Path file) throws IOException {
        List<SparsePoint> points = new ArrayList<>();
        try (LittleEndianFile in = new LittleEndianFile(file)) {
            for (long i = in.count("points", POINT_BYTES); i > 0; i--) {
                long id = in.i64();
                double x = in.f64(), y = in.f64(), z = in.f64();
                int r = in.u8(), g = in.u8(), b = in.u8();
                in.f64(); // reprojection error
                in.skip(in.count("track elements of point " + id, TRACK_BYTES) * TRACK_BYTES);
                if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
                    throw unreadable(file + ": point " + id + " at " + x + " " + y + " " + z + " is not finite");
                }
                points.add(new SparsePoint(x, y, z, r, g, b));
            }
        }
        return points;
    }
}
