package dev.forge3d.benchmarks;

import dev.forge3d.api.spi.ComputeBackend;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatLearningRates;
import dev.forge3d.api.spi.SplatSession;
import dev.forge3d.api.spi.SplatSessionFactory;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;
import dev.forge3d.cuda.CudaBackend;
import dev.forge3d.engine.cpu.CpuBackend;
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
 * One splat training step (projection with SH degree 3, tile binning and sort, rasterisation,
 * L1 + SSIM loss, backward pass, Adam) at 400 x 225 with 50,000 Gaussians on 2 worker threads.
 * The Gaussians fill the view at depth 2-4 with screen radii of a few pixels, about four tiles
 * each, like a mid-training scene. Target: at least 5 steps a second on 2 cores. With
 * {@code backend=cuda} (the default where the GPU is available, see {@link BenchmarkMain}) it is
 * the CUDA session's speed-up over its CPU twin for a whole step; {@link CudaSplatStepBenchmark}
 * is the GPU session at full scale.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SplatStepBenchmark {
    static final int WIDTH = 400;
    static final int HEIGHT = 225;

    /** The CPU twin, and the GPU session (all state on the device) at the same size. */
    @Param({"cpu", "cuda"})
    public String backend;

    @Param({"50000"})
    public int gaussians;

    @Param({"2"})
    public int threads;

    private SplatSession session;
    private SplatView view;
    private float[] target;
    private final SplatLearningRates rates = new SplatLearningRates(1.6e-4f, 5e-3f, 1e-3f, 2.5e-2f, 2.5e-3f, 1.25e-4f);

    @Setup(Level.Trial)
    public void setUp() {
        ComputeBackend chosen = switch (backend) {
            case "cpu" -> new CpuBackend();
            case "cuda" -> new CudaBackend();
            default -> throw new IllegalArgumentException("unknown backend " + backend + " (cpu or cuda)");
        };
        SplatSessionFactory factory = chosen.splatSessions().orElseThrow(() -> new IllegalStateException(
                backend + " backend has no splat sessions: " + chosen.info().reason()));
        SplittableRandom random = new SplittableRandom(1);
        SplatArrays g = RandomGaussians.inFrustum(new RandomGaussians.Spread(0.7, 0.4, 2, 4, 0.005, 0.03, 1, 2, 0.1),
                gaussians, random);
        target = new float[3 * WIDTH * HEIGHT];
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) random.nextDouble();
        }
        view = new SplatView(WIDTH, HEIGHT, 300f, 300f, WIDTH / 2f, HEIGHT / 2f,
                new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
        session = factory.open(g, new SplatSettings(1f, gaussians, new float[] {0, 0, 0}, 1, threads));
        session.setShDegree(3);
    }

    @Benchmark
    public float step() {
        return session.step(view, target, rates);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        session.close();
    }
}
