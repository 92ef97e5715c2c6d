package dev.forge3d.engine.mesh;

import dev.forge3d.api.MeshParams;
import dev.forge3d.api.Vec3;

/**
 * Scales and moves a mesh into the requested box, as {@link MeshParams} defines it: each axis of
 * {@code scaledBbox} is a size in metres or -1 (automatic). Without preserve-aspect every given
 * axis is stretched to its size exactly and automatic axes take the mean scale of the given
 * ones; with it one uniform scale, the largest that fits every given axis. With no axis given
 * the mesh keeps its size. The pivot, as fractions of the final box (Y up), becomes the origin.
 */
public final class Placement {
    private Placement() {
    }

    /** The per-axis scale factors for a mesh of extent {@code size}. */
    public static double[] scales(double[] size, Vec3 bbox, boolean preserveAspect) {
        double[] wanted = {bbox.x(), bbox.y(), bbox.z()};
        double[] ratio = new double[3];
        double sum = 0;
        double smallest = Double.POSITIVE_INFINITY;
        int given = 0;
        for (int a = 0; a < 3; a++) {
            if (wanted[a] != MeshParams.AUTOMATIC && size[a] > 0) {
                ratio[a] = wanted[a] / size[a];
                sum += ratio[a];
                smallest = Math.min(smallest, ratio[a]);
                given++;
            }
        }
        double automatic = given == 0 ? 1 : preserveAspect ? smallest : sum / given;
        double[] scale = new double[3];
        for (int a = 0; a < 3; a++) {
            boolean fixed = wanted[a] != MeshParams.AUTOMATIC && size[a] > 0;
            scale[a] = preserveAspect || !fixed ? automatic : ratio[a];
        }
        return scale;
    }

    /** Applies scale and pivot in place; returns the final bounding box size in metres. */
    public static double[] place(TriMesh mesh, Vec3 bbox, boolean preserveAspect, Vec3 pivot) {
        double[] b = mesh.bounds();
        double[] size = {b[3] - b[0], b[4] - b[1], b[5] - b[2]};
        double[] scale = scales(size, bbox, preserveAspect);
        double[] fraction = {pivot.x(), pivot.y(), pivot.z()};
        double[] origin = new double[3];
        for (int a = 0; a < 3; a++) {
            origin[a] = b[a] + fraction[a] * size[a];
        }
        float[] p = mesh.positions();
        for (int i = 0; i < p.length; i += 3) {
            for (int a = 0; a < 3; a++) {
                p[i + a] = (float) ((p[i + a] - origin[a]) * scale[a]);
            }
        }
        return new double[] {size[0] * scale[0], size[1] * scale[1], size[2] * scale[2]};
    }
}
