package dev.forge3d.engine.mesh;

import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.Arrays;

/**
 * Finds the object in a photo. An image with a real alpha channel is its own mask. Otherwise
 * the background is modelled from the image border: pixels far from the border's colours seed
 * the foreground, the border band is certain background, and GrabCut (OpenCV) refines the split
 * on a downscaled copy. The mask is then cleaned: small specks and components much smaller than
 * the largest are dropped, holes are filled.
 */
public final class Segmentation {
    /** GrabCut runs on a copy whose longest side is at most this, for speed. */
    static final int WORK_SIZE = 320;
    static final int GRABCUT_ITERATIONS = 4;
    /** Above this colour spread (BGR distance) the border counts as busy (textured). */
    static final double BUSY_BORDER_SPREAD = 60;
    /** Radius of the central foreground seed, as a fraction of the image size. */
    static final double CENTRE_SEED_RADIUS = 0.15;
    /** Radius of the central certain-foreground seed on a busy border. */
    static final double CERTAIN_CENTRE_RADIUS = 0.06;
    /** Colour clusters of the border's model. */
    static final int BORDER_CLUSTERS = 6;
    /** Components smaller than this fraction of the largest are dropped as noise. */
    static final double MIN_COMPONENT_FRACTION = 0.02;

    private Segmentation() {
    }

    /** Segments an 8-bit BGR, BGRA or grey image (OpenCV's decoding), returning colours and mask. */
    public static ViewImage segment(Mat image) {
        int w = image.cols(), h = image.rows();
        try (Mat bgr = new Mat()) {
            int channels = image.channels();
            byte[] alphaMask = null;
            if (channels == 4) {
                opencv_imgproc.cvtColor(image, bgr, opencv_imgproc.COLOR_BGRA2BGR);
                alphaMask = alphaMask(image);
            } else if (channels == 1) {
                opencv_imgproc.cvtColor(image, bgr, opencv_imgproc.COLOR_GRAY2BGR);
            } else {
                image.copyTo(bgr);
            }
            int[] rgb = rgb(bgr);
            byte[] mask = alphaMask != null ? alphaMask : grabCut(bgr);
            return new ViewImage(w, h, rgb, clean(mask, w, h));
        }
    }

