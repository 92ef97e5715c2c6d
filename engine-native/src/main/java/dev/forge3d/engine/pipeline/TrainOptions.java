package dev.forge3d.engine.pipeline;

import dev.forge3d.api.ScanParams;

/**
 * What the training stages need: steps, image downscale, seed, whether to hold out every 8th
 * frame for evaluation, and the Gaussian cap.
 */
public record TrainOptions(int steps, int downscale, long seed, boolean eval, int maxGaussians) {
    /** Every 8th frame (0, 8, 16, ...) is held out under eval, as in the 3DGS evaluation. */
    public static final int HOLD_OUT_EVERY = 8;

    public TrainOptions {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1: " + steps);
        }
        if (downscale < 1) {
            throw new IllegalArgumentException("downscale must be >= 1: " + downscale);
        }
    }

    /** Options for {@code train}: the dataset's images are downscaled by the request's factor. */
    public static TrainOptions from(ScanParams params) {
        return new TrainOptions(params.steps(), params.downscale(), params.seed(), params.eval(), defaultCap());
    }

    /**
     * Options for training on frames the poses stages already extracted at the request's
     * downscale, so they are used as they are.
     */
    public static TrainOptions onExtractedFrames(ScanParams params) {
        return new TrainOptions(params.steps(), 1, params.seed(), params.eval(), defaultCap());
    }

    /**
     * These options for images already shrunk by {@code sourceDownscale} from the source the
     * downscale refers to: only what is left of it, and never below 1.
     */
    public TrainOptions relativeToSource(int sourceDownscale) {
        if (sourceDownscale < 1) {
            throw new IllegalArgumentException("sourceDownscale must be >= 1: " + sourceDownscale);
        }
        return new TrainOptions(steps, Math.max(1, downscale / sourceDownscale), seed, eval, maxGaussians);
    }

    /** About 1 KB of host memory per Gaussian (parameters, gradients, two moments): a third of the heap. */
    public static int defaultCap() {
        return (int) Math.max(10_000, Math.min(1_000_000, Runtime.getRuntime().maxMemory() / 3 / 1024));
    }
}
