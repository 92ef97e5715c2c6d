package dev.forge3d.engine.mesh;

import dev.forge3d.api.View;
import dev.forge3d.engine.synthetic.CameraRig;
import dev.forge3d.engine.media.ImageDecoding;
import dev.forge3d.engine.synthetic.GeneratedScene;
import org.bytedeco.opencv.opencv_core.Mat;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads the generator's four-view data sets into what the mesh code consumes. */
final class MeshTestViews {
    private MeshTestViews() {
    }

    static int[] rgb(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        int[] out = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < out.length; i++) {
            out[i] &= 0xFFFFFF;
        }
        return out;
    }

    /** The ground-truth mask: 1 where the mask PNG is brighter than mid grey. */
    static byte[] mask(Path file) throws IOException {
        int[] rgb = rgb(file);
        byte[] mask = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            mask[i] = (byte) (((rgb[i] >> 8) & 0xFF) > 127 ? 1 : 0);
        }
        return mask;
    }

    static ViewCamera camera(GeneratedScene scene, View view) {
        int index = scene.groundTruth().frames().indexOf(scene.groundTruth().frame(CameraRig.label(view)));
        return ViewCamera.perspective(scene.intrinsics(), scene.poses().get(index));
    }

    /** The given views with their ground-truth masks and true cameras. */
    static List<PosedView> posedViews(GeneratedScene scene, View... views) throws IOException {
        List<PosedView> out = new ArrayList<>();
        int w = scene.intrinsics().width(), h = scene.intrinsics().height();
        for (View view : views) {
            out.add(new PosedView(new ViewImage(w, h, rgb(scene.image(view)), mask(scene.mask(view))),
                    camera(scene, view)));
        }
        return out;
    }

    /** The scene's four views decoded from its files and segmented together, as the mesh job does. */
    static Map<View, ViewImage> segmentedTogether(GeneratedScene scene) {
        Map<View, Mat> images = new EnumMap<>(View.class);
        try {
            for (View view : View.values()) {
                images.put(view, ImageDecoding.decode(scene.image(view)));
            }
            return Segmentation.segmentViews(images);
        } finally {
            images.values().forEach(Mat::close);
        }
    }

    /** ../shared/data beside the project root (the folder holding mvnw). */
    static Path sharedData() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !java.nio.file.Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("../shared/data") : dir.resolveSibling("shared").resolve("data");
    }
}
