package dev.forge3d.engine.synthetic;

import dev.forge3d.api.View;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A data set written by {@link SceneGenerator}: its folder and its ground truth, with paths
 * resolved against the folder.
 */
public record GeneratedScene(Path directory, GroundTruth groundTruth) {

    public Path groundTruthFile() {
        return directory.resolve(GroundTruth.FILE_NAME);
    }

    /** The MP4, or null when none was written. */
    public Path video() {
        return groundTruth.video() == null ? null : directory.resolve(groundTruth.video().path());
    }

    /** The OBJ of the object, or null when none was written. */
    public Path mesh() {
        return groundTruth.mesh() == null ? null : directory.resolve(groundTruth.mesh());
    }

    public int frameCount() {
        return groundTruth.frames().size();
    }

    public Path image(int index) {
        return directory.resolve(groundTruth.frames().get(index).image());
    }

    public Path mask(int index) {
        return directory.resolve(groundTruth.frames().get(index).mask());
    }

    public List<Path> images() {
        List<Path> images = new ArrayList<>();
        for (GroundTruth.FrameTruth f : groundTruth.frames()) {
            images.add(directory.resolve(f.image()));
        }
        return images;
    }

    /** The image of a view of a four-view data set. */
    public Path image(View view) {
        return directory.resolve(groundTruth.frame(CameraRig.label(view)).image());
    }

    /** The mask of a view of a four-view data set. */
    public Path mask(View view) {
        return directory.resolve(groundTruth.frame(CameraRig.label(view)).mask());
    }

    public PinholeIntrinsics intrinsics() {
        return groundTruth.intrinsics();
    }

    public List<CameraPose> poses() {
        return groundTruth.poses();
    }

    public SyntheticScene scene() {
        return groundTruth.scene();
    }
}
