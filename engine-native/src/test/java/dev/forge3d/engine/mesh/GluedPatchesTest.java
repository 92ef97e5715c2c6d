package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backdrop patches glued to a view's outline: which smooth patches the opposite view's mirrored
 * outline lets {@link GluedPatches#cut} take out of the object, and which it must leave.
 */
class GluedPatchesTest {
    static final int S = 120;
    static final int DOT = 0xE040A0;

    /**
     * A textured object (every pixel its own random colour, so no smooth patch forms on it) with
     * flat dots, over a textured backdrop; the view's mask is the object and the dots it kept.
     */
    private record DottedView(int[] rgb, byte[] object, byte[] mask, byte[] labels) {
        static DottedView of(long seed, Shape object, Shape... dots) {
            Random random = new Random(seed);
            int[] rgb = new int[S * S];
            byte[] objectMask = new byte[S * S], mask = new byte[S * S], labels = new byte[S * S];
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    int i = y * S + x;
                    boolean dot = false;
                    for (Shape d : dots) {
                        dot |= d.contains(x, y);
                    }
                    boolean inObject = object.contains(x, y);
                    rgb[i] = dot ? DOT : random.nextInt(0x1000000);
                    objectMask[i] = (byte) (inObject ? 1 : 0);
                    mask[i] = (byte) (inObject || dot ? 1 : 0);
                    labels[i] = mask[i] != 0 ? LocalGrabCut.PR_FGD : LocalGrabCut.PR_BGD;
                }
            }
            return new DottedView(rgb, objectMask, mask, labels);
        }

        /** The pixels the cut's labels keep as object. */
        byte[] kept(byte[] cutLabels) {
            byte[] out = new byte[S * S];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (mask[i] != 0 && LocalGrabCut.isObject(cutLabels[i]) ? 1 : 0);
            }
            return out;
        }
    }

    private interface Shape {
        boolean contains(int x, int y);
    }

    private static Shape disc(int cx, int cy, int r) {
        return (x, y) -> (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r;
    }

    private static Shape rectangle(int x0, int y0, int x1, int y1) {
        return (x, y) -> x >= x0 && x < x1 && y >= y0 && y < y1;
    }

    private static byte[] maskOf(Shape shape) {
        byte[] mask = new byte[S * S];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (byte) (shape.contains(i % S, i / S) ? 1 : 0);
        }
        return mask;
    }

    /** The mask mirrored left to right: what the opposite view would give for this outline. */
    private static byte[] asOppositeView(byte[] mask) {
        return OppositeViews.mirrored(mask, S, S);
    }

    @Test
    void aDotGluedBeyondTheOppositeOutlineIsCut() {
        DottedView view = DottedView.of(1, disc(60, 60, 30), disc(96, 60, 8));
        byte[] labels = GluedPatches.cut(view.rgb(), view.labels(), view.mask(), asOppositeView(view.object()), S, S);
        assertNotNull(labels, "the glued dot is found");
        byte[] kept = view.kept(labels);
        int dotKept = 0, objectLost = 0;
        for (int i = 0; i < kept.length; i++) {
            dotKept += kept[i] != 0 && view.object()[i] == 0 ? 1 : 0;
            // The few object pixels under the dot go with it: they are the dot's colour.
            objectLost += kept[i] == 0 && view.object()[i] != 0 && view.rgb()[i] != DOT ? 1 : 0;
        }
        assertEquals(0, dotKept, "dot pixels beside the object kept");
        assertEquals(0, objectLost, "object pixels cut");
    }

    @Test
    void aDotTheOppositeOutlineAlsoHasStays() {
        DottedView view = DottedView.of(2, disc(60, 60, 30), disc(96, 60, 8));
        assertNothingCut(GluedPatches.cut(view.rgb(), view.labels(), view.mask(), asOppositeView(view.mask()), S, S),
                "a dot the opposite view also shows is cut");
    }

    /**
     * A flat patch of the object's own surface beyond the opposite outline (a yawed box's side that
     * the opposite view does not show as wide) stays when the object surrounds it; the same patch
     * glued to the object's edge goes.
     */
    @Test
    void aFlatPatchTheObjectSurroundsStays() {
        Shape object = rectangle(20, 30, 108, 90);
        byte[] opposite = asOppositeView(maskOf(rectangle(40, 30, 80, 90)));
        DottedView enclosed = DottedView.of(3, object, disc(92, 60, 7));
        assertNothingCut(GluedPatches.cut(enclosed.rgb(), enclosed.labels(), enclosed.mask(), opposite, S, S),
                "a flat patch inside the object is cut");
        DottedView glued = DottedView.of(3, object, disc(110, 60, 7));
        assertNotNull(GluedPatches.cut(glued.rgb(), glued.labels(), glued.mask(), opposite, S, S),
                "the same patch glued to the edge is kept");
    }

    @Test
    void aPlainObjectIsLeftAlone() {
        DottedView view = DottedView.of(4, disc(60, 60, 30), disc(96, 60, 8));
        int[] plain = view.rgb().clone();
        for (int i = 0; i < plain.length; i++) {
            plain[i] = view.object()[i] != 0 ? 0x3060C0 : plain[i];
        }
        assertNothingCut(GluedPatches.cut(plain, view.labels(), view.mask(), asOppositeView(view.object()), S, S),
                "a plain object's patches are cut");
    }

    /** Null labels: nothing cut (asserted without printing the labels). */
    private static void assertNothingCut(byte[] labels, String message) {
        assertTrue(labels == null, message);
    }

    @Test
    void outlinesThatAgreeVouchOnlyWithinTheEdgeMargin() {
        byte[] disc = maskOf(disc(60, 60, 30));
        byte[] half = maskOf(rectangle(30, 30, 60, 90));
        assertEquals(OppositeViews.EDGE_MARGIN, GluedPatches.reachBeside(disc, asOppositeView(disc), S, S));
        assertEquals(LostParts.OPPOSITE_REACH, GluedPatches.reachBeside(disc, half, S, S));
    }
}
