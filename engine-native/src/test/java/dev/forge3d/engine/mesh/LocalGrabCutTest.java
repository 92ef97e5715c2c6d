package dev.forge3d.engine.mesh;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local colour models on an image that global ones cannot split. */
class LocalGrabCutTest {
    static final int W = 96, H = 48;
    static final int RED = 0xC03020, BLUE = 0x2040C0;

    /**
     * The backdrop is red on the left half and blue on the right; the object, a bar across the
     * middle, is blue on the left and red on the right. Each colour is half object and half
     * backdrop over the whole image, so only models of the colours near each pixel can tell them
     * apart. The labels start from a rough box around the bar.
     */
    @Test
    void anObjectColouredLikeTheBackdropElsewhereIsFound() {
        int[] rgb = new int[W * H];
        byte[] labels = new byte[W * H];
        byte[] truth = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                boolean object = x >= 20 && x < 76 && y >= 16 && y < 32;
                boolean left = x < W / 2;
                rgb[i] = object == left ? BLUE : RED;
                truth[i] = (byte) (object ? 1 : 0);
                boolean band = x < 2 || y < 2 || x >= W - 2 || y >= H - 2;
                boolean rough = x >= 14 && x < 82 && y >= 10 && y < 38;
                labels[i] = band ? LocalGrabCut.BGD : rough ? LocalGrabCut.PR_FGD : LocalGrabCut.PR_BGD;
            }
        }
        LocalGrabCut.iterate(rgb, labels, W, H, 3);
        int both = 0, either = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean found = labels[i] == LocalGrabCut.PR_FGD || labels[i] == LocalGrabCut.FGD;
            both += found && truth[i] != 0 ? 1 : 0;
            either += found || truth[i] != 0 ? 1 : 0;
        }
        double iou = (double) both / either;
        assertTrue(iou > 0.97, "mask IoU " + iou);
    }

    /**
     * Over a finely textured object (random colours, so no smooth regions of its own) and a busy
     * backdrop, a flat dot labelled object is costed without its own pixels: every pixel's object
     * cost equals the one computed by brute force from the object's pixels in the tiles' reach,
     * the dot's own left out; the backdrop side (mostly smooth 8 x 8 blocks) keeps counting its
     * regions for themselves.
     */
    @Test
    void aSmoothPatchIsCostedWithoutItsOwnPixelsOnATexturedSide() {
        int s = 96, lo = 32, hi = 64;
        byte[] labels = new byte[s * s];
        int[] rgb = new int[s * s];
        Random random = new Random(7);
        int bins = LocalGrabCut.COLOUR_BINS;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int i = y * s + x;
                boolean object = x >= lo && x < hi && y >= lo && y < hi;
                boolean dot = (x - 68) * (x - 68) + (y - 48) * (y - 48) < 36;
                rgb[i] = dot ? 0x30D040 : object ? random.nextInt(1 << 24)
                        : new Random(31L * (y / 8) + x / 8).nextInt(1 << 24);
                labels[i] = object || dot ? LocalGrabCut.PR_FGD : LocalGrabCut.PR_BGD;
            }
        }
        int[] bin = LocalGrabCut.colourBins(rgb);
        int[] regions = SmoothRegions.of(rgb, s, s);
        double[] objectCost = new double[s * s], backdropCost = new double[s * s];
        assertTrue(LocalGrabCut.localCosts(bin, bins, labels, regions, s, s, true, objectCost));
        assertTrue(LocalGrabCut.localCosts(bin, bins, labels, regions, s, s, false, backdropCost));
        int tile = (s + LocalGrabCut.TILES - 1) / LocalGrabCut.TILES;
        int dotRegion = regions[48 * s + 68];
        assertTrue(dotRegion >= 0, "the dot is a smooth region");
        for (int i = 0; i < s * s; i += 7) {
            assertEquals(bruteForceCost(bin, labels, regions, s, tile, i, true, regions[i] == dotRegion), objectCost[i],
                    1e-9, "object cost at " + i);
            assertEquals(bruteForceCost(bin, labels, regions, s, tile, i, false, false), backdropCost[i], 1e-9,
                    "backdrop cost at " + i);
        }
    }

    /** -log p(bin | side, tile) counted pixel by pixel, the pixel's own region left out when asked. */
    private static double bruteForceCost(int[] bin, byte[] labels, int[] regions, int s, int tile, int i,
                                         boolean object, boolean leaveOwnRegionOut) {
        int tx = (i % s) / tile, ty = (i / s) / tile;
        double count = 0, total = 0;
        for (int j = 0; j < s * s; j++) {
            boolean isObject = LocalGrabCut.isObject(labels[j]);
            boolean near = Math.abs((j % s) / tile - tx) <= LocalGrabCut.REACH
                    && Math.abs((j / s) / tile - ty) <= LocalGrabCut.REACH;
            if (isObject != object || !near || (leaveOwnRegionOut && regions[j] == regions[i])) {
                continue;
            }
            total++;
            count += bin[j] == bin[i] ? 1 : 0;
        }
        return -Math.log((count + LocalGrabCut.PRIOR_COUNT) / (total + LocalGrabCut.PRIOR_COUNT * LocalGrabCut.COLOUR_BINS));
    }
}
