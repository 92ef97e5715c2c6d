package dev.forge3d.api.spi;

import dev.forge3d.api.Forge3dException;

/**
 * The mesh job's three hot loops as array operations: the visual hull field of the volume
 * carving, marching cubes, and the colour bake of the texture. The CPU backend's implementation
 * is the CPU twin; a GPU backend's runs kernels that reproduce its arrays.
 *
 * <p>A grid is {@code nx x ny x nz} samples, at least 2 a side: sample (i, j, k) sits at
 * {@code origin + voxel (i, j, k)} and has index {@code i + nx (j + ny k)}. A camera projects a
 * world point with 12 row-major values {@code [u; v; depth]} (OpenCV axes: x right, y down, z
 * forward; the centre of the top-left pixel at (0.5, 0.5)); a perspective camera divides u and v by
 * the depth. Images are row-major, {@code width x height}.
 */
public interface MeshKernels {
    /** Doubles per view in {@link #hullField}'s cameras: 12 projection values, 1 or 0 for perspective, pixels per unit. */
    int HULL_CAMERA_DOUBLES = 14;
    /** Doubles per view in {@link #bakeTexels}'s cameras: 12 projection values, the unit view direction (3), 1 or 0 for perspective. */
    int BAKE_CAMERA_DOUBLES = 16;
    /**
     * A bit of {@link #bakeTexels}' {@code mirrorPlanes}: a texel that no view sees may take the
     * colour of its mirror image across x = 0, the object's left-right plane (tried first).
     */
    int MIRROR_LEFT_RIGHT = 1;
    /** The other bit: across z = 0, the object's front-back plane (tried second). */
    int MIRROR_FRONT_BACK = 2;
    /**
     * The most samples a grid may have: 143,165,576, a cube of 523 a side (the {@code high_poly}
     * grid has 256 on its longest side). At worst marching cubes puts a vertex on each of a
     * sample's three edges (9 floats a sample) and five triangles in a cube (15 vertex ids), and
     * both must fit a Java array.
     */
    int MAX_GRID_SAMPLES = Integer.MAX_VALUE / 15;
    /** The most views {@link #hullField} takes (the CUDA ABI's bound, held by every implementation). */
    int MAX_HULL_VIEWS = 64;
    /** The largest view side {@link #hullField} takes (the CUDA ABI's bound). */
    int MAX_HULL_SIDE = 1 << 20;
    /** The most signed distances, all views together, {@link #hullField} takes: one Java array's worth. */
    long MAX_HULL_DISTANCES = Integer.MAX_VALUE - 8;
    /** The most views {@link #bakeTexels} takes (F3D_TEXTURE_BAKE_MAX_VIEWS in the CUDA ABI). */
    int MAX_BAKE_VIEWS = 16;
    /** The largest texture side and view side {@link #bakeTexels} takes (the CUDA ABI's bound). */
    int MAX_BAKE_SIDE = 16384;

    /**
     * The visual hull: for every grid sample, the smallest over the views of the silhouette's
     * signed distance (bilinear) at the sample's projection, in world units at the sample's depth
     * (distance / pixelsPerUnit, times the depth for a perspective camera); {@code -voxel} where a
     * view sees the sample behind it. Positive inside.
     *
     * @param cameras        {@link #HULL_CAMERA_DOUBLES} per view
     * @param viewSizes      width, height per view
     * @param signedDistance per view, its {@code width x height} signed distances to the silhouette
     *                       in pixels, positive inside
     * @return the field, {@code nx ny nz} floats in grid order
     * @throws Forge3dException {@code invalid_param} when the grid or the layouts do not fit
     *                          ({@link #checkGrid}, {@link #checkHullLayout})
     */
    float[] hullField(int nx, int ny, int nz, double originX, double originY, double originZ, double voxel,
                      double[] cameras, int[] viewSizes, float[][] signedDistance);

    /**
     * The zero level set of {@code field} (positive inside, {@code nx ny nz} floats in grid order)
     * by marching cubes: one vertex on every crossed grid edge, numbered in order of (sample index,
     * axis x y z), triangles counter-clockwise seen from outside in order of (cube index, case table
     * slot).
     *
     * @throws Forge3dException {@code invalid_param} when the grid does not fit ({@link #checkGrid})
     *                          or the field does not hold one float a sample
     */
    Surface marchingCubes(int nx, int ny, int nz, double originX, double originY, double originZ, double voxel,
                          float[] field);

