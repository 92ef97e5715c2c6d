package dev.forge3d.api;

/** The camera views of a mesh request, 90 degrees apart around the vertical axis. */
public enum View implements WireNamed {
    FRONT, BACK, LEFT, RIGHT;
}
