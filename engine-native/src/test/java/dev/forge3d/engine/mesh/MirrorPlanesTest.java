package dev.forge3d.engine.mesh;

import dev.forge3d.api.Symmetry;
import dev.forge3d.api.View;
import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MirrorPlanesTest {
    private static final int BOTH = MeshKernels.MIRROR_LEFT_RIGHT | MeshKernels.MIRROR_FRONT_BACK;

    @TempDir
    Path folder;

    @Test
    void anOutlineIsMirroredAcrossTheCentreOfItsOwnBox() {
        // A 6 x 3 block anywhere on the canvas is its own mirror image; an L is not.
        assertEquals(1.0, MirrorPlanes.mirrorIou(image(12, 8, (x, y) -> x >= 1 && x < 7 && y >= 2 && y < 5)));
        double ell = MirrorPlanes.mirrorIou(image(12, 8, (x, y) -> x >= 2 && x < 10 && y >= 1 && y < 7
                && (x < 4 || y >= 5)));
        // The L's 12 + 12 pixels: its mirror shares the foot (16 pixels) and nothing of the stem.
        assertEquals(16.0 / 32, ell, 1e-12);
        assertEquals(1.0, MirrorPlanes.mirrorIou(image(4, 4, (x, y) -> false)), "no outline, nothing refuted");
    }

    @Test
    void onAndOffAreBothPlanesAndNoneAndFourViewsLeaveTheRestToTheNeighbours() throws Exception {
        List<PosedView> four = views(ScenePreset.CYLINDER, View.values());
        assertEquals(BOTH, MirrorPlanes.of(Symmetry.ON, four));
        assertEquals(0, MirrorPlanes.of(Symmetry.OFF, four));
        assertEquals(0, MirrorPlanes.of(Symmetry.AUTO, four));
    }

    @Test
    void autoMirrorsAcrossAPlaneOnlyWhereTheViewsAlongItShowASymmetricOutline() throws Exception {
        List<PosedView> cylinder = views(ScenePreset.CYLINDER, View.FRONT, View.LEFT, View.RIGHT);
        List<PosedView> composite = views(ScenePreset.COMPOSITE, View.FRONT, View.LEFT, View.RIGHT);
        assertEquals(BOTH, MirrorPlanes.of(Symmetry.AUTO, cylinder));
        // The composite: a cylinder on one side and a small sphere on the other, and in front
        // (its outlines' mirror IoU 0.6-0.8; the cylinder's 1.0).
        assertEquals(0, MirrorPlanes.of(Symmetry.AUTO, composite));
        // The front alone says nothing about front and back; its own outline decides left and right.
        assertEquals(MeshKernels.MIRROR_FRONT_BACK, MirrorPlanes.of(Symmetry.AUTO, composite.subList(0, 1)));
        assertEquals(BOTH, MirrorPlanes.of(Symmetry.AUTO, cylinder.subList(0, 1)));
    }

    private List<PosedView> views(ScenePreset preset, View... views) throws Exception {
        GeneratedScene scene = SceneGenerator.generate(GenerationSpec.fourViews(preset.isolated(3), 160,
                preset.frontAzimuthDegrees()).withMesh(false), folder.resolve(preset.name()));
        return MeshTestViews.posedViews(scene, views);
    }

    private interface Inside {
        boolean at(int x, int y);
    }

    private static ViewImage image(int width, int height, Inside inside) {
        byte[] mask = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                mask[y * width + x] = (byte) (inside.at(x, y) ? 1 : 0);
            }
        }
        return new ViewImage(width, height, new int[width * height], mask);
    }
}
