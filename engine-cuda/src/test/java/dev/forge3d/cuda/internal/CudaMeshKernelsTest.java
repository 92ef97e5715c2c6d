package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.cuda.NativeCudaException;
import dev.forge3d.engine.mesh.CpuMeshKernels;
import dev.forge3d.engine.mesh.DenseSurface;
import dev.forge3d.engine.mesh.MeshBuild;
import dev.forge3d.engine.mesh.PosedView;
import dev.forge3d.engine.mesh.SilhouetteGeometryModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CUDA backend's mesh kernels ({@link CudaMeshKernels}) as the mesh job's geometry and texture
 * stages call them, against the fake library (no GPU): each stage's call reaches its native
 * function with the grid, view count, texture size, tolerance and symmetry that the CPU twins get
 * from the same stage, every stream and buffer is freed whether the call succeeds or fails, and a
 * layout that does not fit never reaches the library. The fake computes nothing, so the hull field
 * and the surface come back empty and the geometry stage stops there, as it should.
 */
class CudaMeshKernelsTest {
    private static final int IMAGE_SIZE = 64;
    private static final int SAMPLES = 32;

    private FakeCudaLibrary fake;
    private MeshKernels cuda;
    private final MeshKernels cpu = new CpuMeshKernels();
    private List<PosedView> views;

    @BeforeEach
    void setUp() {
        assumeTrue(EllipsoidViews.openCvPresent(), "the silhouette distances need OpenCV, which the GPU bundle leaves out");
        fake = new FakeCudaLibrary();
        cuda = new CudaMeshKernels(fake.runtime(), 0);
        views = EllipsoidViews.views(IMAGE_SIZE);
    }

    @AfterEach
    void tearDown() {
        if (fake != null) {
            assertEquals(Set.of(), fake.liveHandles(), "every stream and buffer is freed");
            assertEquals(fake.count("f3d_buffer_alloc"), fake.count("f3d_buffer_free"));
            assertEquals(fake.count("f3d_stream_create"), fake.count("f3d_stream_destroy"));
            assertEquals(List.of(), fake.handlerErrors());
            fake.close();
        }
    }

    @Test
    void theGeometryStagesHullCallReachesTheKernelWithTheTwinsGrid() {
        Recording twins = new Recording(cpu, cpu, cpu);
        reconstruct(twins);
        assertEquals(2, twins.hullCalls.size(), "the coarse pass, then the fine grid");

        SilhouetteGeometryModel.EmptyReconstructionException stopped = assertThrows(
                SilhouetteGeometryModel.EmptyReconstructionException.class,
                () -> reconstruct(new Recording(cuda, cpu, cpu)));
        assertTrue(stopped.getMessage().contains("do not overlap"), "the fake's field is all zero: " + stopped);
        assertEquals(1, fake.count("f3d_volume_hull_field"));
        List<Object> arguments = fake.callsOf("f3d_volume_hull_field").getFirst().arguments();
        // nx ny nz, origin, voxel, view count.
        assertEquals(twins.hullCalls.getFirst(), arguments.subList(1, 9));
    }

    @Test
    void theGeometryStagesMarchingCubesCallReachesBothPassesWithTheTwinsGrid() {
        Recording twins = new Recording(cpu, cpu, cpu);
        reconstruct(twins);
        assertEquals(1, twins.cubesCalls.size());
        List<Object> grid = twins.cubesCalls.getFirst();

        SilhouetteGeometryModel.EmptyReconstructionException stopped = assertThrows(
                SilhouetteGeometryModel.EmptyReconstructionException.class,
                () -> reconstruct(new Recording(cpu, cuda, cpu)));
        assertTrue(stopped.getMessage().contains("empty"), "the fake's surface has no faces: " + stopped);
        assertEquals(grid.subList(0, 3), fake.callsOf("f3d_marching_cubes_count").getFirst().arguments().subList(2, 5));
        assertEquals(grid, fake.callsOf("f3d_marching_cubes_emit").getFirst().arguments().subList(2, 9));
    }

    @Test
    void theTextureStagesBakeCallReachesTheKernelWithTheTwinsArguments() {
        DenseSurface dense = reconstruct(new Recording(cpu, cpu, cpu));
        MeshParams params = MeshParams.builder().textureSize(512).build();
        Recording twins = new Recording(cpu, cpu, cpu);
        int mirrorPlanes = MeshKernels.MIRROR_FRONT_BACK;
        MeshBuild.texture(dense.mesh(), dense, views, params, mirrorPlanes, () -> { }, twins);
        assertEquals(1, twins.bakeCalls.size());

        MeshBuild.texture(dense.mesh(), dense, views, params, mirrorPlanes, () -> { }, new Recording(cpu, cpu, cuda));
        assertEquals(1, fake.count("f3d_texture_bake"));
        List<Object> arguments = fake.callsOf("f3d_texture_bake").getFirst().arguments();
        // Size, view count, depth tolerance, mirror planes.
        assertEquals(twins.bakeCalls.getFirst(), List.of(arguments.get(1), arguments.get(5), arguments.get(11),
                arguments.get(12)));
    }

