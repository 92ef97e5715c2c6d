package dev.forge3d.api.spi;

import dev.forge3d.api.Forge3dException;

/**
 * One Adam step over a float array, in place, with bias correction:
 * <pre>
 * m = beta1*m + (1-beta1)*g;  v = beta2*v + (1-beta2)*g*g
 * p -= lr * (m / (1-beta1^t)) / (sqrt(v / (1-beta2^t)) + eps)
 * </pre>
 * The CPU twin defines the exact arithmetic; the CUDA kernel is tested against it.
 */
public interface FusedAdam {

    /**
     * @param params  updated in place
     * @param grads   gradients, same length as {@code params}
     * @param moment1 first moments, updated in place
     * @param moment2 second moments, updated in place
     * @param hyper   hyper-parameters
     * @param step    1-based step number t, for bias correction
     * @throws Forge3dException {@code invalid_param} on mismatched lengths or step &lt; 1
     */
    void update(float[] params, float[] grads, float[] moment1, float[] moment2, AdamHyperParams hyper, int step);

    /** The bounds checks every implementation runs before touching memory. */
    static void checkArguments(float[] params, float[] grads, float[] moment1, float[] moment2, int step) {
        int n = params.length;
        if (grads.length != n || moment1.length != n || moment2.length != n) {
            throw Forge3dException.invalidParam("adam array lengths",
                    n + "/" + grads.length + "/" + moment1.length + "/" + moment2.length, "all equal");
        }
        if (step < 1) {
            throw Forge3dException.invalidParam("step", step, ">= 1");
        }
    }
}
