package dev.forge3d.api.spi;

/**
 * Gaussian splat training state resident on a backend: the Gaussians, their Adam moments and the
 * densification statistics. The schedule (learning rates, SH degree, when to densify) stays in
 * the caller; the session runs the hot loops: projection and SH evaluation, tile binning and
 * depth sort, rasterisation forward and backward, the L1 + SSIM loss and Adam.
 *
 * <p>Images are planar float32 RGB in 0..1: {@code [channel * width * height + y * width + x]}.
 */
public interface SplatSession extends AutoCloseable {

    /** Gaussians held now. */
    int count();

    /** The highest SH degree used in colour evaluation, 0..3. */
    void setShDegree(int degree);

    /**
     * One optimisation step: renders {@code view}, computes 0.8 L1 + 0.2 (1 - SSIM) against
     * {@code target}, back-propagates, accumulates densification statistics and applies Adam.
     *
     * @return the loss before the update
     */
    float step(SplatView view, float[] target, SplatLearningRates rates);

    /** Renders {@code view} into {@code image} (3 x width x height floats). */
    void render(SplatView view, float[] image);

    /** Clones, splits and prunes from the statistics since the last call, then resets them. */
    DensifyCounts densify(DensifySettings settings);

    /** Caps every opacity at {@code maxOpacity} (the periodic 3DGS opacity reset). */
    void resetOpacity(float maxOpacity);

    /** A copy of the Gaussians. */
    SplatArrays download();

    @Override
    default void close() {
    }
}
