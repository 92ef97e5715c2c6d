package dev.forge3d.api.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a splat session needs besides the Gaussians.
 *
 * <p>An immutable value: {@code background} is copied in and out, and equality, hash code and
 * {@code toString} go by its values, as for the other components.
 *
 * @param sceneExtent   the radius of the camera centres around their mean, times 1.1 (3DGS);
 *                      the world-space scale of position learning rates and pruning
 * @param maxGaussians  densification never grows the model beyond this
 * @param background    r g b in 0..1 behind the Gaussians
 * @param seed          for the split samples; the same seed gives the same result
 * @param threads       worker threads, at least 1
 */
public record SplatSettings(float sceneExtent, int maxGaussians, float[] background, long seed, int threads) {
    public SplatSettings {
        if (!(sceneExtent > 0) || !Float.isFinite(sceneExtent)) {
            throw new IllegalArgumentException("sceneExtent must be > 0: " + sceneExtent);
        }
        if (maxGaussians < 1) {
            throw new IllegalArgumentException("maxGaussians must be >= 1: " + maxGaussians);
        }
        if (Objects.requireNonNull(background, "background").length != 3) {
            throw new IllegalArgumentException("background needs r g b");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        background = background.clone();
    }

    /** A copy: changing it changes no settings. */
    @Override
    public float[] background() {
        return background.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SplatSettings settings && Float.compare(sceneExtent, settings.sceneExtent) == 0
                && maxGaussians == settings.maxGaussians && Arrays.equals(background, settings.background)
                && seed == settings.seed && threads == settings.threads;
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(sceneExtent, maxGaussians, seed, threads) + Arrays.hashCode(background);
    }

    @Override
    public String toString() {
        return "SplatSettings[sceneExtent=" + sceneExtent + ", maxGaussians=" + maxGaussians + ", background="
                + Arrays.toString(background) + ", seed=" + seed + ", threads=" + threads + "]";
    }
}
