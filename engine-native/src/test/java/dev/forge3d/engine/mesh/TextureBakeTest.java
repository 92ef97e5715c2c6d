package dev.forge3d.engine.mesh;

import dev.forge3d.api.MeshParams;
import dev.forge3d.api.View;
import dev.forge3d.engine.synthetic.Bounds;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import dev.forge3d.engine.synthetic.SyntheticScene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * UV unwrap and bake on the composite with its true cameras: the textured mesh, rendered
 * unshaded through each input camera, gives back the input photo inside the object.
 */
class TextureBakeTest {
    @TempDir
    Path folder;

    @Test
    void theBakedTextureReproducesTheInputViews() throws Exception {
        SyntheticScene scene = ScenePreset.COMPOSITE.isolated(9);
        GeneratedScene generated = SceneGenerator.generate(GenerationSpec.fourViews(scene, 160).withMesh(false), folder);
        List<PosedView> views = MeshTestViews.posedViews(generated, View.values());
        Bounds bounds = scene.objectBounds();
        double r = 1.5 * bounds.radius();
        var c = bounds.centre();
        DenseSurface dense = new SilhouetteGeometryModel().reconstruct(views,
                new double[] {c.x() - r, c.y() - r, c.z() - r}, new double[] {c.x() + r, c.y() + r, c.z() + r}, 96,
                f -> { });
        TriMesh simplified = MeshSimplifier.simplify(dense.mesh(), 4000);
        MeshParams params = MeshParams.builder().textureSize(512).pbr(true).build();
        MeshAsset asset = MeshBuild.texture(simplified, dense, views, params, () -> { });
        assertEquals(512, asset.textureSize());
        RenderCheck.write(asset, "composite-true-cameras", 0, 1, 2, 3);
        dev.forge3d.engine.io.GlbWriter.write(asset, java.nio.file.Files.createDirectories(Path.of("target", "glb-samples"))
                .resolve("bake-composite-pbr.glb"));

        for (PosedView view : views) {
            int[] rendered = TurntableRenderer.render(asset, view.camera(), false);
            byte[] mask = view.image().mask();
            int w = view.image().width();
            double sum = 0;
            int n = 0;
            for (int y = 2; y < view.image().height() - 2; y++) {
                for (int x = 2; x < w - 2; x++) {
                    // Interior pixels only: both the input and the rendered silhouette cover them.
                    if (mask[y * w + x] == 0 || mask[y * w + x - 2] == 0 || mask[y * w + x + 2] == 0
                            || mask[(y - 2) * w + x] == 0 || mask[(y + 2) * w + x] == 0
                            || rendered[y * w + x] == TurntableRenderer.BACKGROUND_RGB) {
                        continue;
                    }
                    sum += Math.abs(luma(rendered[y * w + x]) - luma(view.image().rgb()[y * w + x]));
                    n++;
                }
            }
            double mean = sum / n;
            System.out.printf(Locale.ROOT, "bake: mean |luma difference| %.1f over %d pixels%n", mean, n);
            assertTrue(mean < 20, "mean luma difference " + mean);
        }
    }

    static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }
}
