package dev.forge3d.engine.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * Posed images, their cameras and a sparse point cloud: what {@code poses} produces and what
 * splat training consumes. Read and written as transforms.json ({@link TransformsJson}) or as a
 * COLMAP model.
 *
 * @param folder  the dataset folder that frame paths are relative to
 * @param cameras the distinct cameras; frames refer to them by index
 * @param frames  the posed images, in order
 * @param points  the sparse points, possibly empty
 */
public record PosedDataset(Path folder, List<CameraIntrinsics> cameras, List<PosedFrame> frames,
                           List<SparsePoint> points) {
    public PosedDataset {
        cameras = List.copyOf(cameras);
        frames = List.copyOf(frames);
        points = List.copyOf(points);
        for (PosedFrame frame : frames) {
            if (frame.camera() < 0 || frame.camera() >= cameras.size()) {
                throw new IllegalArgumentException("frame " + frame.filePath() + " refers to camera " + frame.camera()
                        + " of " + cameras.size());
            }
        }
    }

    public CameraIntrinsics camera(PosedFrame frame) {
        return cameras.get(frame.camera());
    }
}
