package dev.forge3d.api;

/** Three doubles: a size in metres or a point, depending on where it is used. */
public record Vec3(double x, double y, double z) {
    public double[] toArray() {
        return new double[] {x, y, z};
    }
}
