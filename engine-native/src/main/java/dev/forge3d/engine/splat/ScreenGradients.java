package dev.forge3d.engine.splat;

/**
 * Gradients of the loss with respect to the screen-space values of each Gaussian, summed over
 * every pixel: what {@link Rasteriser#backward} produces and {@link Projection#backward} consumes.
 * Per Gaussian {@value #STRIDE} floats: d u, d v, d conic a, b, c, d opacity, d r, d g, d b.
 */
final class ScreenGradients {
    static final int STRIDE = 9;
    static final int MEAN_U = 0;
    static final int MEAN_V = 1;
    static final int CONIC_A = 2;
    static final int CONIC_B = 3;
    static final int CONIC_C = 4;
    static final int OPACITY = 5;
    static final int RGB = 6;

    float[] values;

    ScreenGradients(int capacity) {
        values = new float[STRIDE * capacity];
    }

    void ensureCapacity(int count) {
        if (STRIDE * count > values.length) {
            values = new float[STRIDE * Math.max(count, values.length / STRIDE * 3 / 2)];
        }
    }
}
