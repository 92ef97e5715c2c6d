package dev.forge3d.engine.cpu;

import dev.forge3d.api.spi.AdamHyperParams;
import dev.forge3d.api.spi.FusedAdam;

/**
 * The CPU twin of the {@code f3d_adam_update} kernel and the reference it is tested against. The
 * arithmetic is float32 in the same order as the kernel; the bias corrections are computed once
 * per step in double, as the kernel's host glue does.
 */
public final class CpuFusedAdam implements FusedAdam {

    @Override
    public void update(float[] params, float[] grads, float[] moment1, float[] moment2, AdamHyperParams hyper,
                       int step) {
        FusedAdam.checkArguments(params, grads, moment1, moment2, step);
        float beta1 = hyper.beta1();
        float beta2 = hyper.beta2();
        float lr = hyper.learningRate();
        float eps = hyper.epsilon();
        float biasCorrection1 = (float) (1.0 - Math.pow(beta1, step));
        float biasCorrection2 = (float) (1.0 - Math.pow(beta2, step));
        for (int i = 0; i < params.length; i++) {
            float g = grads[i];
            float m = beta1 * moment1[i] + (1f - beta1) * g;
            float v = beta2 * moment2[i] + (1f - beta2) * g * g;
            moment1[i] = m;
            moment2[i] = v;
            float mHat = m / biasCorrection1;
            float vHat = v / biasCorrection2;
            params[i] -= lr * mHat / ((float) Math.sqrt(vHat) + eps);
        }
    }
}
