package dev.forge3d.engine.mesh;

import java.util.List;

/**
 * Turns posed, segmented views into a dense closed surface. The silhouette model is the first;
 * a learned model can implement this without touching the rest of the mesh pipeline.
 */
public interface GeometryModel {
    /**
     * @param views          one to four views with their cameras
     * @param searchMin      a world box that surely holds the object (min corner)
     * @param searchMax      its max corner
     * @param samples        grid samples along the longest side (64 low_poly, 256 high_poly)
     * @param progress       receives fractions 0..1 and may throw to cancel
     */
    DenseSurface reconstruct(List<PosedView> views, double[] searchMin, double[] searchMax, int samples,
                             Progress progress);

    /** Progress of a long reconstruction; implementations of the pipeline cancel by throwing. */
    @FunctionalInterface
    interface Progress {
        void report(double fraction);
    }
}
