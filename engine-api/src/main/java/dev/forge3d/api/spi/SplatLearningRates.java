package dev.forge3d.api.spi;

/** Adam learning rates of the six parameter groups for one step (3DGS schedule, set by the trainer). */
public record SplatLearningRates(float means, float logScales, float rotations, float opacityLogits, float shDc,
                                 float shRest) {
}
