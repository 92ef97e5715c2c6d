package dev.forge3d.engine.mesh;

import dev.forge3d.api.View;
import dev.forge3d.engine.media.ImageDecoding;
import dev.forge3d.engine.synthetic.Background;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mesh job takes a view cut down on its shorter side (a cut-out cropped to the object) beside
 * full-size ones; over a busy backdrop the views are segmented together, and the steps that lay
 * one view's mask over the opposite view's ({@link GluedPatches}, {@link BackdropSpills}) read
 * past the end of the narrower mask.
 */
class ViewsOfUnequalSizeTest {
    @TempDir
    Path folder;

    @Test
    void aViewCutDownOnItsShorterSideIsSegmentedBesideFullSizeOnes() throws Exception {
        GeneratedScene generated = SceneGenerator.generate(GenerationSpec.fourViews(
                ScenePreset.SPHERE.scene(3, false, Background.texturedSphere(30, 77)), 160).withMesh(false), folder);
        // The back view without its 10 outermost columns on each side: 140 x 160, the object whole.
        Rect cut = new Rect(10, 0, 140, 160);
        Map<View, Mat> images = new EnumMap<>(View.class);
        Map<View, ViewImage> segmented;
        try {
            for (View view : View.values()) {
                Mat decoded = ImageDecoding.decode(generated.image(view));
                if (view == View.BACK) {
                    try (decoded; Mat region = new Mat(decoded, cut)) {
                        images.put(view, region.clone());
                    }
                } else {
                    images.put(view, decoded);
                }
            }
            segmented = Segmentation.segmentViews(images);
        } finally {
            images.values().forEach(Mat::close);
        }
        for (View view : View.values()) {
            byte[] truth = MeshTestViews.mask(generated.mask(view));
            if (view == View.BACK) {
                truth = columns(truth, 160, 160, cut.x(), cut.width());
            }
            double iou = ViewImage.maskIou(segmented.get(view).mask(), truth);
            System.out.printf(Locale.ROOT, "segmentation with a narrower back view, %s: mask IoU %.3f%n", view, iou);
            assertTrue(iou >= 0.9, view + ": mask IoU " + iou);
        }
    }

    /** The columns {@code x0 .. x0 + width - 1} of a {@code w x h} mask. */
    private static byte[] columns(byte[] mask, int w, int h, int x0, int width) {
        byte[] out = new byte[width * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(mask, y * w + x0, out, y * width, width);
        }
        return out;
    }
}