    /** The alpha channel as a mask, or null when every pixel is (nearly) opaque. */
    private static byte[] alphaMask(Mat bgra) {
        int w = bgra.cols(), h = bgra.rows();
        byte[] mask = new byte[w * h];
        boolean transparentSomewhere = false;
        try (UByteIndexer in = bgra.createIndexer()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int alpha = in.get(y, x, 3);
                    mask[y * w + x] = (byte) (alpha > 127 ? 1 : 0);
                    transparentSomewhere |= alpha < 250;
                }
            }
        }
        return transparentSomewhere ? mask : null;
    }

    private static int[] rgb(Mat bgr) {
        int w = bgr.cols(), h = bgr.rows();
        int[] out = new int[w * h];
        try (UByteIndexer in = bgr.createIndexer()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (in.get(y, x, 2) << 16) | (in.get(y, x, 1) << 8) | in.get(y, x, 0);
                }
            }
        }
        return out;
    }

    /** Border colour model, then GrabCut; an all-zero mask when nothing stands out. */
    private static byte[] grabCut(Mat bgr) {
        int w = bgr.cols(), h = bgr.rows();
        double scale = Math.min(1, (double) WORK_SIZE / Math.max(w, h));
        int sw = Math.max(8, (int) Math.round(w * scale)), sh = Math.max(8, (int) Math.round(h * scale));
        try (Mat small = new Mat(); Mat mask = new Mat(sh, sw, opencv_core.CV_8UC1);
             Mat background = new Mat(); Mat foreground = new Mat(); Mat full = new Mat()) {
            opencv_imgproc.resize(bgr, small, new Size(sw, sh), 0, 0, opencv_imgproc.INTER_AREA);
            int band = Math.max(2, (int) Math.round(0.03 * Math.min(sw, sh)));
                        int[] pixels = new int[3 * sw * sh];
            try (UByteIndexer in = small.createIndexer()) {
                for (int y = 0; y < sh; y++) {
                    for (int x = 0; x < sw; x++) {
                        for (int c = 0; c < 3; c++) {
                            pixels[3 * (y * sw + x) + c] = in.get(y, x, c);
                        }
                    }
                }
            }
            // The border's colour model: per-channel median, and how far border pixels stray from it.
            int borderCount = 0;
            int[][] border = new int[3][2 * band * (sw + sh)];
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < sw; x++) {
                    if (inBand(x, y, sw, sh, band) && borderCount < border[0].length) {
                        for (int c = 0; c < 3; c++) {
                            border[c][borderCount] = pixels[3 * (y * sw + x) + c];
                        }
                        borderCount++;
                    }
                }
            }
            double[][] centres = borderColours(border, borderCount);
            double[] borderDistance = new double[borderCount];
            for (int i = 0; i < borderCount; i++) {
                borderDistance[i] = nearest(border[0][i], border[1][i], border[2][i], centres);
            }
            Arrays.sort(borderDistance);
            double threshold = Math.max(20, 1.5 * borderDistance[(int) (0.95 * (borderCount - 1))]);
            // A busy, many-coloured border says little about the object's colours; the views look
            // at the object's centre, so the middle of the image seeds the foreground too.
            boolean busyBorder = threshold > BUSY_BORDER_SPREAD;
            int seeds = 0;
            try (UByteIndexer m = mask.createIndexer()) {
                for (int y = 0; y < sh; y++) {
                    for (int x = 0; x < sw; x++) {
                        int at = 3 * (y * sw + x);
                        int label;
                        if (inBand(x, y, sw, sh, band)) {
                            label = opencv_imgproc.GC_BGD;
                        } else if (busyBorder && nearCentre(x, y, sw, sh, CERTAIN_CENTRE_RADIUS)) {
                            label = opencv_imgproc.GC_FGD;
                            seeds++;
                        } else if (nearest(pixels[at], pixels[at + 1], pixels[at + 2], centres) > threshold
                                || (busyBorder && nearCentre(x, y, sw, sh, CENTRE_SEED_RADIUS))) {
                            label = opencv_imgproc.GC_PR_FGD;
                            seeds++;
                        } else {
                            label = opencv_imgproc.GC_PR_BGD;
                        }
                        m.put(y, x, label);
                    }
                }
            }
            if (seeds < 0.001 * sw * sh) {
                return new byte[w * h];
            }
            opencv_imgproc.grabCut(small, mask, new Rect(), background, foreground, GRABCUT_ITERATIONS,
                    opencv_imgproc.GC_INIT_WITH_MASK);
            try (UByteIndexer m = mask.createIndexer()) {
                for (int y = 0; y < sh; y++) {
                    for (int x = 0; x < sw; x++) {
                        int label = m.get(y, x);
                        m.put(y, x, label == opencv_imgproc.GC_FGD || label == opencv_imgproc.GC_PR_FGD ? 255 : 0);
                    }
                }
            }
            opencv_imgproc.resize(mask, full, new Size(w, h), 0, 0, opencv_imgproc.INTER_LINEAR);
            byte[] out = new byte[w * h];
            try (UByteIndexer f = full.createIndexer()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[y * w + x] = (byte) (f.get(y, x) > 127 ? 1 : 0);
                    }
                }
            }
            return out;
        }
    }

    private static boolean nearCentre(int x, int y, int w, int h, double radius) {
        double dx = (x + 0.5 - w / 2.0) / w, dy = (y + 0.5 - h / 2.0) / h;
        return dx * dx + dy * dy < radius * radius;
    }

    private static boolean inBand(int x, int y, int w, int h, int band) {
        return x < band || y < band || x >= w - band || y >= h - band;
    }

    /**
     * The border's colours as up to {@link #BORDER_CLUSTERS} k-means centres (BGR): one for a
     * plain backdrop, several for a textured one.
     */
    private static double[][] borderColours(int[][] border, int count) {
        int k = Math.min(BORDER_CLUSTERS, count);
        try (Mat samples = new Mat(count, 3, opencv_core.CV_32F); Mat labels = new Mat(); Mat centres = new Mat()) {
            try (org.bytedeco.javacpp.indexer.FloatIndexer in = samples.createIndexer()) {
                for (int i = 0; i < count; i++) {
                    for (int c = 0; c < 3; c++) {
                        in.put(i, c, border[c][i]);
                    }
                }
            }
            opencv_core.setRNGSeed(1);
            opencv_core.kmeans(samples, k, labels,
                    new org.bytedeco.opencv.opencv_core.TermCriteria(org.bytedeco.opencv.opencv_core.TermCriteria.EPS
                            + org.bytedeco.opencv.opencv_core.TermCriteria.MAX_ITER, 20, 0.5), 2, opencv_core.KMEANS_PP_CENTERS, centres);
            double[][] out = new double[centres.rows()][3];
            try (org.bytedeco.javacpp.indexer.FloatIndexer c = centres.createIndexer()) {
                for (int i = 0; i < out.length; i++) {
                    for (int ch = 0; ch < 3; ch++) {
                        out[i][ch] = c.get(i, ch);
                    }
                }
            }
            return out;
        }
    }

    private static double nearest(int b, int g, int r, double[][] centres) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] m : centres) {
            double db = b - m[0], dg = g - m[1], dr = r - m[2];
            best = Math.min(best, db * db + dg * dg + dr * dr);
        }
        return Math.sqrt(best);
    }

    /** Drops components much smaller than the largest and fills holes. */
    static byte[] clean(byte[] mask, int w, int h) {
        try (Mat m = new Mat(h, w, opencv_core.CV_8UC1); Mat labels = new Mat(); Mat stats = new Mat();
             Mat centroids = new Mat()) {
            try (UByteIndexer in = m.createIndexer()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        in.put(y, x, mask[y * w + x] != 0 ? 255 : 0);
                    }
                }
            }
            int count = opencv_imgproc.connectedComponentsWithStats(m, labels, stats, centroids, 8, opencv_core.CV_32S);
            int largest = 0;
            int[] area = new int[count];
            try (IntIndexer s = stats.createIndexer()) {
                for (int c = 1; c < count; c++) {
                    area[c] = s.get(c, opencv_imgproc.CC_STAT_AREA);
                    largest = Math.max(largest, area[c]);
                }
            }
            byte[] kept = new byte[w * h];
            try (IntIndexer l = labels.createIndexer()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int c = l.get(y, x);
                        kept[y * w + x] = (byte) (c > 0 && area[c] >= MIN_COMPONENT_FRACTION * largest
                                && area[c] >= 16 ? 1 : 0);
                    }
                }
            }
            return fillHoles(kept, w, h);
        }
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
