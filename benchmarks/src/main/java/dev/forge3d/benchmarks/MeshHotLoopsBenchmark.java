package dev.forge3d.benchmarks;

import dev.forge3d.api.View;
import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.engine.mesh.CpuMeshKernels;
import dev.forge3d.engine.mesh.SilhouetteGeometryModel;
import dev.forge3d.engine.mesh.TextureBaker;
import dev.forge3d.engine.mesh.ViewCamera;
import dev.forge3d.engine.mesh.VolumeGrid;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The mesh job's three kernels at {@code high_poly} size through {@link MeshKernels}, the CPU
 * twins beside the CUDA backend's: the visual hull field of four 512 x 512 views on a grid of 256
 * a side, marching cubes on that field, and the colour bake of a 1024 texture from the four views.
 * The inputs are analytic (a sphere of radius 0.5 seen by orthographic views: disc silhouettes,
 * their signed distances, depths and texel positions computed directly), so it needs neither
 * OpenCV nor meshoptimizer and runs in the GPU bundle, where {@link MeshKernelsBenchmark} cannot.
 * The CUDA times include what the contract implies for host arrays: the uploads, the kernels and
 * the downloads. {@link BenchmarkMain} leaves {@code cuda} out when the backend is unavailable;
 * run directly through JMH, the CUDA setup fails with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MeshHotLoopsBenchmark {
    static final int VIEW_SIZE = 512;
    static final int GRID_SAMPLES = 256;
    static final int TEXTURE_SIZE = 1024;
    static final double RADIUS = 0.5;
    /** Views frame the sphere at 80% of their side, as the job's normalisation does. */
    static final double PIXELS_PER_UNIT = 0.8 * VIEW_SIZE;

    @Param({"cpu", "cuda"})
    public String backend;

    private MeshKernels kernels;
    private VolumeGrid grid;
    private double[] hullCameras;
    private int[] viewSizes;
    private float[][] signedDistance;
    private float[] field;
    private SphereTexels texels;
    private ViewPixels pixels;

    @Setup
    public void setUp() {
        kernels = BackendMeshKernels.of(backend);
        ViewCamera[] cameras = new ViewCamera[View.values().length];
        for (View view : View.values()) {
            cameras[view.ordinal()] = ViewCamera.orthographic(view, VIEW_SIZE, VIEW_SIZE, PIXELS_PER_UNIT);
        }
        double half = 1.2 * RADIUS;
        grid = VolumeGrid.covering(new double[] {-half, -half, -half}, new double[] {half, half, half}, GRID_SAMPLES);
        hullCameras = SilhouetteGeometryModel.hullCameras(cameras);
        viewSizes = new int[2 * cameras.length];
        signedDistance = new float[cameras.length][];
        for (int v = 0; v < cameras.length; v++) {
            viewSizes[2 * v] = VIEW_SIZE;
            viewSizes[2 * v + 1] = VIEW_SIZE;
            signedDistance[v] = discSignedDistance();
        }
        // Both backends extract the same field: the CPU twin's.
        field = new CpuMeshKernels().hullField(grid.nx(), grid.ny(), grid.nz(), grid.originX(), grid.originY(),
                grid.originZ(), grid.voxel(), hullCameras, viewSizes, signedDistance);
        texels = SphereTexels.of(TEXTURE_SIZE, RADIUS);
        pixels = ViewPixels.of(cameras, RADIUS);
        requireTheViewsSeeTheSphere();
    }

    /** The bake measures real sampling only if the views see the texels: most of them, on the CPU twin. */
    private void requireTheViewsSeeTheSphere() {
        byte[] seen = new byte[TEXTURE_SIZE * TEXTURE_SIZE];
        new CpuMeshKernels().bakeTexels(TEXTURE_SIZE, texels.covered(), texels.position(), texels.normal(),
                pixels.count(), pixels.cameras(), viewSizes, pixels.rgb(), pixels.mask(), pixels.depth(), 0.01, 0,
                new int[seen.length], seen);
        int count = 0;
        for (byte s : seen) {
            count += s;
        }
        if (count < 0.9 * seen.length) {
            throw new IllegalStateException("the views see only " + count + " of the sphere's " + seen.length + " texels");
        }
    }

    @Benchmark
    public float[] hullField() {
        return kernels.hullField(grid.nx(), grid.ny(), grid.nz(), grid.originX(), grid.originY(), grid.originZ(),
                grid.voxel(), hullCameras, viewSizes, signedDistance);
    }

    /**
     * The argument check that {@link #hullField} makes on either backend before any work
     * (every distance pixel must be finite): its share of the hull's time. It ignores {@code backend}.
     */
    @Benchmark
    public double[] checkHullLayout() {
        MeshKernels.checkHullLayout(hullCameras, viewSizes, signedDistance);
        return hullCameras;
    }

    @Benchmark
    public MeshKernels.Surface marchingCubes() {
        return kernels.marchingCubes(grid.nx(), grid.ny(), grid.nz(), grid.originX(), grid.originY(), grid.originZ(),
                grid.voxel(), field);
    }

    @Benchmark
    public int[] bakeTexels() {
        int[] rgb = new int[TEXTURE_SIZE * TEXTURE_SIZE];
        byte[] seen = new byte[rgb.length];
        kernels.bakeTexels(TEXTURE_SIZE, texels.covered(), texels.position(), texels.normal(), pixels.count(),
                pixels.cameras(), viewSizes, pixels.rgb(), pixels.mask(), pixels.depth(), 0.01,
                MeshKernels.MIRROR_LEFT_RIGHT | MeshKernels.MIRROR_FRONT_BACK, rgb, seen);
        return rgb;
    }

    /** The sphere's disc, centred in the view: signed distance in pixels, positive inside. */
    private static float[] discSignedDistance() {
        float[] out = new float[VIEW_SIZE * VIEW_SIZE];
        double radius = RADIUS * PIXELS_PER_UNIT;
        for (int y = 0; y < VIEW_SIZE; y++) {
            for (int x = 0; x < VIEW_SIZE; x++) {
                double dx = x + 0.5 - VIEW_SIZE / 2.0, dy = y + 0.5 - VIEW_SIZE / 2.0;
                out[y * VIEW_SIZE + x] = (float) (radius - Math.sqrt(dx * dx + dy * dy));
            }
        }
        return out;
    }

    /** Every texel of a {@code size x size} texture covered, mapped onto the sphere by longitude and latitude. */
    record SphereTexels(byte[] covered, float[] position, float[] normal) {
        static SphereTexels of(int size, double radius) {
            byte[] covered = new byte[size * size];
            float[] position = new float[3 * covered.length];
            float[] normal = new float[3 * covered.length];
            for (int y = 0; y < size; y++) {
                double latitude = Math.PI * ((y + 0.5) / size - 0.5);
                for (int x = 0; x < size; x++) {
                    double longitude = 2 * Math.PI * ((x + 0.5) / size) - Math.PI;
                    int t = y * size + x;
                    covered[t] = 1;
                    normal[3 * t] = (float) (Math.cos(latitude) * Math.sin(longitude));
                    normal[3 * t + 1] = (float) Math.sin(latitude);
                    normal[3 * t + 2] = (float) (Math.cos(latitude) * Math.cos(longitude));
                    for (int a = 0; a < 3; a++) {
                        position[3 * t + a] = (float) (radius * normal[3 * t + a]);
                    }
                }
            }
            return new SphereTexels(covered, position, normal);
        }
    }

    /**
     * The views as {@link MeshKernels#bakeTexels} takes them: its camera layout, and each view's
     * colours (a pattern), the sphere's disc as the mask, and the sphere's nearest depth on it
     * (+infinity off it), the views one after another.
     */
    record ViewPixels(int count, double[] cameras, int[] rgb, byte[] mask, float[] depth) {
        static ViewPixels of(ViewCamera[] views, double radius) {
            int pixels = VIEW_SIZE * VIEW_SIZE;
            int[] rgb = new int[pixels * views.length];
            byte[] mask = new byte[rgb.length];
            float[] depth = new float[rgb.length];
            double[] centre = new double[3];
            for (int v = 0; v < views.length; v++) {
                views[v].project(0, 0, 0, centre);
                for (int y = 0; y < VIEW_SIZE; y++) {
                    for (int x = 0; x < VIEW_SIZE; x++) {
                        int at = v * pixels + y * VIEW_SIZE + x;
                        double dx = (x + 0.5 - centre[0]) / PIXELS_PER_UNIT, dy = (y + 0.5 - centre[1]) / PIXELS_PER_UNIT;
                        double inside = radius * radius - dx * dx - dy * dy;
                        rgb[at] = (x * 7 ^ y * 13 ^ v * 0x3f0000) & 0xFFFFFF;
                        mask[at] = (byte) (inside > 0 ? 1 : 0);
                        depth[at] = inside > 0 ? (float) (centre[2] - Math.sqrt(inside)) : Float.POSITIVE_INFINITY;
                    }
                }
            }
            return new ViewPixels(views.length, TextureBaker.bakeCameras(views), rgb, mask, depth);
        }
    }
}
