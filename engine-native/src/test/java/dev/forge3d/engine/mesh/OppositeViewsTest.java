package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The opposite view's mirrored outline as a prior: the part of the object it gives back, and when it is no prior. */
class OppositeViewsTest {
    static final int S = 96;
    static final int GREEN = 0x30A040, GREY = 0x808080, TEAL = 0x104848;

    /**
     * A green disk with dark teal spots on a grey backdrop; beside it a dark teal backdrop patch,
     * which the view's own labels took for object (its colour is the spots'). The opposite view
     * saw the disk alone. Colour models alone keep the patch; with the mirrored outline as prior
     * it goes, but for its rim next to the disk, where colour still decides.
     */
    @Test
    void aBackdropPatchKeptByColourGoesWithTheOppositeOutline() {
        int[] rgb = new int[S * S];
        byte[] truth = new byte[S * S], labels = new byte[S * S], own = new byte[S * S], opposite = new byte[S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                int i = y * S + x;
                boolean disk = (x - 48) * (x - 48) + (y - 50) * (y - 50) < 28 * 28;
                boolean patch = !disk && x >= 72 && x < 88 && y >= 42 && y < 58;
                rgb[i] = disk ? ((x + 2 * y) % 7 == 0 ? TEAL : GREEN) : patch ? TEAL : GREY;
                truth[i] = (byte) (disk ? 1 : 0);
                opposite[y * S + S - 1 - x] = truth[i];
                own[i] = (byte) (disk || patch ? 1 : 0);
                boolean band = x < 3 || y < 3 || x >= S - 3 || y >= S - 3;
                labels[i] = band ? LocalGrabCut.BGD : own[i] != 0 ? LocalGrabCut.PR_FGD : LocalGrabCut.PR_BGD;
            }
        }
        byte[] alone = labels.clone();
        LocalGrabCut.iterate(rgb, alone, S, S, OppositeViews.ITERATIONS);
        byte[] withPrior = OppositeViews.refine(rgb, labels, own, opposite, S, S);
        double iouAlone = iou(alone, truth), iouWithPrior = iou(withPrior, truth);
        System.out.println("colour alone " + iouAlone + ", with the opposite outline " + iouWithPrior);
        assertTrue(iouAlone < 0.96, "colour alone already drops the patch: IoU " + iouAlone);
        assertTrue(iouWithPrior > 0.98, "with the opposite outline: IoU " + iouWithPrior);
    }

    /** Outlines that disagree (one view failed, or the object is not mirror-alike) leave the labels as they are. */
    @Test
    void disagreeingOutlinesAreNoPrior() {
        int[] rgb = new int[S * S];
        byte[] labels = new byte[S * S], own = new byte[S * S], opposite = new byte[S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                int i = y * S + x;
                own[i] = (byte) (x >= 30 && x < 66 && y >= 20 && y < 80 ? 1 : 0);
                opposite[i] = (byte) (x >= 30 && x < 66 && y >= 20 && y < 45 ? 1 : 0);
                labels[i] = own[i] != 0 ? LocalGrabCut.PR_FGD : LocalGrabCut.PR_BGD;
                rgb[i] = own[i] != 0 ? GREEN : GREY;
            }
        }
        assertTrue(!OppositeViews.outlinesAgree(own, OppositeViews.mirrored(opposite, S, S)));
        assertArrayEquals(labels, OppositeViews.refine(rgb, labels, own, opposite, S, S));
    }

    /**
     * One object pixel of the opposite view reaches, mirrored, the pixels within the vertical
     * tolerance along its column and the given margin along its row, and no others (brute force
     * over every pixel).
     */
    @Test
    void theMirroredReachIsTheMirroredPixelGrownByTheTolerances() {
        int w = 100, h = 80, x = 20, y = 30;
        byte[] mask = new byte[w * h];
        mask[y * w + x] = 1;
        byte[] reach = OppositeViews.mirroredReach(mask, w, h, 0.03);
        int vertical = (int) Math.round(OppositeViews.VERTICAL_TOLERANCE * w), horizontal = 3;
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                boolean expected = Math.abs(px - (w - 1 - x)) <= horizontal && Math.abs(py - y) <= vertical;
                assertTrue((reach[py * w + px] != 0) == expected, "pixel " + px + ", " + py);
            }
        }
    }

    private static double iou(byte[] labels, byte[] truth) {
        return ViewImage.maskIou(LocalGrabCut.objectMask(labels), truth);
    }
}
