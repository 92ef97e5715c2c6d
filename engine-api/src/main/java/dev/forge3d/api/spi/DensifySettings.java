package dev.forge3d.api.spi;

/**
 * One densification's thresholds (3DGS defaults in {@link #defaults}).
 *
 * @param gradientThreshold   clone or split a Gaussian whose mean view-space (NDC) positional
 *                            gradient norm exceeds this
 * @param percentDense        clone when the largest scale is at most this times the scene extent,
 *                            split otherwise
 * @param minOpacity          prune below this opacity
 * @param maxScreenRadius     prune larger on screen (pixels); 0 disables it
 * @param maxWorldScale       prune when the largest scale exceeds this times the scene extent; 0 disables it
 */
public record DensifySettings(float gradientThreshold, float percentDense, float minOpacity, float maxScreenRadius,
                              float maxWorldScale) {
    public static DensifySettings defaults(boolean pruneLarge) {
        return new DensifySettings(0.0002f, 0.01f, 0.005f, pruneLarge ? 20f : 0f, pruneLarge ? 0.1f : 0f);
    }
}
