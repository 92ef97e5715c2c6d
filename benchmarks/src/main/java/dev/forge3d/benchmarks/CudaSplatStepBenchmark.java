package dev.forge3d.benchmarks;

import dev.forge3d.api.spi.DensifyCounts;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatLearningRates;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;
import dev.forge3d.cuda.internal.CudaRuntime;
import dev.forge3d.cuda.internal.CudaSplatSession;
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

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One training step of the GPU session (issue 5 benchmarks 1-3) at full scale: by default 1M
 * Gaussians at 1297 x 840 with SH degree 3, the whole state resident on the device.
 *
 * <ul>
 *   <li>{@code mode=kernels}: steps per second (target: 80 on an H100).</li>
 *   <li>{@code mode=host-only}: the same step with every kernel skipped
 *       ({@link CudaSplatSession.Flag#SKIP_KERNELS}): argument checks, the FFM call, the native
 *       host work and the per-step synchronisation and loss copy. Its time over the kernels
 *       mode's is the host overhead of FFM (target: under 2%).</li>
 *   <li>{@code trackMemory=true}: after the measurement, prints the peak device memory of the
 *       steps per Gaussian (target: at most 1.2 KB), then of one densification (two models exist
 *       while it runs). Tracking samples cudaMemGetInfo after every step, so leave it off for the
 *       timings.</li>
 * </ul>
 *
 * The Gaussians fill the view at depth 2-4 with screen radii of about 5-30 pixels, like a
 * mid-training scene. Needs the CUDA backend; without it the setup fails with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx8g"})
public class CudaSplatStepBenchmark {
    @Param({"1048576"})
    public int gaussians;

    @Param({"1297"})
    public int width;

    @Param({"840"})
    public int height;

    @Param({"kernels", "host-only"})
    public String mode;

    @Param({"false"})
    public boolean trackMemory;

    private CudaSplatSession session;
    private SplatView view;
    private float[] target;
    private final SplatLearningRates rates = new SplatLearningRates(1.6e-4f, 5e-3f, 1e-3f, 2.5e-2f, 2.5e-3f, 1.25e-4f);

    @Setup(Level.Trial)
    public void setUp() {
        CudaRuntime runtime = CudaBenchmarkRuntime.require();
        CudaSplatSession.Flag[] flags = switch (mode) {
            case "kernels" -> new CudaSplatSession.Flag[0];
            case "host-only" -> new CudaSplatSession.Flag[] {CudaSplatSession.Flag.SKIP_KERNELS};
            default -> throw new IllegalArgumentException("mode is kernels or host-only: " + mode);
        };
        if (trackMemory) {
            flags = java.util.Arrays.copyOf(flags, flags.length + 1);
            flags[flags.length - 1] = CudaSplatSession.Flag.TRACK_MEMORY;
        }
        float focal = 0.8f * width;
        view = new SplatView(width, height, focal, focal, width / 2f, height / 2f,
                new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
        SplittableRandom random = new SplittableRandom(1);
        target = new float[3 * width * height];
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) random.nextDouble();
        }
        // Inside the view's frustum at depth 2-4, a few pixels across.
        RandomGaussians.Spread spread = new RandomGaussians.Spread(0.5 * width / focal, 0.5 * height / focal, 2, 4,
                0.002, 0.012, 1, 2, 0.1);
        session = CudaSplatSession.open(runtime, 0, RandomGaussians.inFrustum(spread, gaussians, random),
                new SplatSettings(3f, 2 * gaussians, new float[] {0, 0, 0}, 1, 1), flags);
        session.setShDegree(3);
    }

    @Benchmark
    public float step() {
        return session.step(view, target, rates);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (trackMemory) {
                report("training steps", session.memory(), session.count());
                if (mode.equals("kernels")) {
                    DensifyCounts counts = session.densify(DensifySettings.defaults(false));
                    report("steps and one densification (" + counts + ")", session.memory(), gaussians);
                }
            }
        } finally {
            session.close();
        }
    }

    private static void report(String what, CudaSplatSession.Memory memory, int count) {
        System.out.printf(Locale.ROOT, "%npeak GPU memory over %s: %.1f MiB for %d Gaussians = %.0f bytes per "
                        + "Gaussian (session's own allocations now: %.1f MiB)%n", what, memory.peakBytes() / 1048576.0,
                count, (double) memory.peakBytes() / count, memory.heldBytes() / 1048576.0);
    }
}
