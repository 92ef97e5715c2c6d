package dev.forge3d.engine.mesh;

import dev.forge3d.api.View;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LostParts} on the generator's own masks of the composite (four views, 160 x 160), under
 * the job's assumed cameras: intact masks point to no lost part, and a part erased from one
 * view is found where it was.
 */
class LostPartsTest {
    static final int SIZE = 160;

    @TempDir
    static Path folder;

    static Map<View, ViewImage> truth;

    @BeforeAll
    static void generate() throws Exception {
        GeneratedScene scene = SceneGenerator.generate(
                GenerationSpec.fourViews(ScenePreset.COMPOSITE.isolated(3), SIZE).withMesh(false), folder);
        truth = new EnumMap<>(View.class);
        for (View view : View.values()) {
            truth.put(view, new ViewImage(SIZE, SIZE, MeshTestViews.rgb(scene.image(view)),
                    MeshTestViews.mask(scene.mask(view))));
        }
    }

    /** Masks that agree leave (nearly) no ray unexplained: the regions are at most specks along the outlines. */
    @Test
    void intactViewsLoseNothing() {
        Map<View, byte[]> regions = LostParts.regions(truth);
        for (View view : View.values()) {
            int region = count(regions.get(view));
            System.out.printf(Locale.ROOT, "lost parts, intact %s: region %d pixels (mask %d)%n", view, region,
                    truth.get(view).maskArea());
            assertTrue(region <= 0.01 * truth.get(view).maskArea(), view + ": region of " + region + " pixels");
        }
    }

    /**
     * The right view loses the top fifth of its object (as a segmentation over a busy backdrop
     * loses a part coloured like it): the front and back views' rays through that part now miss
     * the hull, only the right view refutes them, and the region found there covers the lost
     * pixels; the other views' regions stay empty.
     */
    @Test
    void aPartOneViewLostIsFoundWhereItWas() {
        Map<View, ViewImage> views = new EnumMap<>(truth);
        ViewImage right = truth.get(View.RIGHT);
        int[] box = bounds(right.mask());
        int cut = box[1] + (box[3] - box[1]) / 5;
        byte[] damaged = right.mask().clone();
        byte[] lost = new byte[damaged.length];
        for (int i = 0; i < damaged.length; i++) {
            if (damaged[i] != 0 && i / SIZE < cut) {
                damaged[i] = 0;
                lost[i] = 1;
            }
        }
        views.put(View.RIGHT, new ViewImage(SIZE, SIZE, right.rgb(), damaged));
        Map<View, byte[]> regions = LostParts.regions(views);
        byte[] region = regions.get(View.RIGHT);
        int found = 0;
        for (int i = 0; i < lost.length; i++) {
            found += lost[i] != 0 && region[i] != 0 ? 1 : 0;
        }
        double recovered = found / (double) count(lost);
        System.out.printf(Locale.ROOT, "lost parts: %d pixels erased from the right view, %.3f of them in its region "
                + "(%d pixels)%n", count(lost), recovered, count(region));
        assertTrue(recovered >= 0.8, "the region covers " + recovered + " of the lost part");
        for (View view : new View[] {View.FRONT, View.BACK, View.LEFT}) {
            int other = count(regions.get(view));
            assertTrue(other <= 0.01 * views.get(view).maskArea(), view + ": region of " + other + " pixels");
        }
    }

    private static int count(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += b != 0 ? 1 : 0;
        }
        return n;
    }

    /** {xmin, ymin, xmax, ymax} of the mask. */
    private static int[] bounds(byte[] mask) {
        int x0 = SIZE, y0 = SIZE, x1 = -1, y1 = -1;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                x0 = Math.min(x0, i % SIZE);
                x1 = Math.max(x1, i % SIZE);
                y0 = Math.min(y0, i / SIZE);
                y1 = Math.max(y1, i / SIZE);
            }
        }
        return new int[] {x0, y0, x1, y1};
    }
}
