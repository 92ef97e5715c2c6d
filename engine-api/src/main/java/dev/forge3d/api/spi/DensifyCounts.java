package dev.forge3d.api.spi;

/** What one densification did: Gaussians cloned, split, pruned, and the count after it. */
public record DensifyCounts(int cloned, int split, int pruned, int count) {
}
