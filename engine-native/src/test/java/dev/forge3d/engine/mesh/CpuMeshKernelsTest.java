package dev.forge3d.engine.mesh;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.View;
import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.engine.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CPU backend's mesh kernels are the CPU twins: on random inputs each op gives exactly the
 * arrays of the twin called directly (the hull field through the mesh code's own packing of its
 * cameras), and a grid, field or hull layout that does not fit is {@code invalid_param}.
 */
class CpuMeshKernelsTest {
    private final MeshKernels kernels = new CpuBackend().meshKernels().orElseThrow();

    @Test
    void theHullFieldIsTheTwinsForOrthographicAndPerspectiveViews() {
        SplittableRandom random = new SplittableRandom(11);
        VolumeGrid g = new VolumeGrid(-0.6, -0.5, -0.7, 0.05, 25, 23, 27);
        ViewCamera[] cameras = {
                ViewCamera.orthographic(View.FRONT, 40, 36, 30),
                ViewCamera.orthographic(View.LEFT, 33, 36, 30),
                new ViewCamera(new double[] {60, 0, 20, 50, 0, -60, 18, 40, 0, 0, 1, 3}, true, 60, 90, 80,
                        new double[] {0, 0, 1})};
        float[][] distance = new float[cameras.length][];
        for (int v = 0; v < cameras.length; v++) {
            distance[v] = new float[cameras[v].width() * cameras[v].height()];
            for (int p = 0; p < distance[v].length; p++) {
                distance[v][p] = (float) (random.nextDouble() * 30 - 12);
            }
        }
        float[] direct = new float[g.size()];
        VolumeCarving.hullField(g, cameras, distance, direct);
        float[] viaKernels = kernels.hullField(g.nx(), g.ny(), g.nz(), g.originX(), g.originY(), g.originZ(),
                g.voxel(), SilhouetteGeometryModel.hullCameras(cameras), SilhouetteGeometryModel.viewSizes(cameras),
                distance);
        assertArrayEquals(direct, viaKernels);
        int positive = 0;
        for (float value : direct) {
            positive += value > 0 ? 1 : 0;
        }
        assertTrue(positive > 0 && positive < direct.length, "inside and outside samples: " + positive);
    }

    @Test
    void marchingCubesIsTheTwins() {
        SplittableRandom random = new SplittableRandom(12);
        VolumeGrid g = new VolumeGrid(0.25, -1, 0.5, 0.1, 13, 11, 12);
        float[] field = new float[g.size()];
        for (int i = 0; i < field.length; i++) {
            field[i] = (float) (random.nextDouble() - 0.45);
        }
        TriMesh direct = MarchingCubes.extract(g, field);
        MeshKernels.Surface viaKernels = kernels.marchingCubes(g.nx(), g.ny(), g.nz(), g.originX(), g.originY(),
                g.originZ(), g.voxel(), field);
        assertTrue(direct.faceCount() > 100, "faces " + direct.faceCount());
        assertArrayEquals(direct.positions(), viaKernels.positions());
        assertArrayEquals(direct.indices(), viaKernels.indices());
    }

