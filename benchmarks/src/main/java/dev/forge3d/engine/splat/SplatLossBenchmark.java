package dev.forge3d.engine.splat;

import dev.forge3d.benchmarks.BenchmarkResources;
import dev.forge3d.benchmarks.CudaBenchmarkRuntime;
import dev.forge3d.cuda.internal.CudaPhotometricLoss;
import dev.forge3d.cuda.internal.CudaRuntime;
import dev.forge3d.cuda.internal.CudaStream;
import dev.forge3d.cuda.internal.DeviceBuffer;
import dev.forge3d.cuda.internal.HostArrayTransfers;
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
 * The photometric loss (0.8 L1 + 0.2 (1 - SSIM)) and its image gradient: the CPU twin
 * (PhotometricLoss.lossAndGradient on one thread) against the CUDA kernels on device-resident
 * images (enqueue, read the loss back, which waits for the stream). Lives in the twin's package to
 * reach it. {@code dev.forge3d.benchmarks.BenchmarkMain} leaves {@code cuda} out when the backend
 * is unavailable; run directly through JMH, the CUDA setup fails with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SplatLossBenchmark {
    @Param({"cpu", "cuda"})
    public String backend;

    /** The CPU bench's view and the 1M-Gaussian benchmark view. */
    @Param({"400x225", "1297x840"})
    public String size;

    private int width;
    private int height;
    private float[] image;
    private float[] target;
    private float[] gradient;
    private PhotometricLoss cpu;
    private WorkerPool pool;
    private CudaPhotometricLoss cuda;
    private CudaStream stream;
    private DeviceBuffer deviceImage;
    private DeviceBuffer deviceTarget;
    private DeviceBuffer deviceGradient;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = size.split("x");
        width = Integer.parseInt(parts[0]);
        height = Integer.parseInt(parts[1]);
        SplittableRandom random = new SplittableRandom(42);
        int values = 3 * width * height;
        image = new float[values];
        target = new float[values];
        for (int i = 0; i < values; i++) {
            image[i] = (float) random.nextDouble();
            target[i] = (float) Math.min(1, Math.max(0, image[i] + 0.1 * random.nextGaussian()));
        }
        gradient = new float[values];
        switch (backend) {
            case "cpu" -> {
                cpu = new PhotometricLoss(width, height);
                pool = new WorkerPool(1);
            }
            case "cuda" -> setUpCuda(values);
            default -> throw new IllegalArgumentException("unknown backend " + backend + " (cpu or cuda)");
        }
    }

    private void setUpCuda(int values) {
        CudaRuntime runtime = CudaBenchmarkRuntime.require();
        stream = CudaStream.create(runtime, 0);
        cuda = CudaPhotometricLoss.create(runtime, 0, width, height);
        long bytes = (long) values * Float.BYTES;
        deviceImage = DeviceBuffer.allocate(runtime, 0, bytes);
        deviceTarget = DeviceBuffer.allocate(runtime, 0, bytes);
        deviceGradient = DeviceBuffer.allocate(runtime, 0, bytes);
        HostArrayTransfers.upload(stream, deviceImage, image);
        HostArrayTransfers.upload(stream, deviceTarget, target);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchmarkResources.closeAll(deviceGradient, deviceTarget, deviceImage, cuda, stream, pool);
    }

    @Benchmark
    public float lossAndGradient() {
        if (cuda == null) {
            return cpu.lossAndGradient(image, target, gradient, pool);
        }
        cuda.enqueue(stream, deviceImage, deviceTarget, deviceGradient);
        return cuda.readLoss(stream);
    }
}