    @Test
    void aFailingKernelIsATypedErrorAndFreesEverything() {
        fake.fail("f3d_volume_hull_field", NativeStatus.F3D_ERROR_CUDA, "f3d_volume_hull_field: launch: boom");
        NativeCudaException hull = assertThrows(NativeCudaException.class,
                () -> reconstruct(new Recording(cuda, cpu, cpu)));
        assertEquals("f3d_volume_hull_field", hull.function());
        fake.fail("f3d_marching_cubes_emit", NativeStatus.F3D_ERROR_OUT_OF_MEMORY, "f3d_marching_cubes_emit: oom");
        NativeCudaException cubes = assertThrows(NativeCudaException.class,
                () -> reconstruct(new Recording(cpu, cuda, cpu)));
        assertEquals("f3d_marching_cubes_emit", cubes.function());
    }

    @Test
    void aHullLayoutThatDoesNotFitIsRefusedBeforeAnyNativeCall() {
        float[][] oneView = {new float[6]};
        Forge3dException e = assertThrows(Forge3dException.class,
                () -> cuda.hullField(2, 2, 2, 0, 0, 0, 1, new double[13], new int[] {3, 2}, oneView));
        assertEquals(ErrorCode.INVALID_PARAM, e.code(), e.getMessage());
        e = assertThrows(Forge3dException.class,
                () -> cuda.hullField(2, 2, 2, 0, 0, 0, 1, new double[14], new int[] {3, 3}, oneView));
        assertEquals(ErrorCode.INVALID_PARAM, e.code(), e.getMessage());
        // A grid with one sample a side, and distances the twins would take differently.
        double[] camera = new double[14];
        camera[13] = 1;
        e = assertThrows(Forge3dException.class,
                () -> cuda.hullField(2, 2, 1, 0, 0, 0, 1, camera, new int[] {3, 2}, oneView));
        assertEquals(ErrorCode.INVALID_PARAM, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("grid samples"), e.getMessage());
        float[][] notANumber = {{0, 0, Float.NaN, 0, 0, 0}};
        e = assertThrows(Forge3dException.class,
                () -> cuda.hullField(2, 2, 2, 0, 0, 0, 1, camera, new int[] {3, 2}, notANumber));
        assertEquals(ErrorCode.INVALID_PARAM, e.code(), e.getMessage());
        assertEquals(List.of(), fake.functionsCalled());
    }

    private DenseSurface reconstruct(MeshKernels kernels) {
        double[][] box = EllipsoidViews.searchBox(views);
        return new SilhouetteGeometryModel(false, kernels).reconstruct(views, box[0], box[1], SAMPLES, f -> { });
    }

    /**
     * The hull field, marching cubes and the bake each from its own kernels, with the scalar
     * arguments of every call in the native functions' order.
     */
    private static final class Recording implements MeshKernels {
        final List<List<Object>> hullCalls = new ArrayList<>();
        final List<List<Object>> cubesCalls = new ArrayList<>();
        final List<List<Object>> bakeCalls = new ArrayList<>();
        private final MeshKernels hull;
        private final MeshKernels cubes;
        private final MeshKernels bake;

        Recording(MeshKernels hull, MeshKernels cubes, MeshKernels bake) {
            this.hull = hull;
            this.cubes = cubes;
            this.bake = bake;
        }

        @Override
        public float[] hullField(int nx, int ny, int nz, double originX, double originY, double originZ,
                                 double voxel, double[] cameras, int[] viewSizes, float[][] signedDistance) {
            hullCalls.add(List.of(nx, ny, nz, originX, originY, originZ, voxel, signedDistance.length));
            return hull.hullField(nx, ny, nz, originX, originY, originZ, voxel, cameras, viewSizes, signedDistance);
        }

        @Override
        public Surface marchingCubes(int nx, int ny, int nz, double originX, double originY, double originZ,
                                     double voxel, float[] field) {
            cubesCalls.add(List.of(nx, ny, nz, originX, originY, originZ, voxel));
            return cubes.marchingCubes(nx, ny, nz, originX, originY, originZ, voxel, field);
        }

        @Override
        public void bakeTexels(int size, byte[] covered, float[] position, float[] normal, int viewCount,
                               double[] cameras, int[] viewSizes, int[] viewRgb, byte[] viewMask, float[] viewDepth,
                               double depthTolerance, int mirrorPlanes, int[] outRgb, byte[] outSeen) {
            bakeCalls.add(List.of(size, viewCount, depthTolerance, mirrorPlanes));
            bake.bakeTexels(size, covered, position, normal, viewCount, cameras, viewSizes, viewRgb, viewMask,
                    viewDepth, depthTolerance, mirrorPlanes, outRgb, outSeen);
        }
    }
}
