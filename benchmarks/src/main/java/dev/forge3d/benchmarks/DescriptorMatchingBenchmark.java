package dev.forge3d.benchmarks;

import dev.forge3d.api.spi.DescriptorMatcher;
import dev.forge3d.cuda.CudaBackend;
import dev.forge3d.engine.cpu.CpuDescriptorMatcher;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Matching one image pair: brute-force L2 between two sets of 128-float RootSIFT-like descriptors
 * (unit length, non-negative), ratio test 0.8 and cross-check, as feature matching runs it per pair.
 * {@code threads=parallel} is what the pipeline uses; {@code single} runs the same row blocks one
 * after another. The plain Java matcher this GEMM one replaced (kept as the test reference in
 * engine-native) measured about 4.5x slower; see docs/perf/2026-11-21-poses-vs-colmap.md.
 *
 * <p>{@code backend=cuda} runs the CUDA kernel on the same pair, side by side with the CPU twin;
 * its time includes what the {@link DescriptorMatcher} contract implies for host arrays (a stream,
 * device buffers, both uploads, the kernels, the download of the matches). It ignores
 * {@code threads}. {@link BenchmarkMain} leaves {@code cuda} out when the backend is unavailable;
 * run directly through JMH, the CUDA setup fails with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class DescriptorMatchingBenchmark {
    private static final int DIMENSION = 128;

    /** Features per image: a small frame, and COLMAP's default cap. */
    @Param({"2048", "8192"})
    public int features;

    @Param({"cpu", "cuda"})
    public String backend;

    /** The CPU matcher's row blocks: on the common pool, or one after another. */
    @Param({"parallel", "single"})
    public String threads;

    private DescriptorMatcher matcher;
    private float[] a;
    private float[] b;

    @Setup
    public void setUp() {
        matcher = switch (backend) {
            case "cpu" -> new CpuDescriptorMatcher("parallel".equals(threads));
            case "cuda" -> {
                CudaBackend cuda = new CudaBackend();
                yield cuda.descriptorMatcher().orElseThrow(() -> new IllegalStateException(
                        "cuda backend is unavailable: " + cuda.info().reason()));
            }
            default -> throw new IllegalArgumentException("unknown backend " + backend + " (cpu or cuda)");
        };
        SplittableRandom random = new SplittableRandom(7);
        a = descriptors(random, features);
        b = descriptors(random, features);
        // Half of B are noisy copies of A, so the ratio test and cross-check have real work.
        for (int i = 0; i < features / 2; i++) {
            for (int k = 0; k < DIMENSION; k++) {
                b[i * DIMENSION + k] = a[((i * 7) % features) * DIMENSION + k] + 0.01f * (float) random.nextDouble();
            }
        }
    }

    @Benchmark
    public int[] matchPair() {
        return matcher.match(a, features, b, features, DIMENSION, 0.8f);
    }

    /**
     * The argument check that {@link #matchPair} makes on either backend before any work (every
     * entry finite and bounded): its share of the pair's time. It ignores {@code backend} and {@code threads}.
     */
    @Benchmark
    public float[] checkArguments() {
        DescriptorMatcher.checkArguments(a, features, b, features, DIMENSION, 0.8f);
        return a;
    }

    private static float[] descriptors(SplittableRandom random, int count) {
        float[] values = new float[count * DIMENSION];
        for (int i = 0; i < count; i++) {
            double norm = 0;
            for (int k = 0; k < DIMENSION; k++) {
                float v = (float) random.nextDouble();
                values[i * DIMENSION + k] = v;
                norm += v * v;
            }
            for (int k = 0; k < DIMENSION; k++) {
                values[i * DIMENSION + k] /= (float) Math.sqrt(norm);
            }
        }
        return values;
    }
}
