package dev.forge3d.engine.dataset;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.joml.Matrix4d;
import org.joml.Quaterniond;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.forge3d.engine.dataset.DatasetChecks.unreadable;

/**
 * Reads a COLMAP sparse model (text {@code cameras.txt images.txt points3D.txt} or binary
 * {@code .bin}, see {@link ColmapTextReader} and {@link ColmapBinaryReader}) from {@code sparse/0/}
 * or {@code sparse/}, with the images in {@code images/}, into a {@link PosedDataset}. COLMAP
 * stores world-to-camera poses (OpenCV axes) and uses the same pixel-centre convention as
 * {@link CameraIntrinsics}. Frames are ordered by image name.
 *
 * <p>The files are read as they stream (a model of any size costs its cameras, images and
 * points, not its bytes), and what they declare is checked before it is used: a binary count
 * must fit in the bytes left, a text line must have its format's fields, poses and points must
 * be finite, and a camera must be within the engine's pixel limit.
 */
public final class ColmapModelReader {
    private ColmapModelReader() {
    }

    /** {@link #read(Path, long)} within the default engine's {@link EngineConfig#DEFAULT_MAX_IMAGE_PIXELS}. */
    public static PosedDataset read(Path folder) {
        return read(folder, EngineConfig.DEFAULT_MAX_IMAGE_PIXELS);
    }

    /**
     * @param maxImagePixels the engine's {@link EngineConfig#maxImagePixels()}: the most pixels a
     *                       camera may have
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} naming the file (and line or
     *                          record) and what is wrong; {@link ErrorCode#INPUT_TOO_LARGE} naming
     *                          the file and the size, for a camera over {@code maxImagePixels}
     */
    public static PosedDataset read(Path folder, long maxImagePixels) {
        Path model = modelFolder(folder);
        ColmapModelFormat format = Files.isRegularFile(model.resolve("cameras.txt")) ? new ColmapTextReader()
                : new ColmapBinaryReader();
        Map<Integer, CameraIntrinsics> cameras = parse(model.resolve("cameras" + format.extension()),
                file -> format.cameras(file, maxImagePixels));
        List<ColmapImage> images = parse(model.resolve("images" + format.extension()), format::images);
        Path pointsFile = model.resolve("points3D" + format.extension());
        List<SparsePoint> points = !Files.isRegularFile(pointsFile) ? List.of() : parse(pointsFile, format::points);
        if (images.isEmpty()) {
            throw unreadable(model + ": the COLMAP model has no images");
        }
        images.sort(Comparator.comparing(ColmapImage::name));
        List<CameraIntrinsics> cameraList = new ArrayList<>();
        Map<Integer, Integer> cameraIndex = new LinkedHashMap<>();
        List<PosedFrame> frames = new ArrayList<>();
        Path folderAbs = folder.toAbsolutePath();
        for (ColmapImage image : images) {
            CameraIntrinsics camera = cameras.get(image.camera());
            if (camera == null) {
                throw unreadable(image.where() + ": image " + image.name() + " refers to missing camera "
                        + Integer.toUnsignedString(image.camera()));
            }
            int index = cameraIndex.computeIfAbsent(image.camera(), id -> {
                cameraList.add(camera);
                return cameraList.size() - 1;
            });
            String filePath = "images/" + image.name();
            Path file = DatasetChecks.resolve(folderAbs, filePath, image.where() + ": image name");
            if (!Files.isRegularFile(file)) {
                throw unreadable(image.where() + ": image " + image.name() + " is not in "
                        + folderAbs.resolve("images"));
            }
            Matrix4d worldToCamera = new Matrix4d().translation(image.t()[0], image.t()[1], image.t()[2])
                    .rotate(new Quaterniond(image.q()[1], image.q()[2], image.q()[3], image.q()[0]).normalize());
            Matrix4d cameraToWorld = DatasetChecks.rigid(image.where() + ": image " + image.name(),
                    worldToCamera.invertAffine());
            frames.add(new PosedFrame(filePath, file, cameraToWorld, index));
        }
        return new PosedDataset(folderAbs, cameraList, frames, points);
    }

    private static Path modelFolder(Path folder) {
        for (Path candidate : List.of(folder.resolve("sparse/0"), folder.resolve("sparse"), folder)) {
            if (Files.isRegularFile(candidate.resolve("cameras.txt"))
                    || Files.isRegularFile(candidate.resolve("cameras.bin"))) {
                return candidate;
            }
        }
        throw unreadable(folder + ": no COLMAP model (cameras.txt or cameras.bin in sparse/0/ or sparse/)");
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(Path file) throws IOException;
    }

    private static <T> T parse(Path file, Parser<T> parser) {
        try {
            return parser.parse(file);
        } catch (IOException e) {
            throw unreadable(file + ": cannot read the COLMAP model file: " + e);
        }
    }
}
