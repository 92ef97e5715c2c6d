package dev.forge3d.cuda.internal;

import dev.forge3d.api.View;
import dev.forge3d.engine.mesh.MeshBuild;
import dev.forge3d.engine.mesh.PosedView;
import dev.forge3d.engine.mesh.ViewCamera;
import dev.forge3d.engine.mesh.ViewImage;

import java.util.ArrayList;
import java.util.List;

/**
 * Four segmented views of an ellipsoid at the origin, drawn analytically (no image files, no
 * segmentation), with the mesh job's orthographic cameras: what the geometry and texture stages
 * take. Each view is coloured by a gradient of its own, so the bake's choice of view shows.
 */
final class EllipsoidViews {
    /** Semi-axes x, y, z in world units (the image height is one unit). */
    static final double[] SEMI_AXES = {0.33, 0.4, 0.22};

    private EllipsoidViews() {
    }

    /** Views {@code height} pixels tall and a quarter wider, so the job's search box is not a cube. */
    static List<PosedView> views(int height) {
        int width = height * 5 / 4;
        List<PosedView> out = new ArrayList<>();
        for (View view : View.values()) {
            ViewCamera camera = ViewCamera.orthographic(view, width, height, height);
            // Front and back see x across the image, left and right see z.
            double across = view == View.FRONT || view == View.BACK ? SEMI_AXES[0] : SEMI_AXES[2];
            int[] rgb = new int[width * height];
            byte[] mask = new byte[width * height];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double s = (x + 0.5 - width / 2.0) / height / across;
                    double t = (height / 2.0 - y - 0.5) / height / SEMI_AXES[1];
                    mask[y * width + x] = (byte) (s * s + t * t <= 1 ? 1 : 0);
                    rgb[y * width + x] = (255 * x / width) << 16 | (255 * y / height) << 8 | 60 * view.ordinal();
                }
            }
            out.add(new PosedView(new ViewImage(width, height, rgb, mask), camera));
        }
        return out;
    }

    /** The search box of the views' cameras, as the job computes it: min xyz then max xyz. */
    static double[][] searchBox(List<PosedView> views) {
        double[] box = MeshBuild.searchBox(views);
        return new double[][] {{box[0], box[1], box[2]}, {box[3], box[4], box[5]}};
    }

    /** Whether OpenCV, which the silhouette distances need, is on the class path (the GPU bundle leaves it out). */
    static boolean openCvPresent() {
        return EllipsoidViews.class.getClassLoader().getResource("org/bytedeco/opencv/global/opencv_imgproc.class")
                != null;
    }
}
