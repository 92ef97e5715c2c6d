package dev.forge3d.engine.synthetic;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compares a reference silhouette with a generated mask. */
final class MaskComparison {
    private MaskComparison() {
    }

    /**
     * Asserts IoU &ge; 0.98, a non-trivial mask, and that every disagreeing pixel lies on the
     * boundary (within one pixel of a change in the reference).
     */
    static void assertAgree(boolean[] reference, boolean[] mask, int width, int height, String what) {
        int intersection = 0;
        int union = 0;
        int offBoundary = 0;
        int area = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                area += mask[i] ? 1 : 0;
                intersection += reference[i] && mask[i] ? 1 : 0;
                union += reference[i] || mask[i] ? 1 : 0;
                if (reference[i] != mask[i] && !TestImages.nearMaskEdge(reference, width, height, x, y)) {
                    offBoundary++;
                }
            }
        }
        double iou = intersection / (double) union;
        assertTrue(area > width * height / 50, what + ": mask covers only " + area + " pixels");
        assertTrue(iou >= 0.98, what + ": IoU " + iou);
        assertTrue(offBoundary == 0, what + ": " + offBoundary + " pixels disagree away from the boundary");
    }
}
