package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.DensifyCounts;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.benchmarks.CudaBenchmarkRuntime;
import dev.forge3d.cuda.internal.CudaDensification;
import dev.forge3d.cuda.internal.CudaRuntime;
import dev.forge3d.cuda.internal.CudaStream;
import dev.forge3d.cuda.internal.DeviceBuffer;
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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * One densification of a model with Adam moments, CPU twin ({@link Densification#run}) against the
 * CUDA kernels (plan, then apply into freshly allocated device buffers, as the training session
 * runs them), side by side. The statistics make about half the Gaussians candidates, a mix of
 * clones and splits, with prunes, and the cap drops a part of the candidates (the sort path).
 * The model stays on the device for CUDA: no transfer is timed. In this package because the twin
 * is package-private. {@code BenchmarkMain} leaves {@code cuda} out when the backend is unavailable.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx6g"})
public class DensificationBenchmark {
    private static final float SCENE_EXTENT = 3f;
    private static final DensifySettings SETTINGS = new DensifySettings(2e-4f, 0.01f, 0.005f, 20f, 0.05f);

    @Param({"cpu", "cuda"})
    public String backend;

    /** Gaussians before the call. */
    @Param({"262144", "1048576"})
    public int gaussians;

    private Densification.State state;
    private float[] meanGradient;
    private float[] maxRadius;
    private int maxGaussians;
    private final int[] counts = new int[3];

    private CudaRuntime runtime;
    private CudaStream stream;
    private DeviceBuffer[] model;
    private CudaDensification.Statistics statistics;
    private CudaDensification densification;
    private CudaDensification.Limits limits;
    private long callIndex;

    @Setup(Level.Trial)
    public void setUp() {
        int n = gaussians;
        SplittableRandom random = new SplittableRandom(11);
        SplatArrays params = RandomGaussians.normalValues(n, random);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                params.logScales()[3 * i + k] = (float) Math.log(random.nextDouble(0.002, 0.2));
            }
            params.opacityLogits()[i] = (float) random.nextDouble(-7, 4);
        }
        state = new Densification.State(params, RandomGaussians.normalValues(n, random),
                RandomGaussians.normalValues(n, random));
        float[] gradientSum = new float[n];
        int[] gradientCount = new int[n];
        maxRadius = new float[n];
        for (int i = 0; i < n; i++) {
            gradientCount[i] = random.nextInt(5);
            gradientSum[i] = (float) random.nextDouble(0, 5e-4) * gradientCount[i];
            maxRadius[i] = random.nextInt(40);
        }
        meanGradient = CpuSplatSession.meanGradients(gradientSum, gradientCount, n);
        maxGaussians = n + n / 4;
        if ("cuda".equals(backend)) {
            setUpCuda(gradientSum, gradientCount);
        } else if (!"cpu".equals(backend)) {
            throw new IllegalArgumentException("unknown backend " + backend + " (cpu or cuda)");
        }
    }

    private void setUpCuda(float[] gradientSum, int[] gradientCount) {
        runtime = CudaBenchmarkRuntime.require();
        stream = CudaStream.create(runtime, 0);
        try (Arena arena = Arena.ofConfined()) {
            model = new DeviceBuffer[] {upload(CudaDensification.pack(arena, state.params())),
                    upload(CudaDensification.pack(arena, state.moment1())),
                    upload(CudaDensification.pack(arena, state.moment2()))};
            MemorySegment sum = arena.allocate(JAVA_FLOAT, gradientSum.length);
            MemorySegment.copy(gradientSum, 0, sum, JAVA_FLOAT, 0, gradientSum.length);
            MemorySegment count = arena.allocate(JAVA_INT, gradientCount.length);
            MemorySegment.copy(gradientCount, 0, count, JAVA_INT, 0, gradientCount.length);
            MemorySegment radius = arena.allocate(JAVA_FLOAT, maxRadius.length);
            MemorySegment.copy(maxRadius, 0, radius, JAVA_FLOAT, 0, maxRadius.length);
            statistics = new CudaDensification.Statistics(upload(sum), upload(count),
                    upload(radius));
            stream.synchronize();
        }
        densification = new CudaDensification(runtime);
        limits = new CudaDensification.Limits(SETTINGS, SCENE_EXTENT, maxGaussians);
    }

    @Benchmark
    public int densify() {
        callIndex++;
        if (runtime == null) {
            return Densification.run(state, meanGradient, maxRadius, SETTINGS, SCENE_EXTENT, maxGaussians, 7,
                    callIndex, counts).params().count();
        }
        DensifyCounts planned = densification.plan(stream, model[0], gaussians, statistics, limits);
        long bytes = Math.max(1L, (long) planned.count() * CudaDensification.FLOATS_PER_GAUSSIAN * Float.BYTES);
        try (DeviceBuffer params = DeviceBuffer.allocate(runtime, 0, bytes);
             DeviceBuffer moment1 = DeviceBuffer.allocate(runtime, 0, bytes);
             DeviceBuffer moment2 = DeviceBuffer.allocate(runtime, 0, bytes)) {
            densification.apply(stream, model[0], model[1], model[2], gaussians, statistics, limits, 7, callIndex,
                    params, moment1, moment2, planned.count());
        }
        return planned.count();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (stream != null) {
            stream.synchronize();
            for (DeviceBuffer buffer : model) {
                buffer.close();
            }
            statistics.gradientSum().close();
            statistics.gradientCount().close();
            statistics.maxRadius().close();
            stream.close();
        }
    }

    private DeviceBuffer upload(MemorySegment host) {
        DeviceBuffer buffer = DeviceBuffer.allocate(runtime, 0, host.byteSize());
        buffer.upload(stream, host, 0);
        return buffer;
    }
}
