package dev.forge3d.engine.mesh;

import dev.forge3d.api.View;
import dev.forge3d.api.spi.MeshKernels;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The canvases the views are normalised onto: one height, and no wider than the bake takes. */
class ViewNormalisationTest {

    @Test
    void aLongObjectGetsALowerCanvasHeightSoThatNoViewIsWiderThanTheBakeTakes() {
        // Side on, a rod 99 times longer than thick; end on, a square.
        Map<View, ViewNormalisation.NormalisedView> normalised = frontAndSideAt512(
                boxPhoto(4000, 100, 3960, 40), boxPhoto(4000, 100, 40, 40));
        ViewImage front = normalised.get(View.FRONT).image();
        ViewImage left = normalised.get(View.LEFT).image();
        // At 512 pixels the front canvas would be about 1.1 x 99 x 410 = 44,600 pixels wide.
        assertTrue(front.width() <= MeshKernels.MAX_BAKE_SIDE, "front " + front.width());
        assertTrue(front.width() > 0.95 * MeshKernels.MAX_BAKE_SIDE, "as tall as fits: front " + front.width());
        assertEquals(front.height(), left.height(), "one height, so one scale");
        assertTrue(front.height() < 512 && front.height() > 100, "height " + front.height());
        // The silhouette still fills the canvas height as the reference says, with its length kept.
        int[] box = ViewImage.maskBounds(front.mask(), front.width()); // inclusive
        double silhouetteHeight = box[3] - box[1] + 1;
        assertEquals(ViewNormalisation.HEIGHT_FRACTION * front.height(), silhouetteHeight, 1.5);
        assertEquals(99.0, (box[2] - box[0] + 1) / silhouetteHeight, 99 * 0.03);
    }

    @Test
    void anObjectOfOrdinaryProportionsKeepsTheRequestedHeight() {
        Map<View, ViewNormalisation.NormalisedView> normalised = frontAndSideAt512(
                boxPhoto(300, 200, 240, 60), boxPhoto(300, 200, 60, 60));
        assertEquals(512, normalised.get(View.FRONT).image().height());
        assertEquals(512, normalised.get(View.LEFT).image().height());
        assertTrue(normalised.get(View.FRONT).image().width() > 1500, "widened for a 4:1 object");
    }

    private static Map<View, ViewNormalisation.NormalisedView> frontAndSideAt512(ViewImage front, ViewImage left) {
        Map<View, ViewImage> views = new EnumMap<>(View.class);
        views.put(View.FRONT, front);
        views.put(View.LEFT, left);
        return ViewNormalisation.normalise(views, 512);
    }

    /** A grey photo with a centred white box as its object mask. */
    static ViewImage boxPhoto(int width, int height, int boxWidth, int boxHeight) {
        int[] rgb = new int[width * height];
        byte[] mask = new byte[width * height];
        int x0 = (width - boxWidth) / 2, y0 = (height - boxHeight) / 2;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean inside = x >= x0 && x < x0 + boxWidth && y >= y0 && y < y0 + boxHeight;
                rgb[y * width + x] = inside ? 0xffffff : 0x808080;
                mask[y * width + x] = (byte) (inside ? 1 : 0);
            }
        }
        return new ViewImage(width, height, rgb, mask);
    }
}
