package dev.forge3d.api;

/**
 * Whether a texel that no view sees may take the colour of its mirror image across the object's
 * left-right or front-back plane. {@code ON} allows both planes and {@code OFF} neither. {@code AUTO}
 * (the default) allows a plane only when the views looking along it show a symmetric outline (the
 * front and back views for the left-right plane, the side views for the front-back plane), and
 * neither with all four views; a job reports its choice as the {@code mirror_planes} metric. Texels
 * left unseen take colours spread over the surface from the seen ones.
 */
public enum Symmetry implements WireNamed {
    AUTO, ON, OFF;
}
