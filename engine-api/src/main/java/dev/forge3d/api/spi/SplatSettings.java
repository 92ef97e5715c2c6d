package dev.forge3d.api.spi;

/**
 * What a splat session needs besides the Gaussians.
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
        if (background.length != 3) {
            throw new IllegalArgumentException("background needs r g b");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        background = background.clone();
    }
}
