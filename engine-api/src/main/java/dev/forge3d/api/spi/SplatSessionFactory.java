package dev.forge3d.api.spi;

/** Opens splat training sessions on one backend. */
public interface SplatSessionFactory {
    SplatSession open(SplatArrays initial, SplatSettings settings);
}
