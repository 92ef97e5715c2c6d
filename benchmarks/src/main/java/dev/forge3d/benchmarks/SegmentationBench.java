package dev.forge3d.benchmarks;

import dev.forge3d.api.View;
import dev.forge3d.engine.media.ImageDecoding;
import dev.forge3d.engine.mesh.Segmentation;
import dev.forge3d.engine.mesh.ViewImage;
import dev.forge3d.engine.synthetic.Background;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import dev.forge3d.engine.synthetic.SyntheticScene;
import org.bytedeco.opencv.opencv_core.Mat;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Segmentation's mask IoU against the generator's masks for every preset, over the plain
 * background and over textured backgrounds (one per given seed), all four views, as a table.
 * The four views go through {@link Segmentation#segmentViews} together, as the mesh job does;
 * with {@code single}, each view through {@link Segmentation#segment} on its own.
 * Usage: SegmentationBench [size] [background seeds, comma-separated] [views|single] [presets,
 * comma-separated]; defaults 160, 77 (the test's), views and every preset.
 * scripts/bench-segmentation.sh runs it.
 */
public final class SegmentationBench {
    private SegmentationBench() {
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 160;
        String[] seeds = (args.length > 1 ? args[1] : "77").split(",");
        boolean together = args.length <= 2 || !args[2].equals("single");
        List<ScenePreset> presets = args.length <= 3 ? List.of(ScenePreset.values())
                : Arrays.stream(args[3].split(",")).map(p -> ScenePreset.valueOf(p.trim().toUpperCase(Locale.ROOT)))
                .toList();
        Path folder = Files.createTempDirectory("segmentation-bench");
        System.out.printf(Locale.ROOT, "| object | background | front | back | left | right | ms per view |%n");
        System.out.printf(Locale.ROOT, "| --- | --- | ---: | ---: | ---: | ---: | ---: |%n");
        double worst = 1;
        for (ScenePreset preset : presets) {
            for (int b = 0; b <= seeds.length; b++) {
                SyntheticScene scene = b == 0 ? preset.isolated(3)
                        : preset.scene(3, false, Background.texturedSphere(30, Long.parseLong(seeds[b - 1].trim())));
                GeneratedScene generated = SceneGenerator.generate(GenerationSpec.fourViews(scene, size).withMesh(false),
                        folder.resolve(preset + "-" + b));
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s |",
                        preset.name().toLowerCase(Locale.ROOT), b == 0 ? "plain" : "textured " + seeds[b - 1].trim()));
                Map<View, Mat> images = new EnumMap<>(View.class);
                Map<View, ViewImage> segmented = new EnumMap<>(View.class);
                long start = System.nanoTime();
                try {
                    for (View view : View.values()) {
                        images.put(view, ImageDecoding.decode(generated.image(view)));
                    }
                    if (together) {
                        segmented.putAll(Segmentation.segmentViews(images));
                    } else {
                        for (View view : View.values()) {
                            segmented.put(view, Segmentation.segment(images.get(view)));
                        }
                    }
                } finally {
                    images.values().forEach(Mat::close);
                }
                long nanos = System.nanoTime() - start;
                for (View view : View.values()) {
                    double iou = ViewImage.maskIou(segmented.get(view).mask(), truth(generated.mask(view)));
                    worst = Math.min(worst, iou);
                    row.append(String.format(Locale.ROOT, " %.3f |", iou));
                }
                row.append(String.format(Locale.ROOT, " %.0f |", nanos / 4e6));
                System.out.println(row);
            }
        }
        System.out.printf(Locale.ROOT, "worst view: %.3f%n", worst);
    }

    /** The generator's mask PNG: 1 where its green channel is above mid grey. */
    private static byte[] truth(Path file) throws java.io.IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        int w = image.getWidth(), h = image.getHeight();
        byte[] mask = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mask[y * w + x] = (byte) (((image.getRGB(x, y) >> 8) & 0xFF) > 127 ? 1 : 0);
            }
        }
        return mask;
    }
}
