package dev.forge3d.engine.mesh;

/**
 * A reconstructed surface: the dense mesh and the signed field it was extracted from (positive
 * inside), kept for inside tests and for baking normals.
 */
public record DenseSurface(TriMesh mesh, VolumeGrid grid, float[] field) {
    /** The field trilinearly interpolated at a world point; negative outside the grid. */
    public double sample(double x, double y, double z) {
        return VolumeFields.trilinear(field, grid, x, y, z);
    }

    /** Whether the reconstructed volume contains the point. */
    public boolean contains(double x, double y, double z) {
        return sample(x, y, z) > 0;
    }
}
