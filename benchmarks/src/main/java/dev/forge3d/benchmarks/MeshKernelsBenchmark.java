package dev.forge3d.benchmarks;

import dev.forge3d.api.MeshParams;
import dev.forge3d.api.View;
import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.engine.mesh.DenseSurface;
import dev.forge3d.engine.mesh.MeshBuild;
import dev.forge3d.engine.mesh.MeshSimplifier;
import dev.forge3d.engine.mesh.MirrorPlanes;
import dev.forge3d.engine.mesh.PosedView;
import dev.forge3d.engine.mesh.SilhouetteGeometryModel;
import dev.forge3d.engine.mesh.TriMesh;
import dev.forge3d.engine.mesh.ViewCamera;
import dev.forge3d.engine.mesh.ViewImage;
import dev.forge3d.engine.mesh.VolumeGrid;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The mesh job's stages at high_poly size on four orthographic views of a sphere (disc
 * silhouettes on 512 x 512 canvases): carving plus rounding, surface extraction, simplification
 * to 20k faces, and UV + bake at 1024, with the volume carving, marching cubes and texture bake
 * on the {@code backend}'s {@link MeshKernels} (simplification and the rest of each stage run on
 * the CPU either way). Needs OpenCV and meshoptimizer, so the GPU bundle leaves it out and runs
 * {@link MeshHotLoopsBenchmark} instead. {@link BenchmarkMain} leaves {@code cuda} out when the
 * backend is unavailable; run directly through JMH, the CUDA setup fails with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MeshKernelsBenchmark {
    @Param({"cpu", "cuda"})
    public String backend;

    private MeshKernels kernels;

    private List<PosedView> views;
    private double[] box;
    private DenseSurface dense;
    private TriMesh simplified;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = BackendMeshKernels.of(backend);
        int size = 512;
        double pixelsPerUnit = 0.8 * size;
        views = new ArrayList<>();
        for (View view : View.values()) {
            int[] rgb = new int[size * size];
            byte[] mask = new byte[size * size];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double dx = x + 0.5 - size / 2.0, dy = y + 0.5 - size / 2.0;
                    mask[y * size + x] = (byte) (dx * dx + dy * dy < 0.25 * pixelsPerUnit * pixelsPerUnit ? 1 : 0);
                    rgb[y * size + x] = (x * 7 ^ y * 13) & 0xFFFFFF;
                }
            }
            views.add(new PosedView(new ViewImage(size, size, rgb, mask),
                    ViewCamera.orthographic(view, size, size, pixelsPerUnit)));
        }
        box = MeshBuild.searchBox(views);
        dense = carve();
        simplified = MeshSimplifier.simplify(dense.mesh(), 20_000);
    }

    private DenseSurface carve() {
        return new SilhouetteGeometryModel(false, kernels).reconstruct(views, new double[] {box[0], box[1], box[2]},
                new double[] {box[3], box[4], box[5]}, 256, f -> { });
    }

    /** Hull, rounding, surface extraction and smoothing at 256 samples. */
    @Benchmark
    public DenseSurface geometry() {
        return carve();
    }

    @Benchmark
    public MeshKernels.Surface marchingCubes() {
        VolumeGrid g = dense.grid();
        return kernels.marchingCubes(g.nx(), g.ny(), g.nz(), g.originX(), g.originY(), g.originZ(), g.voxel(),
                dense.field());
    }

    @Benchmark
    public TriMesh simplifyTo20k() {
        return MeshSimplifier.simplify(dense.mesh(), 20_000);
    }

    @Benchmark
    public Object uvAndBake1024() {
        MeshParams params = MeshParams.builder().textureSize(1024).pbr(true).build();
        return MeshBuild.texture(simplified, dense, views, params, MirrorPlanes.of(params.symmetry(), views), () -> { },
                kernels);
    }
}
