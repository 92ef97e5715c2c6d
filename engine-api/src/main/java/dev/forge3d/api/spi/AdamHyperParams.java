package dev.forge3d.api.spi;

import dev.forge3d.api.Forge3dException;

/** Adam's hyper-parameters for one parameter group. */
public record AdamHyperParams(float learningRate, float beta1, float beta2, float epsilon) {
    public AdamHyperParams {
        if (!(learningRate >= 0) || !Float.isFinite(learningRate)) {
            throw Forge3dException.invalidParam("learningRate", learningRate, ">= 0");
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw Forge3dException.invalidParam("beta1", beta1, "0 to <1");
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw Forge3dException.invalidParam("beta2", beta2, "0 to <1");
        }
        if (!(epsilon > 0) || !Float.isFinite(epsilon)) {
            throw Forge3dException.invalidParam("epsilon", epsilon, "> 0");
        }
    }

    /** The 3DGS defaults: beta1 0.9, beta2 0.999, epsilon 1e-15. */
    public static AdamHyperParams withLearningRate(float learningRate) {
        return new AdamHyperParams(learningRate, 0.9f, 0.999f, 1e-15f);
    }
}
