package dev.forge3d.engine.dataset;

import java.util.List;

import static dev.forge3d.engine.dataset.DatasetChecks.unreadable;

/**
 * COLMAP's camera models, by name (text) or id (binary), and their parameters as
 * {@link CameraIntrinsics}. Models beyond one radial term keep their first radial coefficient only.
 */
final class ColmapCameraModels {
    /** The models in COLMAP's id order (a binary model's id is the index). */
    static final List<String> NAMES = List.of("SIMPLE_PINHOLE", "PINHOLE", "SIMPLE_RADIAL", "RADIAL", "OPENCV",
            "OPENCV_FISHEYE", "FULL_OPENCV", "FOV", "SIMPLE_RADIAL_FISHEYE", "RADIAL_FISHEYE", "THIN_PRISM_FISHEYE");
    private static final int[] PARAMETER_COUNTS = {3, 4, 4, 5, 8, 8, 12, 5, 4, 5, 12};

    private ColmapCameraModels() {
    }

    /** The parameters the model with this id declares. */
    static int parameterCount(int modelId) {
        return PARAMETER_COUNTS[modelId];
    }

    /**
     * @param where          the file and line or camera, for messages
     * @param maxImagePixels the most pixels the camera may have ({@link DatasetChecks#camera})
     */
    static CameraIntrinsics camera(String where, long maxImagePixels, String model, double width, double height,
                                   double[] p) {
        // Each model's parameters as fx fy cx cy k1.
        double[] k = switch (model) {
            case "SIMPLE_PINHOLE" -> new double[] {p[0], p[0], p[1], p[2], 0};
            case "PINHOLE" -> new double[] {p[0], p[1], p[2], p[3], 0};
            case "SIMPLE_RADIAL", "RADIAL" -> new double[] {p[0], p[0], p[1], p[2], p[3]};
            case "OPENCV", "FULL_OPENCV" -> new double[] {p[0], p[1], p[2], p[3], p[4]};
            default -> throw unreadable(where + ": COLMAP camera model " + model
                    + " is not supported (pinhole or radial only)");
        };
        return DatasetChecks.camera(where, maxImagePixels, width, height, k[0], k[1], k[2], k[3], k[4]);
    }
}
