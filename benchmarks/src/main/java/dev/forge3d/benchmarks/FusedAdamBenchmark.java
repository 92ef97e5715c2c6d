package dev.forge3d.benchmarks;

import dev.forge3d.api.spi.AdamHyperParams;
import dev.forge3d.api.spi.ComputeBackend;
import dev.forge3d.api.spi.FusedAdam;
import dev.forge3d.cuda.CudaBackend;
import dev.forge3d.engine.cpu.CpuBackend;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One fused Adam step on host arrays, CPU twin against CUDA kernel, side by side. The CUDA time
 * includes what the {@link FusedAdam} contract implies for host arrays: device allocation, four
 * uploads, the kernel and three downloads. {@link BenchmarkMain} leaves {@code cuda} out when the
 * backend is unavailable; run directly through JMH, the CUDA setup fails with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FusedAdamBenchmark {

    @Param({"cpu", "cuda"})
    public String backend;

    /** Gaussians in a small scene to a large one. */
    @Param({"65536", "1048576", "16777216"})
    public int count;

    private FusedAdam adam;
    private final AdamHyperParams hyper = AdamHyperParams.withLearningRate(1e-3f);
    private float[] params;
    private float[] grads;
    private float[] moment1;
    private float[] moment2;
    private int step;

    @Setup(Level.Trial)
    public void setUp() {
        ComputeBackend chosen = switch (backend) {
            case "cpu" -> new CpuBackend();
            case "cuda" -> new CudaBackend();
            default -> throw new IllegalArgumentException("unknown backend " + backend + " (cpu or cuda)");
        };
        if (!chosen.isAvailable()) {
            throw new IllegalStateException(backend + " backend is unavailable: " + chosen.info().reason());
        }
        adam = chosen.fusedAdam();
        SplittableRandom random = new SplittableRandom(42);
        params = gaussians(random, count);
        grads = gaussians(random, count);
        moment1 = new float[count];
        moment2 = new float[count];
        step = 0;
    }

    @Benchmark
    public float update() {
        adam.update(params, grads, moment1, moment2, hyper, ++step);
        return params[0]; // returned so the JIT cannot treat the update as dead
    }

    private static float[] gaussians(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
