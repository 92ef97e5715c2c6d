package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;

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
}
