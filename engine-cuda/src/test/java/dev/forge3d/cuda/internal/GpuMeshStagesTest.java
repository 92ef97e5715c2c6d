package dev.forge3d.cuda.internal;

import dev.forge3d.api.MeshParams;
import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.engine.mesh.CpuMeshKernels;
import dev.forge3d.engine.mesh.DenseSurface;
import dev.forge3d.engine.mesh.MeshAsset;
import dev.forge3d.engine.mesh.MeshBuild;
import dev.forge3d.engine.mesh.PosedView;
import dev.forge3d.engine.mesh.TriMesh;
import dev.forge3d.engine.mesh.VolumeGrid;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.forge3d.cuda.internal.TwinAssertions.PROJECT_TOLERANCE;
import static dev.forge3d.cuda.internal.TwinAssertions.assertRelativeErrorBelow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mesh job's stages on the CUDA backend's kernels ({@link CudaMeshKernels}) against the same
 * stages on the CPU twins, for an ellipsoid seen from four analytic views: its field's surface by
 * marching cubes, then the texture stage of {@link MeshBuild#texture} (UVs, colour bake, hole
 * filling). Needs no OpenCV, so it runs in the GPU bundle; the geometry stage, whose silhouette
 * distances need OpenCV, is covered end to end by {@code GpuMeshJobTest}.
 *
 * <p>Tolerances: the kernels reproduce their twins' arrays (bit-identical expected, see
 * GpuMarchingCubesTest and GpuTextureBakeTest). The surface's indices must be equal and its
 * positions within a relative error of 1e-6; the base colour may differ in at most 0.1% of the
 * texels (a tie between two views within one rounding, spread a little by the hole filling), with
 * a channel error under the project's 1e-4.
 */
@Tag("gpu")
class GpuMeshStagesTest {

    @Test
    void theSurfaceAndTheTextureMatchTheCpuTwins() {
        MeshKernels cuda = new CudaMeshKernels(GpuTestSupport.runtimeOrSkip(), 0);
        MeshKernels cpu = new CpuMeshKernels();
        List<PosedView> views = EllipsoidViews.views(160);
        double[][] box = EllipsoidViews.searchBox(views);
        VolumeGrid g = VolumeGrid.covering(box[0], box[1], 64);
        float[] field = ellipsoidField(g);

        TriMesh cpuMesh = extract(cpu, g, field);
        TriMesh gpuMesh = extract(cuda, g, field);
        assertTrue(cpuMesh.faceCount() > 1000, "faces " + cpuMesh.faceCount());
        assertArrayEquals(cpuMesh.indices(), gpuMesh.indices());
        assertRelativeErrorBelow("surface positions", cpuMesh.positions(), gpuMesh.positions(), 1e-6);

        MeshParams params = MeshParams.builder().textureSize(512).build();
        int bothPlanes = MeshKernels.MIRROR_LEFT_RIGHT | MeshKernels.MIRROR_FRONT_BACK;
        // Each bake gets its own copy of the CPU surface, so that only the bake differs.
        MeshAsset cpuAsset = MeshBuild.texture(extract(cpu, g, field), new DenseSurface(cpuMesh, g, field), views,
                params, bothPlanes, () -> { }, cpu);
        MeshAsset gpuAsset = MeshBuild.texture(extract(cpu, g, field), new DenseSurface(cpuMesh, g, field), views,
                params, bothPlanes, () -> { }, cuda);
        int[] expected = cpuAsset.baseColour();
        int[] actual = gpuAsset.baseColour();
        int differing = 0;
        for (int t = 0; t < expected.length; t++) {
            differing += expected[t] != actual[t] ? 1 : 0;
        }
        assertTrue(differing <= expected.length / 1000, differing + " of " + expected.length + " texels differ");
        assertRelativeErrorBelow("base colour channels", channels(expected), channels(actual), PROJECT_TOLERANCE);
    }

    private static TriMesh extract(MeshKernels kernels, VolumeGrid g, float[] field) {
        MeshKernels.Surface s = kernels.marchingCubes(g.nx(), g.ny(), g.nz(), g.originX(), g.originY(), g.originZ(),
                g.voxel(), field);
        return new TriMesh(s.positions(), s.indices());
    }

    /** Positive inside the ellipsoid, roughly a distance near its surface. */
    private static float[] ellipsoidField(VolumeGrid g) {
        double[] a = EllipsoidViews.SEMI_AXES;
        double smallest = Math.min(a[0], Math.min(a[1], a[2]));
        float[] field = new float[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = g.x(i) / a[0], y = g.y(j) / a[1], z = g.z(k) / a[2];
                    field[i + g.nx() * (j + g.ny() * k)] = (float) ((1 - Math.sqrt(x * x + y * y + z * z)) * smallest);
                }
            }
        }
        return field;
    }

    private static float[] channels(int[] rgb) {
        float[] out = new float[3 * rgb.length];
        for (int t = 0; t < rgb.length; t++) {
            for (int k = 0; k < 3; k++) {
                out[3 * t + k] = (rgb[t] >> (8 * k)) & 0xFF;
            }
        }
        return out;
    }
}
