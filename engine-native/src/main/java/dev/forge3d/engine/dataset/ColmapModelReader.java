package dev.forge3d.engine.dataset;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.joml.Matrix4d;
import org.joml.Quaterniond;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a COLMAP sparse model (text {@code cameras.txt images.txt points3D.txt} or binary
 * {@code .bin}) from {@code sparse/0/} or {@code sparse/}, with the images in {@code images/}, into
 * a {@link PosedDataset}. COLMAP stores world-to-camera poses (OpenCV axes) and uses the same
 * pixel-centre convention as {@link CameraIntrinsics}. Frames are ordered by image name. Camera
 * models beyond one radial term keep their first radial coefficient only.
 */
public final class ColmapModelReader {
    private ColmapModelReader() {
    }

    /**
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} naming the file and what is wrong
     */
    public static PosedDataset read(Path folder) {
        Path model = modelFolder(folder);
        boolean text = Files.isRegularFile(model.resolve("cameras.txt"));
        Map<Integer, CameraIntrinsics> cameras;
        List<ImageEntry> images;
        List<SparsePoint> points;
        try {
            if (text) {
                cameras = camerasText(model.resolve("cameras.txt"));
                images = imagesText(model.resolve("images.txt"));
                points = Files.isRegularFile(model.resolve("points3D.txt")) ? pointsText(model.resolve("points3D.txt"))
                        : List.of();
            } else {
                cameras = camerasBinary(buffer(model.resolve("cameras.bin")));
                images = imagesBinary(buffer(model.resolve("images.bin")));
                points = Files.isRegularFile(model.resolve("points3D.bin"))
                        ? pointsBinary(buffer(model.resolve("points3D.bin"))) : List.of();
            }
        } catch (IOException e) {
            throw unreadable(model + ": cannot read the COLMAP model: " + e.getMessage());
        } catch (BufferUnderflowException | NumberFormatException | IndexOutOfBoundsException e) {
            throw unreadable(model + ": malformed COLMAP model: " + e);
        }
        if (images.isEmpty()) {
            throw unreadable(model + ": the COLMAP model has no images");
        }
        images.sort(Comparator.comparing(ImageEntry::name));
        List<CameraIntrinsics> cameraList = new ArrayList<>();
        Map<Integer, Integer> cameraIndex = new LinkedHashMap<>();
        List<PosedFrame> frames = new ArrayList<>();
        Path folderAbs = folder.toAbsolutePath();
        for (ImageEntry image : images) {
            CameraIntrinsics camera = cameras.get(image.camera());
            if (camera == null) {
                throw unreadable(model + ": image " + image.name() + " refers to missing camera " + image.camera());
            }
            int index = cameraIndex.computeIfAbsent(image.camera(), id -> {
                cameraList.add(camera);
                return cameraList.size() - 1;
            });
            String filePath = "images/" + image.name();
            Path file = folderAbs.resolve(filePath);
            if (!Files.isRegularFile(file)) {
                throw unreadable(model + ": image " + image.name() + " is not in " + folderAbs.resolve("images"));
            }
            Matrix4d worldToCamera = new Matrix4d().translation(image.t()[0], image.t()[1], image.t()[2])
                    .rotate(new Quaterniond(image.q()[1], image.q()[2], image.q()[3], image.q()[0]).normalize());
            frames.add(new PosedFrame(filePath, file, worldToCamera.invertAffine(), index));
        }
        return new PosedDataset(folderAbs, cameraList, frames, points);
    }

    private static Path modelFolder(Path folder) {
        for (Path candidate : List.of(folder.resolve("sparse/0"), folder.resolve("sparse"), folder)) {
            if (Files.isRegularFile(candidate.resolve("cameras.txt")) || Files.isRegularFile(candidate.resolve("cameras.bin"))) {
                return candidate;
            }
        }
        throw unreadable(folder + ": no COLMAP model (cameras.txt or cameras.bin in sparse/0/ or sparse/)");
    }

    private record ImageEntry(String name, double[] q, double[] t, int camera) {
    }

    /** COLMAP camera model ids and their parameter counts. */
    private static final String[] MODELS = {"SIMPLE_PINHOLE", "PINHOLE", "SIMPLE_RADIAL", "RADIAL", "OPENCV",
            "OPENCV_FISHEYE", "FULL_OPENCV", "FOV", "SIMPLE_RADIAL_FISHEYE", "RADIAL_FISHEYE", "THIN_PRISM_FISHEYE"};
    private static final int[] PARAMS = {3, 4, 4, 5, 8, 8, 12, 5, 4, 5, 12};

