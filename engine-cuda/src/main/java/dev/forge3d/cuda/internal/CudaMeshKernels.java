package dev.forge3d.cuda.internal;

import dev.forge3d.api.spi.MeshKernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mesh job's kernels on the GPU: {@link CudaVolumeCarving}, {@link CudaMarchingCubes} and
 * {@link CudaTextureBake} behind {@link MeshKernels}. Every call checks its arguments before any
 * native call (the wrappers' checks), and allocates and frees its own stream and device buffers,
 * whether it returns or throws, so an instance holds no native memory.
 */
public final class CudaMeshKernels implements MeshKernels {
    private final CudaVolumeCarving carving;
    private final CudaMarchingCubes cubes;
    private final CudaTextureBake bake;

    public CudaMeshKernels(CudaRuntime runtime, int device) {
        this.carving = new CudaVolumeCarving(runtime, device);
        this.cubes = new CudaMarchingCubes(runtime, device);
        this.bake = new CudaTextureBake(runtime, device);
    }

    @Override
    public float[] hullField(int nx, int ny, int nz, double originX, double originY, double originZ, double voxel,
                             double[] cameras, int[] viewSizes, float[][] signedDistance) {
        MeshKernels.checkHullLayout(cameras, viewSizes, signedDistance); // the grid: in carving.hullField
        List<CudaVolumeCarving.View> views = new ArrayList<>(signedDistance.length);
        for (int v = 0; v < signedDistance.length; v++) {
            int at = HULL_CAMERA_DOUBLES * v;
            views.add(new CudaVolumeCarving.View(Arrays.copyOfRange(cameras, at, at + 12), cameras[at + 12] != 0,
                    cameras[at + 13], viewSizes[2 * v], viewSizes[2 * v + 1], signedDistance[v]));
        }
        return carving.hullField(nx, ny, nz, originX, originY, originZ, voxel, views);
    }

    @Override
    public Surface marchingCubes(int nx, int ny, int nz, double originX, double originY, double originZ,
                                 double voxel, float[] field) {
        CudaMarchingCubes.Surface surface = cubes.extract(nx, ny, nz, originX, originY, originZ, voxel, field);
        return new Surface(surface.positions(), surface.indices());
    }

    @Override
    public void bakeTexels(int size, byte[] covered, float[] position, float[] normal, int viewCount,
                           double[] cameras, int[] viewSizes, int[] viewRgb, byte[] viewMask, float[] viewDepth,
                           double depthTolerance, int mirrorPlanes, int[] outRgb, byte[] outSeen) {
        bake.bake(size, covered, position, normal, viewCount, cameras, viewSizes, viewRgb, viewMask, viewDepth,
                depthTolerance, mirrorPlanes, outRgb, outSeen);
    }
}
