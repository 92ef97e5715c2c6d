package dev.forge3d.cli;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.Matching;
import dev.forge3d.api.ScanParams;
import dev.forge3d.api.WireNamed;
import picocli.CommandLine.Option;

/** The scan flags, grouped as the commands share them. Unset flags keep the API's defaults. */
final class ScanOptions {
    private ScanOptions() {
    }

    /** Which frames and how they are matched: {@code poses} and {@code scan}. */
    static final class Poses {
        @Option(names = "--frames", paramLabel = "N", description = "Frames taken from a video, 30-300 (default 120).")
        Integer frames;

        @Option(names = "--matching", paramLabel = "sequential|vocab_tree|exhaustive",
                description = "Feature matching strategy (default sequential).")
        String matching;

        void applyTo(ScanParams.Builder builder) {
            if (frames != null) {
                builder.frames(frames);
            }
            if (matching != null) {
                builder.matching(WireNamed.parse("matching", matching, Matching.class));
            }
        }
    }

    /** Image downscaling: {@code poses}, {@code train} and {@code scan}. */
    static final class Downscale {
        @Option(names = "--downscale", paramLabel = "1|2|4", description = "Image downscale factor (default 2).")
        Integer downscale;

        void applyTo(ScanParams.Builder builder) {
            if (downscale != null) {
                builder.downscale(downscale);
            }
        }
    }

    /** Splat training: {@code train} and {@code scan}. */
    static final class Training {
        @Option(names = "--steps", paramLabel = "N", description = "Optimisation steps, 1000-30000 (default 15000).")
        Integer steps;

        @Option(names = "--device", paramLabel = "auto|cpu|cuda", description = "Compute backend (default auto).")
        String device;

        @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 42).")
        Long seed;

        @Option(names = "--eval", description = "Hold out every 8th frame and report PSNR and SSIM on it.")
        boolean eval;

        void applyTo(ScanParams.Builder builder) {
            if (steps != null) {
                builder.steps(steps);
            }
            if (device != null) {
                builder.device(WireNamed.parse("device", device, DeviceKind.class));
            }
            if (seed != null) {
                builder.seed(seed);
            }
            builder.eval(eval);
        }
    }
}
