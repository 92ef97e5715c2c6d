package dev.forge3d.engine.mesh;

import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/** Per-view images the carving reads: signed distance to the silhouette, and row and column spans. */
final class SilhouetteDistance {
    private SilhouetteDistance() {
    }

    /**
     * Signed Euclidean distance in pixels to the silhouette boundary: positive inside, negative
     * outside (each side measured to the nearest pixel of the other, minus half a pixel, so the
     * zero crossing lies on the boundary between pixels).
     */
    static float[] signedDistance(byte[] mask, int width, int height) {
        float[] inside = distanceToZero(mask, width, height, true);
        float[] outside = distanceToZero(mask, width, height, false);
        float[] out = new float[mask.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = mask[p] != 0 ? inside[p] - 0.5f : -(outside[p] - 0.5f);
        }
        return out;
    }

    private static float[] distanceToZero(byte[] mask, int width, int height, boolean objectIsNonZero) {
        try (Mat source = new Mat(height, width, opencv_core.CV_8UC1); Mat distance = new Mat()) {
            UByteIndexer in = source.createIndexer();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    boolean object = mask[y * width + x] != 0;
                    in.put(y, x, object == objectIsNonZero ? 255 : 0);
                }
            }
            in.close();
            opencv_imgproc.distanceTransform(source, distance, opencv_imgproc.DIST_L2, opencv_imgproc.DIST_MASK_PRECISE);
            float[] out = new float[width * height];
            FloatIndexer d = distance.createIndexer();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out[y * width + x] = d.get(y, x);
                }
            }
            d.close();
            return out;
        }
    }

    /**
     * For every object pixel, where it sits in its horizontal run of object pixels: out[2p] is
     * the run's half width and out[2p + 1] the pixel centre's offset from the run's centre, both
     * in pixels. Background pixels get 0, 0.
     */
    static float[] rowSpans(byte[] mask, int width, int height) {
        return spans(mask, width, height, 1, width);
    }

    /** {@link #rowSpans} along the columns: each object pixel's vertical run's half height and its offset from the run's centre. */
    static float[] columnSpans(byte[] mask, int width, int height) {
        return spans(mask, height, width, width, 1);
    }

    /**
     * Runs along lines of {@code length} pixels, {@code lines} of them: pixel i of line l is at
     * {@code i * step + l * lineStep}.
     */
    private static float[] spans(byte[] mask, int length, int lines, int step, int lineStep) {
        float[] out = new float[2 * mask.length];
        for (int line = 0; line < lines; line++) {
            int first = line * lineStep;
            int i = 0;
            while (i < length) {
                if (mask[first + i * step] == 0) {
                    i++;
                    continue;
                }
                int start = i;
                while (i < length && mask[first + i * step] != 0) {
                    i++;
                }
                float half = (i - start) / 2f;
                float centre = (start + i) / 2f;
                for (int k = start; k < i; k++) {
                    int at = first + k * step;
                    out[2 * at] = half;
                    out[2 * at + 1] = k + 0.5f - centre;
                }
            }
        }
        return out;
    }
}