    private static CameraIntrinsics camera(String model, int width, int height, double[] p) {
        return switch (model) {
            case "SIMPLE_PINHOLE" -> new CameraIntrinsics(width, height, p[0], p[0], p[1], p[2], 0);
            case "PINHOLE" -> new CameraIntrinsics(width, height, p[0], p[1], p[2], p[3], 0);
            case "SIMPLE_RADIAL", "RADIAL" -> new CameraIntrinsics(width, height, p[0], p[0], p[1], p[2], p[3]);
            case "OPENCV", "FULL_OPENCV" -> new CameraIntrinsics(width, height, p[0], p[1], p[2], p[3], p[4]);
            default -> throw unreadable("COLMAP camera model " + model + " is not supported (pinhole or radial only)");
        };
    }

    private static List<String> dataLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private static Map<Integer, CameraIntrinsics> camerasText(Path file) throws IOException {
        Map<Integer, CameraIntrinsics> cameras = new LinkedHashMap<>();
        for (String line : dataLines(file)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.split("\\s+");
            double[] p = new double[w.length - 4];
            for (int k = 0; k < p.length; k++) {
                p[k] = Double.parseDouble(w[4 + k]);
            }
            cameras.put(Integer.parseInt(w[0]), camera(w[1], Integer.parseInt(w[2]), Integer.parseInt(w[3]), p));
        }
        return cameras;
    }

    private static List<ImageEntry> imagesText(Path file) throws IOException {
        List<String> lines = dataLines(file);
        List<ImageEntry> images = new ArrayList<>();
        // Two lines per image: the pose line, then its 2D points (possibly empty).
        for (int i = 0; i < lines.size(); i += 2) {
            if (lines.get(i).isEmpty()) {
                i--;
                continue;
            }
            String[] w = lines.get(i).split("\\s+");
            images.add(new ImageEntry(w[9], new double[] {d(w[1]), d(w[2]), d(w[3]), d(w[4])},
                    new double[] {d(w[5]), d(w[6]), d(w[7])}, Integer.parseInt(w[8])));
        }
        return images;
    }

    private static List<SparsePoint> pointsText(Path file) throws IOException {
        List<SparsePoint> points = new ArrayList<>();
        for (String line : dataLines(file)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.split("\\s+");
            points.add(new SparsePoint(d(w[1]), d(w[2]), d(w[3]), Integer.parseInt(w[4]), Integer.parseInt(w[5]),
                    Integer.parseInt(w[6])));
        }
        return points;
    }

    private static ByteBuffer buffer(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static Map<Integer, CameraIntrinsics> camerasBinary(ByteBuffer b) {
        Map<Integer, CameraIntrinsics> cameras = new LinkedHashMap<>();
        long count = b.getLong();
        for (long i = 0; i < count; i++) {
            int id = b.getInt();
            int model = b.getInt();
            if (model < 0 || model >= MODELS.length) {
                throw unreadable("cameras.bin: unknown camera model id " + model);
            }
            int width = (int) b.getLong();
            int height = (int) b.getLong();
            double[] p = new double[PARAMS[model]];
            for (int k = 0; k < p.length; k++) {
                p[k] = b.getDouble();
            }
            cameras.put(id, camera(MODELS[model], width, height, p));
        }
        return cameras;
    }

    private static List<ImageEntry> imagesBinary(ByteBuffer b) {
        List<ImageEntry> images = new ArrayList<>();
        long count = b.getLong();
        for (long i = 0; i < count; i++) {
            b.getInt();
            double[] q = {b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble()};
            double[] t = {b.getDouble(), b.getDouble(), b.getDouble()};
            int camera = b.getInt();
            StringBuilder name = new StringBuilder();
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (byte c = b.get(); c != 0; c = b.get()) {
                bytes.write(c);
            }
            name.append(bytes.toString(StandardCharsets.UTF_8));
            long points2d = b.getLong();
            b.position(Math.toIntExact(b.position() + points2d * 24));
            images.add(new ImageEntry(name.toString(), q, t, camera));
        }
        return images;
    }

    private static List<SparsePoint> pointsBinary(ByteBuffer b) {
        List<SparsePoint> points = new ArrayList<>();
        long count = b.getLong();
        for (long i = 0; i < count; i++) {
            b.getLong();
            double x = b.getDouble(), y = b.getDouble(), z = b.getDouble();
            int r = b.get() & 0xFF, g = b.get() & 0xFF, bl = b.get() & 0xFF;
            b.getDouble();
            long track = b.getLong();
            b.position(Math.toIntExact(b.position() + track * 8));
            points.add(new SparsePoint(x, y, z, r, g, bl));
        }
        return points;
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    private static Forge3dException unreadable(String message) {
        return new Forge3dException(ErrorCode.UNREADABLE_INPUT, message);
    }
}
