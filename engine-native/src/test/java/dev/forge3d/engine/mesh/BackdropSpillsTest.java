package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backdrop spills: which part of a view's object beyond the opposite view's mirrored outline
 * {@link BackdropSpills} cuts (a thick stretch) and which it leaves (a thin band, as perspective
 * gives, or what the opposite view shows too).
 */
class BackdropSpillsTest {
    static final int S = 200;
    /** The object, as both views see it. */
    static final Shape OBJECT = rectangle(60, 50, 140, 150);

    private interface Shape {
        boolean contains(int x, int y);
    }

    private static Shape rectangle(int x0, int y0, int x1, int y1) {
        return (x, y) -> x >= x0 && x < x1 && y >= y0 && y < y1;
    }

    private static Shape union(Shape a, Shape b) {
        return (x, y) -> a.contains(x, y) || b.contains(x, y);
    }

    private static byte[] maskOf(Shape shape) {
        byte[] mask = new byte[S * S];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (byte) (shape.contains(i % S, i / S) ? 1 : 0);
        }
        return mask;
    }

    /** The mask mirrored left to right: what the opposite view gives for this outline. */
    private static byte[] asOppositeView(Shape shape) {
        return OppositeViews.mirrored(maskOf(shape), S, S);
    }

    private static int reach() {
        return (int) Math.round(LostParts.OPPOSITE_REACH * S);
    }

    @Test
    void aThickStretchBeyondTheOppositeOutlineIsTheSpill() {
        Shape stretch = rectangle(140, 70, 185, 130);
        byte[] spill = BackdropSpills.spill(maskOf(union(OBJECT, stretch)), asOppositeView(OBJECT), S, S);
        assertNotNull(spill, "the stretch is found");
        int beyond = 0, beyondFound = 0, elsewhere = 0;
        for (int i = 0; i < spill.length; i++) {
            int x = i % S, y = i / S;
            boolean beyondReach = stretch.contains(x, y) && x >= 140 + reach();
            beyond += beyondReach ? 1 : 0;
            beyondFound += beyondReach && spill[i] != 0 ? 1 : 0;
            elsewhere += !beyondReach && spill[i] != 0 ? 1 : 0;
        }
        assertEquals(0, elsewhere, "pixels within the opposite view's reach or off the stretch taken");
        // The opening rounds the stretch's far corners off: those stay.
        assertTrue(beyondFound >= 0.95 * beyond, "found " + beyondFound + " of the " + beyond
                + " stretch pixels beyond the reach");
    }

    /**
     * The cut takes the spill beyond the reach, then the recut relearns its colours as the
     * backdrop's and gives back the rest of it, within the reach; the object stays.
     */
    @Test
    void theRecutGivesBackTheSpillWithinTheReach() {
        Shape stretch = rectangle(140, 70, 185, 130);
        byte[] mask = maskOf(union(OBJECT, stretch));
        Random random = new Random(5);
        int[] rgb = new int[S * S];
        byte[] labels = new byte[S * S];
        for (int i = 0; i < rgb.length; i++) {
            boolean object = OBJECT.contains(i % S, i / S);
            // Textured blue object, textured green backdrop.
            rgb[i] = object ? 0x000080 + random.nextInt(0x80) : 0x008000 + (random.nextInt(0x80) << 8) + random.nextInt(0x40);
            labels[i] = mask[i] != 0 ? LocalGrabCut.PR_FGD : LocalGrabCut.PR_BGD;
        }
        byte[] cut = BackdropSpills.cut(rgb, null, labels, mask, asOppositeView(OBJECT), S, S);
        assertNotNull(cut, "the stretch is found");
        int stretchKept = 0, objectLost = 0;
        for (int i = 0; i < cut.length; i++) {
            boolean object = OBJECT.contains(i % S, i / S), kept = LocalGrabCut.isObject(cut[i]);
            stretchKept += stretch.contains(i % S, i / S) && kept ? 1 : 0;
            objectLost += object && !kept ? 1 : 0;
        }
        assertEquals(0, stretchKept, "stretch pixels kept");
        assertEquals(0, objectLost, "object pixels cut");
    }

    /**
     * A part nearer this camera than the opposite one shows wider here: a band along the outline
     * beyond the opposite view's reach, thinner than a spill, stays.
     */
    @Test
    void aThinBandBeyondTheReachStays() {
        int band = (int) Math.floor(2 * BackdropSpills.THICKNESS * S) - 2;
        byte[] mask = maskOf(rectangle(60, 50, 140 + reach() + band, 150));
        assertNull(BackdropSpills.spill(mask, asOppositeView(OBJECT), S, S), "a thin band is cut");
    }

    @Test
    void aStretchTheOppositeViewAlsoShowsStays() {
        Shape withStretch = union(OBJECT, rectangle(140, 70, 185, 130));
        assertNull(BackdropSpills.spill(maskOf(withStretch), asOppositeView(withStretch), S, S),
                "a stretch the opposite view shows is cut");
    }
}
