package dev.forge3d.api;

/**
 * The camera views of a mesh request, 90 degrees apart around the vertical axis, at one height,
 * each looking at the object's centre. Left and right are the photographer's, standing at the
 * front camera and facing the object: {@link #RIGHT} is taken from a quarter turn to that
 * photographer's right, so it shows the side of the object on the front photo's right (a figure's
 * own left side), and {@link #LEFT} the side on the front photo's left.
 */
public enum View implements WireNamed {
    FRONT, BACK, LEFT, RIGHT;
}