    @Test
    void theTexelBakeIsTheTwinOverAllRows() {
        SplittableRandom random = new SplittableRandom(13);
        int size = 37;
        int texels = size * size;
        byte[] covered = new byte[texels];
        float[] position = new float[3 * texels];
        float[] normal = new float[3 * texels];
        for (int t = 0; t < texels; t++) {
            covered[t] = (byte) (random.nextInt(5) == 0 ? 0 : 1);
            for (int k = 0; k < 3; k++) {
                position[3 * t + k] = (float) (random.nextDouble() * 1.6 - 0.8);
                normal[3 * t + k] = (float) random.nextGaussian();
            }
        }
        ViewCamera[] views = {ViewCamera.orthographic(View.FRONT, 20, 16, 12),
                ViewCamera.orthographic(View.RIGHT, 18, 16, 12)};
        double[] cameras = TextureBaker.bakeCameras(views);
        int[] viewSizes = {20, 16, 18, 16};
        int pixels = 20 * 16 + 18 * 16;
        int[] rgb = random.ints(pixels, 0, 1 << 24).toArray();
        byte[] mask = new byte[pixels];
        float[] depth = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            mask[p] = (byte) (random.nextInt(8) == 0 ? 0 : 1);
            depth[p] = (float) (9.5 + random.nextDouble());
        }
        int[] directRgb = new int[texels], kernelRgb = new int[texels];
        byte[] directSeen = new byte[texels], kernelSeen = new byte[texels];
        TextureBaker.sampleTexelRows(size, covered, position, normal, 2, cameras, viewSizes, rgb, mask, depth, 0.05,
                MeshKernels.MIRROR_LEFT_RIGHT | MeshKernels.MIRROR_FRONT_BACK, directRgb, directSeen, 0, size);
        kernels.bakeTexels(size, covered, position, normal, 2, cameras, viewSizes, rgb, mask, depth, 0.05,
                MeshKernels.MIRROR_LEFT_RIGHT | MeshKernels.MIRROR_FRONT_BACK, kernelRgb, kernelSeen);
        assertArrayEquals(directRgb, kernelRgb);
        assertArrayEquals(directSeen, kernelSeen);
        int seen = 0;
        for (byte b : directSeen) {
            seen += b;
        }
        assertTrue(seen > texels / 10 && seen < texels * 9 / 10, seen + " of " + texels + " seen");
    }

    @Test
    void aHullLayoutThatDoesNotFitIsInvalidParam() {
        double[] camera = SilhouetteGeometryModel.hullCameras(new ViewCamera[] {
                ViewCamera.orthographic(View.FRONT, 4, 3, 2)});
        float[][] oneView = {new float[12]};
        assertInvalid(() -> kernels.hullField(2, 2, 2, 0, 0, 0, 1, camera, new int[] {4, 3}, new float[0][]));
        assertInvalid(() -> kernels.hullField(2, 2, 2, 0, 0, 0, 1, new double[13], new int[] {4, 3}, oneView));
        assertInvalid(() -> kernels.hullField(2, 2, 2, 0, 0, 0, 1, camera, new int[] {4}, oneView));
        assertInvalid(() -> kernels.hullField(2, 2, 2, 0, 0, 0, 1, camera, new int[] {4, 2}, oneView));
        assertInvalid(() -> kernels.hullField(2, 2, 2, 0, 0, 0, 1, camera, new int[] {4, 3}, new float[][] {null}));
        // Values the twins would take differently: Math.min keeps a NaN that CUDA's fmin drops.
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[][] distances = {new float[12]};
            distances[0][7] = bad;
            assertInvalid(() -> kernels.hullField(2, 2, 2, 0, 0, 0, 1, camera, new int[] {4, 3}, distances));
        }
        double[] notFinite = camera.clone();
        notFinite[3] = Double.NaN;
        assertInvalid(() -> kernels.hullField(2, 2, 2, 0, 0, 0, 1, notFinite, new int[] {4, 3}, oneView));
        double[] noScale = camera.clone();
        noScale[13] = 0;
        assertInvalid(() -> kernels.hullField(2, 2, 2, 0, 0, 0, 1, noScale, new int[] {4, 3}, oneView));
        // The control: the same call with a fitting layout goes through.
        assertEquals(8, kernels.hullField(2, 2, 2, 0, 0, 0, 1, camera, new int[] {4, 3}, oneView).length);
    }

    @Test
    void theCpuTwinHoldsTheHullBoundsTheCudaAbiHas() {
        double[] camera = SilhouetteGeometryModel.hullCameras(new ViewCamera[] {
                ViewCamera.orthographic(View.FRONT, 4, 3, 2)});
        int tooMany = MeshKernels.MAX_HULL_VIEWS + 1;
        double[] cameras = new double[MeshKernels.HULL_CAMERA_DOUBLES * tooMany];
        int[] sizes = new int[2 * tooMany];
        float[][] distances = new float[tooMany][];
        for (int v = 0; v < tooMany; v++) {
            System.arraycopy(camera, 0, cameras, MeshKernels.HULL_CAMERA_DOUBLES * v, camera.length);
            sizes[2 * v] = 4;
            sizes[2 * v + 1] = 3;
            distances[v] = new float[12];
        }
        assertInvalid(() -> kernels.hullField(2, 2, 2, 0, 0, 0, 1, cameras, sizes, distances));
        int wide = MeshKernels.MAX_HULL_SIDE + 1;
        assertInvalid(() -> kernels.hullField(2, 2, 2, 0, 0, 0, 1, camera, new int[] {wide, 1},
                new float[][] {new float[wide]}));
        // The control: the most views the bound allows go through.
        int most = MeshKernels.MAX_HULL_VIEWS;
        assertEquals(8, kernels.hullField(2, 2, 2, 0, 0, 0, 1,
                Arrays.copyOf(cameras, MeshKernels.HULL_CAMERA_DOUBLES * most), Arrays.copyOf(sizes, 2 * most),
                Arrays.copyOf(distances, most)).length);
    }

    @Test
    void aGridOrFieldThatDoesNotFitIsInvalidParam() {
        double[] camera = SilhouetteGeometryModel.hullCameras(new ViewCamera[] {
                ViewCamera.orthographic(View.FRONT, 4, 3, 2)});
        float[][] oneView = {new float[12]};
        int[] sizes = {4, 3};
        assertInvalid(() -> kernels.marchingCubes(1, 2, 2, 0, 0, 0, 1, new float[4]));
        assertInvalid(() -> kernels.marchingCubes(2, 2, 2, 0, 0, 0, 1, new float[7]));
        assertInvalid(() -> kernels.marchingCubes(2, 2, 2, 0, 0, 0, 1, null));
        assertInvalid(() -> kernels.marchingCubes(2, 2, 2, 0, 0, 0, Double.NaN, new float[8]));
        assertInvalid(() -> kernels.marchingCubes(2, 2, 2, 0, Double.NEGATIVE_INFINITY, 0, 1, new float[8]));
        assertInvalid(() -> kernels.hullField(2, 2, 2, 0, 0, 0, 0, camera, sizes, oneView));
        assertInvalid(() -> kernels.hullField(2, 2, 1, 0, 0, 0, 1, camera, sizes, oneView));
        // 2048^3 samples wrap an int to 0, 14511796 x 2147221520 x 592 a long to 1024: neither
        // count may pass for a small field, nor the hull allocate a field for it.
        assertInvalid(() -> kernels.marchingCubes(2048, 2048, 2048, 0, 0, 0, 1, new float[0]));
        assertInvalid(() -> kernels.marchingCubes(14511796, 2147221520, 592, 0, 0, 0, 1, new float[1024]));
        assertInvalid(() -> kernels.hullField(1024, 1024, 1024, 0, 0, 0, 1, camera, sizes, oneView));
        // The control: the same calls with a fitting grid and field go through.
        assertEquals(0, kernels.marchingCubes(2, 2, 2, 0, 0, 0, 1, new float[8]).indices().length);
        assertEquals(8, kernels.hullField(2, 2, 2, 0, 0, 0, 1, camera, sizes, oneView).length);
    }

    @Test
    void aBakeLayoutOutsideTheSharedBoundsIsInvalidParam() {
        int size = 4;
        double[] cameras = new double[MeshKernels.BAKE_CAMERA_DOUBLES];
        int[] outRgb = new int[size * size];
        byte[] outSeen = new byte[size * size];
        byte[] covered = new byte[size * size];
        float[] position = new float[3 * size * size];
        float[] normal = new float[3 * size * size];
        int wide = MeshKernels.MAX_BAKE_SIDE + 1;
        assertInvalid(() -> kernels.bakeTexels(size, covered, position, normal, 1, cameras, new int[] {wide, 1},
                new int[wide], new byte[wide], new float[wide], 0.01, 0, outRgb, outSeen));
        assertInvalid(() -> kernels.bakeTexels(size, covered, position, normal, 1, cameras, new int[] {3, 1},
                new int[2], new byte[3], new float[3], 0.01, 0, outRgb, outSeen));
        assertInvalid(() -> kernels.bakeTexels(size, covered, position, normal, 1, cameras, new int[] {3, 1},
                new int[3], new byte[3], new float[3], 0.01, 4, outRgb, outSeen));
        // The control: the widest view the bound allows goes through.
        int widest = MeshKernels.MAX_BAKE_SIDE;
        kernels.bakeTexels(size, covered, position, normal, 1, cameras, new int[] {widest, 1}, new int[widest],
                new byte[widest], new float[widest], 0.01, 0, outRgb, outSeen);
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable call) {
        Forge3dException e = assertThrows(Forge3dException.class, call);
        assertEquals(ErrorCode.INVALID_PARAM, e.code(), e.getMessage());
    }
}