    /**
     * The colour bake of a {@code size x size} texture: every covered texel takes the bilinear
     * colour of the best-facing view that sees its surface point (inside the view's image and mask,
     * no deeper than the view's depth plus {@code depthTolerance}); a texel that no view sees tries
     * its mirror points across the planes {@code mirrorPlanes} names ({@link #MIRROR_LEFT_RIGHT},
     * then {@link #MIRROR_FRONT_BACK}; 0 for none). Writes every texel
     * of {@code outRgb} (0xRRGGBB, 0 where unseen) and {@code outSeen} (1 where a view gave the colour).
     *
     * @param covered   {@code size * size}, nonzero where a face covers the texel
     * @param position  {@code 3 size size} world positions; {@code normal} likewise, unit length
     * @param cameras   {@link #BAKE_CAMERA_DOUBLES} per view
     * @param viewSizes width, height per view
     * @param viewRgb   every view's 0xRRGGBB pixels, the views one after another; {@code viewMask}
     *                  (1 = object) and {@code viewDepth} (the mesh's nearest depth per pixel,
     *                  +infinity where there is none) likewise
     * @throws Forge3dException {@code invalid_param} when the arguments do not fit ({@link #checkBakeLayout})
     */
    void bakeTexels(int size, byte[] covered, float[] position, float[] normal, int viewCount, double[] cameras,
                    int[] viewSizes, int[] viewRgb, byte[] viewMask, float[] viewDepth, double depthTolerance,
                    int mirrorPlanes, int[] outRgb, byte[] outSeen);

    /**
     * A triangle mesh: xyz floats per vertex, three vertex ids per triangle. The arrays are held,
     * not copied (a dense surface has millions of vertices), so equality is their identity.
     */
    record Surface(float[] positions, int[] indices) {
        /** The counts, not the arrays' identity hashes. */
        @Override
        public String toString() {
            return "Surface[" + positions.length / 3 + " vertices, " + indices.length / 3 + " triangles]";
        }
    }

    /**
     * The checks of a grid that every implementation makes first.
     *
     * @return the grid's sample count
     * @throws Forge3dException {@code invalid_param} for fewer than 2 samples a side, more than
     *                          {@link #MAX_GRID_SAMPLES} samples, an origin that is not finite or a
     *                          voxel that is not finite and positive
     */
    static int checkGrid(int nx, int ny, int nz, double originX, double originY, double originZ, double voxel) {
        if (nx < 2 || ny < 2 || nz < 2) {
            throw Forge3dException.invalidParam("grid samples", nx + " x " + ny + " x " + nz, ">= 2 a side");
        }
        // The plane is bounded before it is multiplied by nz: nx ny fits a long, nx ny nz may wrap
        // it (14511796 x 2147221520 x 592 is 2^64 + 1024) into a count that a small field would match.
        long plane = (long) nx * ny;
        if (plane > MAX_GRID_SAMPLES / nz) {
            throw Forge3dException.invalidParam("grid samples", nx + " x " + ny + " x " + nz,
                    "<= " + MAX_GRID_SAMPLES);
        }
        if (!(voxel > 0) || !Double.isFinite(voxel)) {
            throw Forge3dException.invalidParam("voxel", voxel, "finite and > 0");
        }
        if (!Double.isFinite(originX) || !Double.isFinite(originY) || !Double.isFinite(originZ)) {
            throw Forge3dException.invalidParam("grid origin", originX + ", " + originY + ", " + originZ, "finite");
        }
        return (int) (plane * nz);
    }

    /**
     * {@link #marchingCubes}' field must hold exactly one float a sample of its grid.
     *
     * @throws Forge3dException {@code invalid_param} when it does not
     */
    static void checkField(float[] field, int samples) {
        if (field == null || field.length != samples) {
            throw Forge3dException.invalidParam("field length", field == null ? null : field.length,
                    samples + " (nx ny nz)");
        }
    }

    /**
     * The checks of {@link #bakeTexels}' arguments that every implementation makes first.
     *
     * @throws Forge3dException {@code invalid_param} when the texture size or a view's side is
     *                          outside 1..{@link #MAX_BAKE_SIDE}, the view count outside
     *                          1..{@link #MAX_BAKE_VIEWS}, the depth tolerance not finite and
     *                          {@code >= 0}, {@code mirrorPlanes} has a bit other than the two
     *                          planes', or an array does not hold exactly what the sizes say
     */
    static void checkBakeLayout(int size, byte[] covered, float[] position, float[] normal, int viewCount,
                                double[] cameras, int[] viewSizes, int[] viewRgb, byte[] viewMask, float[] viewDepth,
                                double depthTolerance, int mirrorPlanes, int[] outRgb, byte[] outSeen) {
        if (size < 1 || size > MAX_BAKE_SIDE) {
            throw Forge3dException.invalidParam("texture size", size, "1.." + MAX_BAKE_SIDE);
        }
        if (viewCount < 1 || viewCount > MAX_BAKE_VIEWS) {
            throw Forge3dException.invalidParam("view count", viewCount, "1.." + MAX_BAKE_VIEWS);
        }
        if (!(depthTolerance >= 0) || Double.isInfinite(depthTolerance)) {
            throw Forge3dException.invalidParam("depth tolerance", depthTolerance, "finite and >= 0");
        }
        if ((mirrorPlanes & ~(MIRROR_LEFT_RIGHT | MIRROR_FRONT_BACK)) != 0) {
            throw Forge3dException.invalidParam("mirror planes", mirrorPlanes, "0..3 (MeshKernels.MIRROR_* bits)");
        }
        long texels = (long) size * size;
        checkLength("covered", covered == null ? -1 : covered.length, texels);
        checkLength("position", position == null ? -1 : position.length, 3 * texels);
        checkLength("normal", normal == null ? -1 : normal.length, 3 * texels);
        checkLength("outRgb", outRgb == null ? -1 : outRgb.length, texels);
        checkLength("outSeen", outSeen == null ? -1 : outSeen.length, texels);
        checkLength("cameras", cameras == null ? -1 : cameras.length, (long) BAKE_CAMERA_DOUBLES * viewCount);
        checkLength("viewSizes", viewSizes == null ? -1 : viewSizes.length, 2L * viewCount);
        long pixels = 0;
        for (int v = 0; v < viewCount; v++) {
            int w = viewSizes[2 * v], h = viewSizes[2 * v + 1];
            if (w < 1 || h < 1 || w > MAX_BAKE_SIDE || h > MAX_BAKE_SIDE) {
                throw Forge3dException.invalidParam("view " + v + " size", w + " x " + h,
                        "1.." + MAX_BAKE_SIDE + " a side");
            }
            pixels += (long) w * h;
        }
        checkLength("viewRgb", viewRgb == null ? -1 : viewRgb.length, pixels);
        checkLength("viewMask", viewMask == null ? -1 : viewMask.length, pixels);
        checkLength("viewDepth", viewDepth == null ? -1 : viewDepth.length, pixels);
    }

