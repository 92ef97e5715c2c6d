package dev.forge3d.engine.mesh;

import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.Arrays;

/**
 * A segmentation mask's connected components: the specks dropped, the main object (the component
 * nearest the image centre, where the views look, with its nearby parts) kept, its holes filled.
 */
final class MaskComponents {
    /** Components this close to the main one (fraction of the image's longest side) are its parts. */
    static final double PART_REACH = 0.02;
    /** Components smaller than this fraction of the largest are dropped as noise. */
    static final double MIN_COMPONENT_FRACTION = 0.02;

    private MaskComponents() {
    }

    /** Connected components (8-connected): a label per pixel, 0 for background, and each label's area. */
    private record Components(int[] label, int[] area) {
        static Components of(byte[] mask, int w, int h) {
            try (Mat m = new Mat(h, w, opencv_core.CV_8UC1); Mat labels = new Mat(); Mat stats = new Mat();
                 Mat centroids = new Mat()) {
                try (UByteIndexer in = m.createIndexer()) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            in.put(y, x, mask[y * w + x] != 0 ? 255 : 0);
                        }
                    }
                }
                int count = opencv_imgproc.connectedComponentsWithStats(m, labels, stats, centroids, 8,
                        opencv_core.CV_32S);
                int[] area = new int[count];
                try (IntIndexer s = stats.createIndexer()) {
                    for (int c = 1; c < count; c++) {
                        area[c] = s.get(c, opencv_imgproc.CC_STAT_AREA);
                    }
                }
                int[] label = new int[w * h];
                try (IntIndexer l = labels.createIndexer()) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            label[y * w + x] = l.get(y, x);
                        }
                    }
                }
                return new Components(label, area);
            }
        }

        /** The label of the largest component, 0 when there is none. */
        int largest() {
            int best = 0;
            for (int c = 1; c < area.length; c++) {
                best = area[c] > area[best] ? c : best;
            }
            return best;
        }

        /**
         * The sizeable component nearest the image centre (the one covering it, if any), 0 when
         * there is none: the views look at the object's centre.
         */
        int central(int w, int h) {
            double[] nearest = new double[area.length];
            Arrays.fill(nearest, Double.POSITIVE_INFINITY);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int c = label[y * w + x];
                    double dx = x + 0.5 - w / 2.0, dy = y + 0.5 - h / 2.0;
                    nearest[c] = Math.min(nearest[c], dx * dx + dy * dy);
                }
            }
            int best = 0;
            for (int c = 1; c < area.length; c++) {
                if (sizeable(c) && (best == 0 || nearest[c] < nearest[best])) {
                    best = c;
                }
            }
            return best;
        }

        /** Whether the component is no speck: at least 16 pixels and a fair fraction of the largest. */
        boolean sizeable(int c) {
            return c > 0 && area[c] >= 16 && area[c] >= MIN_COMPONENT_FRACTION * area[largest()];
        }
    }

    /** The mask without specks: components of at least {@link #MIN_COMPONENT_FRACTION} of the largest. */
    static byte[] significantComponents(byte[] mask, int w, int h) {
        Components components = Components.of(mask, w, h);
        boolean[] keep = new boolean[components.area().length];
        for (int c = 1; c < keep.length; c++) {
            keep[c] = components.sizeable(c);
        }
        byte[] kept = new byte[w * h];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = (byte) (keep[components.label()[i]] ? 1 : 0);
        }
        return kept;
    }

    /** The main object ({@link #mainObject}) with its holes filled. */
    static byte[] clean(byte[] mask, int w, int h) {
        return fillHoles(mainObject(mask, w, h), w, h);
    }

    /**
     * The component nearest the image centre ({@link Components#central}) and the components
     * that come within {@link #PART_REACH} of it (an object's parts seen with a thin gap between
     * them); specks, and background patches elsewhere in the image that the colour models took
     * for object, are dropped.
     */
    static byte[] mainObject(byte[] mask, int w, int h) {
        Components components = Components.of(mask, w, h);
        int main = components.central(w, h);
        byte[] kept = new byte[w * h];
        if (main == 0) {
            return kept;
        }
        int[] label = components.label();
        boolean[] near = new boolean[components.area().length];
        try (Mat outsideLargest = new Mat(h, w, opencv_core.CV_8UC1); Mat distance = new Mat()) {
            try (UByteIndexer o = outsideLargest.createIndexer()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        o.put(y, x, label[y * w + x] == main ? 0 : 255);
                    }
                }
            }
            // Each pixel's distance to the main component.
            opencv_imgproc.distanceTransform(outsideLargest, distance, opencv_imgproc.DIST_L2, 3);
            double reach = Math.max(2, PART_REACH * Math.max(w, h));
            try (FloatIndexer d = distance.createIndexer()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int c = label[y * w + x];
                        near[c] |= c > 0 && d.get(y, x) <= reach;
                    }
                }
            }
        }
        for (int i = 0; i < kept.length; i++) {
            int c = label[i];
            kept[i] = (byte) (near[c] && components.sizeable(c) ? 1 : 0);
        }
        return kept;
    }

    /** Background pixels that the border cannot reach through background become object. */
    private static byte[] fillHoles(byte[] mask, int w, int h) {
        byte[] reached = new byte[w * h];
        int[] stack = new int[w * h];
        int top = 0;
        for (int x = 0; x < w; x++) {
            top = push(mask, reached, stack, top, x);
            top = push(mask, reached, stack, top, (h - 1) * w + x);
        }
        for (int y = 0; y < h; y++) {
            top = push(mask, reached, stack, top, y * w);
            top = push(mask, reached, stack, top, y * w + w - 1);
        }
        while (top > 0) {
            int p = stack[--top];
            int x = p % w, y = p / w;
            if (x > 0) top = push(mask, reached, stack, top, p - 1);
            if (x < w - 1) top = push(mask, reached, stack, top, p + 1);
            if (y > 0) top = push(mask, reached, stack, top, p - w);
            if (y < h - 1) top = push(mask, reached, stack, top, p + w);
        }
        byte[] out = new byte[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (reached[i] == 0 ? 1 : 0);
        }
        return out;
    }

    private static int push(byte[] mask, byte[] reached, int[] stack, int top, int p) {
        if (mask[p] == 0 && reached[p] == 0) {
            reached[p] = 1;
            stack[top++] = p;
        }
        return top;
    }
}
