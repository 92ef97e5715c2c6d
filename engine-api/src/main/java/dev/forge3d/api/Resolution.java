package dev.forge3d.api;

/** Geometry volume resolution: a 64-cubed grid for LOW_POLY, 256-cubed for HIGH_POLY. */
public enum Resolution implements WireNamed {
    LOW_POLY, HIGH_POLY;
}
