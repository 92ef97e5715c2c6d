package dev.forge3d.engine.mesh;

import dev.forge3d.api.spi.MeshKernels;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The CPU twins behind {@link MeshKernels}: {@link VolumeCarving#hullField},
 * {@link MarchingCubes#extract} and {@link TextureBaker#sampleTexelRows} over all rows (in
 * parallel, one row a task, which gives the single-threaded result). The CPU backend's mesh
 * kernels, and the mesh job's fallback when its backend has none. Grids and layouts are checked
 * first, as {@link MeshKernels} says, so a bad call is {@code invalid_param}.
 */
public final class CpuMeshKernels implements MeshKernels {

    @Override
    public float[] hullField(int nx, int ny, int nz, double originX, double originY, double originZ, double voxel,
                             double[] cameras, int[] viewSizes, float[][] signedDistance) {
        MeshKernels.checkGrid(nx, ny, nz, originX, originY, originZ, voxel);
        MeshKernels.checkHullLayout(cameras, viewSizes, signedDistance);
        VolumeGrid grid = new VolumeGrid(originX, originY, originZ, voxel, nx, ny, nz);
        ViewCamera[] views = new ViewCamera[signedDistance.length];
        for (int v = 0; v < views.length; v++) {
            int at = HULL_CAMERA_DOUBLES * v;
            double[] rows = Arrays.copyOfRange(cameras, at, at + 12);
            // The depth row is the viewing direction for the cameras the job builds; the hull does not read it.
            views[v] = new ViewCamera(rows, cameras[at + 12] != 0, cameras[at + 13], viewSizes[2 * v],
                    viewSizes[2 * v + 1], new double[] {rows[8], rows[9], rows[10]});
        }
        float[] field = new float[grid.size()];
        VolumeCarving.hullField(grid, views, signedDistance, field);
        return field;
    }

    @Override
    public Surface marchingCubes(int nx, int ny, int nz, double originX, double originY, double originZ,
                                 double voxel, float[] field) {
        MeshKernels.checkField(field, MeshKernels.checkGrid(nx, ny, nz, originX, originY, originZ, voxel));
        TriMesh mesh = MarchingCubes.extract(new VolumeGrid(originX, originY, originZ, voxel, nx, ny, nz), field);
        return new Surface(mesh.positions(), mesh.indices());
    }

    @Override
    public void bakeTexels(int size, byte[] covered, float[] position, float[] normal, int viewCount,
                           double[] cameras, int[] viewSizes, int[] viewRgb, byte[] viewMask, float[] viewDepth,
                           double depthTolerance, int mirrorPlanes, int[] outRgb, byte[] outSeen) {
        MeshKernels.checkBakeLayout(size, covered, position, normal, viewCount, cameras, viewSizes, viewRgb, viewMask,
                viewDepth, depthTolerance, mirrorPlanes, outRgb, outSeen);
        IntStream.range(0, size).parallel().forEach(y -> TextureBaker.sampleTexelRows(size, covered, position,
                normal, viewCount, cameras, viewSizes, viewRgb, viewMask, viewDepth, depthTolerance, mirrorPlanes, outRgb,
                outSeen, y, y + 1));
    }
}
