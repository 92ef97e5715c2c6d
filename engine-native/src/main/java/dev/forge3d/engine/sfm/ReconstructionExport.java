package dev.forge3d.engine.sfm;

import dev.forge3d.engine.dataset.CameraIntrinsics;
import dev.forge3d.engine.dataset.ColmapTextModel;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.dataset.PosedFrame;
import dev.forge3d.engine.dataset.ReferenceMapping;
import dev.forge3d.engine.dataset.SparsePoint;
import dev.forge3d.engine.features.ImageFeatures;
import org.joml.Matrix4d;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a finished {@link Reconstruction} into the dataset and COLMAP models that are written out,
 * in the world {@link UprightWorld} sets upright, each image with its own camera and pose. Both
 * come from the one set of poses and cameras worked out here, so they agree.
 */
public final class ReconstructionExport {
    private final Reconstruction model;
    private final List<ReferenceMapping> mappings;
    /** Per image, its camera-to-world (OpenCV axes) as the image is, in the upright world; null if unregistered. */
    private final Matrix4d[] poses;
    /** Per image, the index of its own camera in {@link #cameras}. */
    private final int[] cameraOf;
    private final List<CameraIntrinsics> cameras = new ArrayList<>();
    private final UprightWorld world;

    /**
     * @param mappings each image's place in the reference image; its pose, camera and 2D points
     *                 are written for the image as it is
     */
    public ReconstructionExport(Reconstruction model, List<ReferenceMapping> mappings) {
        this.model = model;
        this.mappings = List.copyOf(mappings);
        CameraIntrinsics reference = camera(model);
        Map<CameraIntrinsics, Integer> index = new HashMap<>();
        Matrix4d[] own = new Matrix4d[model.imageCount()];
        cameraOf = new int[model.imageCount()];
        for (int image = 0; image < model.imageCount(); image++) {
            if (model.isRegistered(image)) {
                ReferenceMapping mapping = mappings.get(image);
                own[image] = mapping.cameraToWorld(cameraToWorld(model.rotation(image), model.translation(image)));
                cameraOf[image] = index.computeIfAbsent(mapping.camera(reference), camera -> {
                    cameras.add(camera);
                    return cameras.size() - 1;
                });
            }
        }
        world = UprightWorld.of(Arrays.stream(own).filter(Objects::nonNull).toList());
        poses = Arrays.stream(own).map(c2w -> c2w == null ? null : world.cameraToWorld(c2w)).toArray(Matrix4d[]::new);
    }

    /** The one camera the mapper estimated, in the reference image's pixels. */
    public static CameraIntrinsics camera(Reconstruction model) {
        return new CameraIntrinsics(model.width(), model.height(), model.focal(), model.focal(), model.cx(),
                model.cy(), model.k1());
    }

    /** @param framePaths each image's path relative to {@code folder} */
    public PosedDataset dataset(Path folder, List<String> framePaths) {
        List<PosedFrame> frames = new ArrayList<>();
        for (int image = 0; image < model.imageCount(); image++) {
            if (poses[image] != null) {
                frames.add(new PosedFrame(framePaths.get(image), folder.resolve(framePaths.get(image)), poses[image],
                        cameraOf[image]));
            }
        }
        List<SparsePoint> points = new ArrayList<>();
        for (int id : model.pointIds()) {
            double[] xyz = world.point(model.point(id));
            int[] rgb = model.colour(id);
            points.add(new SparsePoint(xyz[0], xyz[1], xyz[2], rgb[0], rgb[1], rgb[2]));
        }
        return new PosedDataset(folder, cameras, frames, points);
    }

    /** Camera-to-world (OpenCV axes) from a world-to-camera rotation (row-major) and translation. */
    public static Matrix4d cameraToWorld(double[] r, double[] t) {
        // JOML's set() takes column-major values: column j of R^T is row j of R.
        Matrix4d worldToCamera = new Matrix4d(
                r[0], r[3], r[6], 0,
                r[1], r[4], r[7], 0,
                r[2], r[5], r[8], 0,
                t[0], t[1], t[2], 1);
        return worldToCamera.invertAffine();
    }

    /** @param imageNames each image's file name inside the images folder */
    public ColmapTextModel colmap(List<String> imageNames) {
        Map<Long, int[]> point2dIndex = new HashMap<>();
        List<ColmapTextModel.Image> images = new ArrayList<>();
        for (int image = 0; image < model.imageCount(); image++) {
            if (poses[image] == null) {
                continue;
            }
            ReferenceMapping mapping = mappings.get(image);
            ImageFeatures features = model.features.get(image);
            List<double[]> xy = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (int f = 0; f < features.count(); f++) {
                int track = model.trackOfFeature[image][f];
                if (track < 0) {
                    continue;
                }
                point2dIndex.put(((long) image << 32) | f, new int[] {xy.size()});
                xy.add(mapping.fromReference(features.x(f), features.y(f)));
                ids.add((long) track + 1);
            }
            double[] flat = new double[2 * xy.size()];
            long[] pointIds = new long[ids.size()];
            for (int k = 0; k < xy.size(); k++) {
                flat[2 * k] = xy.get(k)[0];
                flat[2 * k + 1] = xy.get(k)[1];
                pointIds[k] = ids.get(k);
            }
            Matrix4d w2c = new Matrix4d(poses[image]).invertAffine();
            double[] rotation = {w2c.m00(), w2c.m10(), w2c.m20(), w2c.m01(), w2c.m11(), w2c.m21(),
                    w2c.m02(), w2c.m12(), w2c.m22()};
            images.add(new ColmapTextModel.Image(image + 1, imageNames.get(image), So3.quaternion(rotation, 0),
                    new double[] {w2c.m30(), w2c.m31(), w2c.m32()}, cameraOf[image] + 1, flat, pointIds));
        }
        List<ColmapTextModel.Point> points = new ArrayList<>();
        for (int id : model.pointIds()) {
            int[] observations = model.observations(id);
            int n = observations.length / 2;
            int[] imageIds = new int[n];
            int[] indices = new int[n];
            double error = 0;
            double[] xyz = model.point(id);
            for (int k = 0; k < n; k++) {
                imageIds[k] = observations[2 * k] + 1;
                indices[k] = point2dIndex.get(((long) observations[2 * k] << 32) | observations[2 * k + 1])[0];
                error += model.reprojectionError(observations[2 * k], observations[2 * k + 1], xyz);
            }
            points.add(new ColmapTextModel.Point(id + 1L, world.point(xyz), model.colour(id), error / n, imageIds,
                    indices));
        }
        return new ColmapTextModel(cameras, images, points);
    }
}
