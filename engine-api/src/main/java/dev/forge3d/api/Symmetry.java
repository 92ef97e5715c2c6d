package dev.forge3d.api;

/** Whether texture filling may mirror the object left to right. */
public enum Symmetry implements WireNamed {
    AUTO, ON, OFF;
}
