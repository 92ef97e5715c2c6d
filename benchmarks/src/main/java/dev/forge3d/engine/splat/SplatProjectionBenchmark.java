package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatView;
import dev.forge3d.benchmarks.BenchmarkResources;
import dev.forge3d.benchmarks.CudaBenchmarkRuntime;
import dev.forge3d.cuda.internal.CudaProjection;
import dev.forge3d.cuda.internal.CudaRuntime;
import dev.forge3d.cuda.internal.CudaStream;
import dev.forge3d.cuda.internal.DeviceBuffer;
import dev.forge3d.cuda.internal.DeviceProjectedGaussians;
import dev.forge3d.cuda.internal.DeviceSplatArrays;
import dev.forge3d.cuda.internal.HostArrayTransfers;
import dev.forge3d.engine.synthetic.RandomGaussians;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Projection with SH degree 3, forward and backward, at 1297 x 840: the CPU twin on one thread
 * (Projection.forward / backward over all Gaussians) against the CUDA kernels on device-resident
 * arrays (enqueue, then wait for the stream; no transfers). Lives in the twin's package to reach
 * it. {@code dev.forge3d.benchmarks.BenchmarkMain} leaves {@code cuda} out when the backend is
 * unavailable; run directly through JMH, the CUDA setup fails with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SplatProjectionBenchmark {
    static final int WIDTH = 1297;
    static final int HEIGHT = 840;
    static final int SH_DEGREE = 3;

    @Param({"cpu", "cuda"})
    public String backend;

    @Param({"100000", "1000000"})
    public int count;

    private SplatView view;
    private SplatArrays gaussians;
    // CPU twin state
    private ProjectedGaussians projected;
    private float[] screen;
    private SplatArrays grads;
    private final float[] scratch = new float[Projection.SCRATCH_FLOATS];
    // CUDA state
    private CudaProjection cuda;
    private CudaStream stream;
    private DeviceSplatArrays deviceGaussians;
    private DeviceProjectedGaussians deviceProjected;
    private DeviceBuffer deviceScreen;
    private DeviceSplatArrays deviceGrads;

    @Setup(Level.Trial)
    public void setUp() {
        view = new SplatView(WIDTH, HEIGHT, 1100f, 1100f, WIDTH / 2f, HEIGHT / 2f,
                new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
        SplittableRandom random = new SplittableRandom(42);
        // Depth 2-6 across the view, screen radii of a few pixels, SH of degree 3.
        gaussians = RandomGaussians.inFrustum(new RandomGaussians.Spread(0.6, 0.4, 2, 6, 0.002, 0.02, 0.8, 1, 0.1),
                count, random);
        projected = new ProjectedGaussians(count);
        Projection.forward(gaussians, SH_DEGREE, view, view.cameraCentre(), projected, 0, count, scratch);
        screen = new float[ScreenGradients.STRIDE * count];
        for (int i = 0; i < screen.length; i++) {
            screen[i] = (float) (1e-3 * random.nextGaussian());
        }
        grads = SplatArrays.allocate(count);
        switch (backend) {
            case "cpu" -> {
            }
            case "cuda" -> setUpCuda();
            default -> throw new IllegalArgumentException("unknown backend " + backend + " (cpu or cuda)");
        }
    }

    private void setUpCuda() {
        CudaRuntime runtime = CudaBenchmarkRuntime.require();
        cuda = new CudaProjection(runtime);
        stream = CudaStream.create(runtime, 0);
        deviceGaussians = DeviceSplatArrays.allocate(runtime, 0, count);
        deviceProjected = DeviceProjectedGaussians.allocate(runtime, 0, count);
        deviceScreen = DeviceBuffer.allocate(runtime, 0, (long) screen.length * Float.BYTES);
        deviceGrads = DeviceSplatArrays.allocate(runtime, 0, count);
        deviceGaussians.upload(stream, gaussians);
        HostArrayTransfers.upload(stream, deviceScreen, screen);
        cuda.enqueueForward(stream, deviceGaussians, SH_DEGREE, view, deviceProjected);
        stream.synchronize();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchmarkResources.closeAll(deviceGrads, deviceScreen, deviceProjected, deviceGaussians, stream);
    }

    @Benchmark
    public int forward() {
        if (cuda == null) {
            Projection.forward(gaussians, SH_DEGREE, view, view.cameraCentre(), projected, 0, count, scratch);
            return projected.radius[count - 1];
        }
        cuda.enqueueForward(stream, deviceGaussians, SH_DEGREE, view, deviceProjected);
        stream.synchronize();
        return count;
    }

    @Benchmark
    public float backward() {
        if (cuda == null) {
            Projection.backward(gaussians, SH_DEGREE, view, view.cameraCentre(), projected, screen, grads, 0, count,
                    scratch);
            return grads.means()[0];
        }
        cuda.enqueueBackward(stream, deviceGaussians, SH_DEGREE, view, deviceProjected, deviceScreen, deviceGrads);
        stream.synchronize();
        return count;
    }
}
