package dev.forge3d.engine.dataset;

/** A point of the sparse reconstruction, in world coordinates, with its colour (0-255). */
public record SparsePoint(double x, double y, double z, int red, int green, int blue) {
}
