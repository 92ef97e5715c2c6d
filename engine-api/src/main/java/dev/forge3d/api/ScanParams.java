package dev.forge3d.api;

/**
 * Parameters of a scan job (video or photo folder to Gaussian splats). Every constructor call
 * validates, so an instance always holds legal values.
 *
 * @param steps     optimisation steps, 1,000-30,000
 * @param downscale image downscale factor, 1, 2 or 4
 * @param frames    frames extracted from a video, 30-300
 * @param matching  feature-matching strategy
 * @param seed      random seed; the same seed on the same backend gives the same result
 * @param device    compute backend
 * @param eval      hold out every 8th frame and report PSNR and SSIM on it
 */
public record ScanParams(int steps, int downscale, int frames, Matching matching, long seed,
                         DeviceKind device, boolean eval) {
    public static final int MIN_STEPS = 1_000;
    public static final int MAX_STEPS = 30_000;
    public static final int MIN_FRAMES = 30;
    public static final int MAX_FRAMES = 300;

    public ScanParams {
        Check.inRange("steps", steps, MIN_STEPS, MAX_STEPS);
        Check.oneOf("downscale", downscale, 1, 2, 4);
        Check.inRange("frames", frames, MIN_FRAMES, MAX_FRAMES);
        Check.present("matching", matching);
        Check.present("device", device);
    }

    public static ScanParams defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().steps(steps).downscale(downscale).frames(frames).matching(matching)
                .seed(seed).device(device).eval(eval);
    }

    /** Builds {@link ScanParams}; unset fields take the documented defaults. */
    public static final class Builder {
        private int steps = 15_000;
        private int downscale = 2;
        private int frames = 120;
        private Matching matching = Matching.SEQUENTIAL;
        private long seed = 42;
        private DeviceKind device = DeviceKind.AUTO;
        private boolean eval;

        private Builder() {
        }

        public Builder steps(int steps) {
            this.steps = steps;
            return this;
        }

        public Builder downscale(int downscale) {
            this.downscale = downscale;
            return this;
        }

        public Builder frames(int frames) {
            this.frames = frames;
            return this;
        }

        public Builder matching(Matching matching) {
            this.matching = matching;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder device(DeviceKind device) {
            this.device = device;
            return this;
        }

        public Builder eval(boolean eval) {
            this.eval = eval;
            return this;
        }

        public ScanParams build() {
            return new ScanParams(steps, downscale, frames, matching, seed, device, eval);
        }
    }
}
