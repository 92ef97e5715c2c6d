package dev.forge3d.engine.dataset;

import java.util.List;

/**
 * A sparse model in COLMAP's terms, ready for {@link ColmapTextWriter}: SIMPLE_RADIAL cameras,
 * posed images with their 2D points, and 3D points with their tracks. Ids start at 1 as in COLMAP.
 *
 * @param cameras the cameras, camera id = index + 1 (fx is the SIMPLE_RADIAL focal; fx == fy)
 * @param images the registered images
 * @param points the 3D points
 */
public record ColmapTextModel(List<CameraIntrinsics> cameras, List<Image> images, List<Point> points) {
    public ColmapTextModel {
        cameras = List.copyOf(cameras);
        images = List.copyOf(images);
        points = List.copyOf(points);
    }

    /**
     * @param id         image id
     * @param name       file name relative to the images folder
     * @param quaternion world-to-camera rotation, w x y z
     * @param translation world-to-camera translation
     * @param cameraId   the camera's id
     * @param xy         2D points, x y interleaved (pixel centres at +0.5, as COLMAP)
     * @param pointIds   the 3D point id of each 2D point, or -1
     */
    public record Image(int id, String name, double[] quaternion, double[] translation, int cameraId, double[] xy,
                        long[] pointIds) {
    }

    /**
     * @param id           point id
     * @param xyz          world position
     * @param rgb          colour, 0-255
     * @param errorPx      mean reprojection error
     * @param imageIds     the track: image ids ...
     * @param point2dIndex ... and the index of the 2D point in that image
     */
    public record Point(long id, double[] xyz, int[] rgb, double errorPx, int[] imageIds, int[] point2dIndex) {
    }
}
