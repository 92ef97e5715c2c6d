package dev.forge3d.cuda.internal;

import dev.forge3d.engine.mesh.MarchingCubes;
import dev.forge3d.engine.mesh.TriMesh;
import dev.forge3d.engine.mesh.VolumeGrid;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static dev.forge3d.cuda.internal.TwinAssertions.assertRelativeErrorBelow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The marching-cubes kernels against their CPU twin ({@link MarchingCubes#extract}) on fresh random
 * fields of several sizes and on a sphere's distance field. The kernels number vertices and
 * triangles in the twin's order and compute positions with the twin's operations, rounded
 * explicitly, so the indices must be equal and the positions are expected to be bit-identical; the
 * positions' bound, a relative L2 error of 1e-6, leaves room for a compiler that rounds one
 * operation differently, while a wrong edge, axis or interpolation is orders of magnitude larger.
 */
@Tag("gpu")
class GpuMarchingCubesTest {

    @ParameterizedTest(name = "{0} x {1} x {2}")
    @CsvSource({"2, 2, 2", "5, 7, 3", "33, 17, 41", "130, 129, 128"})
    void randomFieldsGiveTheCpuTwinsMesh(int nx, int ny, int nz) {
        CudaMarchingCubes cuda = new CudaMarchingCubes(GpuTestSupport.runtimeOrSkip(), 0);
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        VolumeGrid g = new VolumeGrid(random.nextDouble() - 0.5, random.nextDouble() - 0.5, random.nextDouble() - 0.5,
                0.01 + random.nextDouble() * 0.1, nx, ny, nz);
        float[] field = new float[g.size()];
        for (int i = 0; i < field.length; i++) {
            field[i] = (float) (random.nextDouble() - 0.45);
        }
        assertSameMesh("seed " + seed, g, field, cuda);
    }

    @Test
    void aSpheresDistanceFieldGivesTheCpuTwinsMesh() {
        CudaMarchingCubes cuda = new CudaMarchingCubes(GpuTestSupport.runtimeOrSkip(), 0);
        VolumeGrid g = VolumeGrid.covering(new double[] {-0.5, -0.5, -0.5}, new double[] {0.5, 0.5, 0.5}, 200);
        float[] field = new float[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    field[i + g.nx() * (j + g.ny() * k)] = (float) (0.4 - Math.sqrt(g.x(i) * g.x(i) + g.y(j) * g.y(j)
                            + g.z(k) * g.z(k)));
                }
            }
        }
        assertSameMesh("sphere", g, field, cuda);
    }

    private static void assertSameMesh(String where, VolumeGrid g, float[] field, CudaMarchingCubes cuda) {
        TriMesh cpu = MarchingCubes.extract(g, field);
        CudaMarchingCubes.Surface gpu = cuda.extract(g.nx(), g.ny(), g.nz(), g.originX(), g.originY(), g.originZ(),
                g.voxel(), field);
        assertEquals(cpu.vertexCount() * 3, gpu.positions().length, where + ": vertices");
        assertEquals(cpu.faceCount() * 3, gpu.indices().length, where + ": triangles");
        assertTrue(g.size() < 64 || cpu.faceCount() > 0, where + ": a surface to compare");
        assertArrayEquals(cpu.indices(), gpu.indices(), where + ": indices");
        assertRelativeErrorBelow(where + ": positions", cpu.positions(), gpu.positions(), 1e-6);
    }
}
