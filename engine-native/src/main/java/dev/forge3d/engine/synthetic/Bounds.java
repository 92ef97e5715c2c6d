package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;

/** An axis-aligned bounding box. */
public record Bounds(Vec3 min, Vec3 max) {

    public Vec3 centre() {
        return new Vec3((min.x() + max.x()) / 2, (min.y() + max.y()) / 2, (min.z() + max.z()) / 2);
    }

    public Vec3 size() {
        return new Vec3(max.x() - min.x(), max.y() - min.y(), max.z() - min.z());
    }

    /** Half the diagonal: the radius of the box's circumscribed sphere. */
    public double radius() {
        Vec3 s = size();
        return 0.5 * Math.sqrt(s.x() * s.x() + s.y() * s.y() + s.z() * s.z());
    }

    public Bounds union(Bounds other) {
        return new Bounds(
                new Vec3(Math.min(min.x(), other.min.x()), Math.min(min.y(), other.min.y()),
                        Math.min(min.z(), other.min.z())),
                new Vec3(Math.max(max.x(), other.max.x()), Math.max(max.y(), other.max.y()),
                        Math.max(max.z(), other.max.z())));
    }
}
