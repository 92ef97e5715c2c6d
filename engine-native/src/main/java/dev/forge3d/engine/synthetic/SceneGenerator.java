package dev.forge3d.engine.synthetic;

import dev.forge3d.engine.io.AtomicFiles;
import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link GenerationSpec} into a folder:
 * <pre>
 * frames/frame_00000.png ...   8-bit RGB renders
 * masks/mask_00000.png ...     8-bit grey, 255 where the pixel centre sees the object
 * orbit.mp4                    the frames in order (if writeVideo)
 * mesh.obj                     the object's surface, metres (if writeMesh)
 * ground_truth.json            {@link GroundTruth}; written last, so its presence means complete
 * </pre>
 * The MP4, OBJ and JSON are written to temporary files and renamed into place.
 */
public final class SceneGenerator {
    public static final String VIDEO_FILE = "orbit.mp4";
    public static final String MESH_FILE = "mesh.obj";

    private SceneGenerator() {
    }

    /**
     * Generates the default orbit data set ({@link GenerationSpec#defaultOrbit()}: composite
     * object on a ground disc, 120 frames of 640 x 360, seed 42) into {@code directory}.
     */
    public static GeneratedScene generateDefaultOrbit(Path directory) throws IOException {
        return generate(GenerationSpec.defaultOrbit(), directory);
    }

    /** Generates a data set into {@code directory} (created if needed; files are overwritten). */
    public static GeneratedScene generate(GenerationSpec spec, Path directory) throws IOException {
        return generate(spec, directory, (done, total) -> { });
    }

    /** Told after each frame is written; it may throw to stop the generation (cancellation). */
    @FunctionalInterface
    public interface FrameListener {
        void frameWritten(int done, int total);
    }

    /**
     * {@link #generate(GenerationSpec, Path)}, calling {@code listener} after each frame; an
     * exception from the listener stops the generation and leaves no video behind.
     */
    public static GeneratedScene generate(GenerationSpec spec, Path directory, FrameListener listener)
            throws IOException {
        Files.createDirectories(directory.resolve("frames"));
        Files.createDirectories(directory.resolve("masks"));
        RayCastRenderer renderer = new RayCastRenderer(spec.scene());
        PinholeIntrinsics k = spec.intrinsics();
        CameraRig rig = spec.rig();
        List<GroundTruth.FrameTruth> frames = new ArrayList<>();
        Path videoFile = directory.resolve(VIDEO_FILE);
        Path videoTmp = AtomicFiles.temporarySibling(videoFile);
        Mp4VideoWriter video = spec.writeVideo() ? new Mp4VideoWriter(videoTmp, k.width(), k.height(), spec.fps())
                : null;
        String encoder = video == null ? null : video.encoder();
        try {
            for (int i = 0; i < rig.size(); i++) {
                CameraPose pose = rig.poses().get(i);
                RenderedView view = renderer.render(k, pose, spec.supersampling());
                String image = String.format(Locale.ROOT, "frames/frame_%05d.png", i);
                String mask = String.format(Locale.ROOT, "masks/mask_%05d.png", i);
                writePng(view.image(), directory.resolve(image));
                writePng(view.maskImage(), directory.resolve(mask));
                if (video != null) {
                    video.write(view.rgb());
                }
                frames.add(new GroundTruth.FrameTruth(i, rig.labels().get(i), image, mask, pose));
                listener.frameWritten(i + 1, rig.size());
            }
            if (video != null) {
                Mp4VideoWriter v = video;
                video = null;
                v.close();
                AtomicFiles.moveIntoPlace(videoTmp, videoFile);
            }
        } finally {
            if (video != null) {
                try {
                    video.close();
                } catch (IOException ignored) {
                    // The original failure matters more.
                }
                Files.deleteIfExists(videoTmp);
            }
        }
        String mesh = null;
        if (spec.writeMesh()) {
            ObjFiles.write(spec.scene().objectMesh(), directory.resolve(MESH_FILE));
            mesh = MESH_FILE;
        }
        GroundTruth.Video videoTruth = spec.writeVideo()
                ? new GroundTruth.Video(VIDEO_FILE, encoder, spec.fps(), rig.size()) : null;
        GroundTruth truth = new GroundTruth(spec.scene(), k, frames, rig.description(), spec.supersampling(),
                videoTruth, mesh);
        truth.write(directory.resolve(GroundTruth.FILE_NAME));
        return new GeneratedScene(directory, truth);
    }

    private static void writePng(java.awt.image.BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }
}