    private static void checkLength(String name, long actual, long expected) {
        if (actual != expected) {
            throw Forge3dException.invalidParam(name + " length", actual < 0 ? "null" : actual, "exactly " + expected);
        }
    }

    /**
     * The checks of {@link #hullField}'s view arrays that every implementation makes first.
     *
     * @throws Forge3dException {@code invalid_param} when there are no views or more than
     *                          {@link #MAX_HULL_VIEWS}, a side is over {@link #MAX_HULL_SIDE}, the
     *                          distances number over {@link #MAX_HULL_DISTANCES}, the cameras, the
     *                          sizes or a distance image do not hold exactly what the view count
     *                          and the sizes say, a camera value or a distance is not finite, or a
     *                          view's pixels per unit is not positive. A NaN would reach each
     *                          implementation's minimum differently (Java's {@code Math.min} keeps
     *                          it, CUDA's {@code fmin} drops it), and so would an infinite distance,
     *                          which bilinear interpolation turns into a NaN.
     */
    static void checkHullLayout(double[] cameras, int[] viewSizes, float[][] signedDistance) {
        if (signedDistance == null || signedDistance.length == 0 || signedDistance.length > MAX_HULL_VIEWS) {
            throw Forge3dException.invalidParam("hull views", signedDistance == null ? null : signedDistance.length,
                    "1.." + MAX_HULL_VIEWS);
        }
        int views = signedDistance.length;
        if (cameras == null || cameras.length != (long) HULL_CAMERA_DOUBLES * views) {
            throw Forge3dException.invalidParam("hull cameras length", cameras == null ? null : cameras.length,
                    HULL_CAMERA_DOUBLES + " per view, " + views + " views");
        }
        if (viewSizes == null || viewSizes.length != 2L * views) {
            throw Forge3dException.invalidParam("hull view sizes length", viewSizes == null ? null : viewSizes.length,
                    "2 per view, " + views + " views");
        }
        long distances = 0;
        for (int v = 0; v < views; v++) {
            int width = viewSizes[2 * v], height = viewSizes[2 * v + 1];
            if (width < 1 || height < 1 || width > MAX_HULL_SIDE || height > MAX_HULL_SIDE
                    || signedDistance[v] == null || signedDistance[v].length != (long) width * height) {
                throw Forge3dException.invalidParam("hull view " + v, width + " x " + height + " with "
                        + (signedDistance[v] == null ? "no" : signedDistance[v].length) + " distances",
                        "sides 1.." + MAX_HULL_SIDE + " and width x height distances");
            }
            distances += signedDistance[v].length;
        }
        if (distances > MAX_HULL_DISTANCES) {
            throw Forge3dException.invalidParam("hull distances, all views", distances, "<= " + MAX_HULL_DISTANCES);
        }
        for (int at = 0; at < cameras.length; at++) {
            if (!Double.isFinite(cameras[at])) {
                throw Forge3dException.invalidParam("hull camera " + at / HULL_CAMERA_DOUBLES + " value "
                        + at % HULL_CAMERA_DOUBLES, cameras[at], "finite");
            }
        }
        for (int v = 0; v < views; v++) {
            double pixelsPerUnit = cameras[HULL_CAMERA_DOUBLES * v + 13];
            if (!(pixelsPerUnit > 0)) {
                throw Forge3dException.invalidParam("hull camera " + v + " pixels per unit", pixelsPerUnit, "> 0");
            }
            for (float distance : signedDistance[v]) {
                if (!Float.isFinite(distance)) {
                    throw Forge3dException.invalidParam("hull view " + v + " signed distance", distance, "finite");
                }
            }
        }
    }
}
