package dev.forge3d.engine.mesh;

import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.TermCriteria;

import java.util.Arrays;

/**
 * GrabCut's starting labels from the colours of the image's border band: a photo shows the object
 * in the middle and the backdrop all round it, so the border's colours (k-means clusters) model
 * the backdrop, and pixels far from all of them seed the object. The spread of the border's
 * colours also tells a plain backdrop from a busy (textured) one, which the later steps treat
 * differently.
 */
final class BorderColourModel {
    /** Above this colour spread (BGR distance) the border counts as busy (textured). */
    static final double BUSY_BORDER_SPREAD = 60;
    /** Radius of the central foreground seed, as a fraction of the image size. */
    static final double CENTRE_SEED_RADIUS = 0.15;
    /** Radius of the central certain-foreground seed on a busy border. */
    static final double CERTAIN_CENTRE_RADIUS = 0.06;
    /** Colour clusters of the border's model. */
    static final int BORDER_CLUSTERS = 6;
    /**
     * Fewer pixels than this standing out from the border's colours is no object: a speck of noise
     * ({@link MaskComponents} drops components under 16 pixels too). A floor in pixels, not a
     * fraction of the image: at 0.1% of a 320 x 320 working copy, an object under about 4% of a
     * large photo's width went unfound.
     */
    static final int MIN_OBJECT_SEEDS = 16;

    private BorderColourModel() {
    }

    /** What the border's colour model says: no object stands out, or the border is plain or busy. */
    enum Border { NO_OBJECT, PLAIN, BUSY }

    /**
     * GrabCut's starting labels from the border's colour model: the border band is certain
     * background, pixels far from every border colour probable foreground, the rest probable
     * background. Returns NO_OBJECT when too few pixels stand out for an object to be there
     * ({@link #MIN_OBJECT_SEEDS}).
     */
    static Border seedLabels(Mat small, Mat labels, int band) {
        int sw = small.cols(), sh = small.rows();
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
        try (UByteIndexer m = labels.createIndexer()) {
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
        return seeds < MIN_OBJECT_SEEDS ? Border.NO_OBJECT : busyBorder ? Border.BUSY : Border.PLAIN;
    }

    static boolean nearCentre(int x, int y, int w, int h, double radius) {
        double dx = (x + 0.5 - w / 2.0) / w, dy = (y + 0.5 - h / 2.0) / h;
        return dx * dx + dy * dy < radius * radius;
    }

    /** The width of the border band that is certain backdrop on a working copy of this size. */
    static int borderBand(int sw, int sh) {
        return Math.max(2, (int) Math.round(0.03 * Math.min(sw, sh)));
    }

    /** Whether the pixel lies in the border band {@code band} pixels wide. */
    static boolean inBand(int x, int y, int w, int h, int band) {
        return x < band || y < band || x >= w - band || y >= h - band;
    }

    /**
     * The border's colours as up to {@link #BORDER_CLUSTERS} k-means centres (BGR): one for a
     * plain backdrop, several for a textured one.
     */
    private static double[][] borderColours(int[][] border, int count) {
        int k = Math.min(BORDER_CLUSTERS, count);
        try (Mat samples = new Mat(count, 3, opencv_core.CV_32F); Mat labels = new Mat(); Mat centres = new Mat()) {
            try (FloatIndexer in = samples.createIndexer()) {
                for (int i = 0; i < count; i++) {
                    for (int c = 0; c < 3; c++) {
                        in.put(i, c, border[c][i]);
                    }
                }
            }
            opencv_core.setRNGSeed(1);
            opencv_core.kmeans(samples, k, labels,
                    new TermCriteria(TermCriteria.EPS + TermCriteria.MAX_ITER, 20, 0.5), 2, opencv_core.KMEANS_PP_CENTERS, centres);
            double[][] out = new double[centres.rows()][3];
            try (FloatIndexer c = centres.createIndexer()) {
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
}
