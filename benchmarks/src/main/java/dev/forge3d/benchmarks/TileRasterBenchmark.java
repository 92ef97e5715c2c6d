package dev.forge3d.benchmarks;

import dev.forge3d.cuda.internal.CudaRuntime;
import dev.forge3d.cuda.internal.CudaStream;
import dev.forge3d.cuda.internal.CudaTileRasteriser;
import dev.forge3d.cuda.internal.DeviceBuffer;
import dev.forge3d.engine.splat.RasteriserTwin;
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
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Tile binning and sort, rasteriser forward and backward: the CPU twins (TileBinning, Rasteriser,
 * on {@code threads} workers) against the CUDA kernels, side by side, on one random view
 * (RasteriserTwin.randomScene) at the 1297 x 840. The CUDA inputs and outputs stay on the
 * device; each call goes through the twin-test ABI, which bins afresh (so forward and backward
 * include binning on both backends), allocates its scratch, and synchronizes: an upper bound on
 * what the training session, which keeps its scratch resident, will spend. {@link BenchmarkMain}
 * leaves {@code cuda} out when the backend is unavailable; run directly through JMH, the CUDA setup
 * fails with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TileRasterBenchmark {
    private static final float[] BACKGROUND = {0f, 0f, 0f};

    @Param({"cpu", "cuda"})
    public String backend;

    /** Gaussians in the view. */
    @Param({"100000", "1000000"})
    public int gaussians;

    /**
     * Largest standard deviation in pixels (log-uniform from 0.3): 8 gives a few tiles per Gaussian,
     * like a dense mid-training scene.
     */
    @Param({"8"})
    public double maxSigma;

    /** Image size, width x height. */
    @Param({"1297x840"})
    public String image;

    /** CPU worker threads. */
    @Param({"2"})
    public int threads;

    private int width;
    private int height;
    private RasteriserTwin twin;
    private float[] imageGradient;
    private RasteriserTwin.Forward twinForward;
    private Cuda cuda;

    @Setup(Level.Trial)
    public void setUp() {
        String[] size = image.split("x");
        width = Integer.parseInt(size[0]);
        height = Integer.parseInt(size[1]);
        twin = RasteriserTwin.randomScene(gaussians, width, height, maxSigma, 42, threads);
        imageGradient = new float[3 * width * height];
        SplittableRandom random = new SplittableRandom(43);
        for (int i = 0; i < imageGradient.length; i++) {
            imageGradient[i] = (float) random.nextDouble(-1, 1);
        }
        switch (backend) {
            case "cpu" -> twinForward = twin.forward(BACKGROUND);
            case "cuda" -> cuda = new Cuda(twin, imageGradient);
            default -> throw new IllegalArgumentException("unknown backend " + backend + " (cpu or cuda)");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (cuda != null) {
            cuda.close();
            cuda = null;
        }
        twin.close();
    }

    /** Returns the entry count, so the JIT cannot drop the work. */
    @Benchmark
    public long binAndSort() {
        if (cuda != null) {
            return cuda.bin();
        }
        twin.bin();
        return twin.sortedKeys().length;
    }

    @Benchmark
    public Object forward() {
        if (cuda != null) {
            cuda.forward();
            return cuda;
        }
        return twin.forward(BACKGROUND);
    }

    @Benchmark
    public Object backward() {
        if (cuda != null) {
            cuda.backward();
            return cuda;
        }
        return twin.backward(BACKGROUND, imageGradient, twinForward.finalT(), twinForward.contributors());
    }

    /** The scene, the forward outputs and every other buffer on the device, allocated once. */
    private static final class Cuda implements AutoCloseable {
        private final List<AutoCloseable> owned = new ArrayList<>();
        private final CudaTileRasteriser raster;
        private final CudaStream stream;
        private final CudaTileRasteriser.ProjectedBuffers projected;
        private final int count;
        private final int width;
        private final int height;
        private final DeviceBuffer sortedKeys;
        private final DeviceBuffer entryGaussian;
        private final DeviceBuffer tileRanges;
        private final DeviceBuffer image;
        private final DeviceBuffer finalT;
        private final DeviceBuffer contributors;
        private final DeviceBuffer imageGradient;
        private final DeviceBuffer screenGradients;
        private final CudaRuntime runtime;

        Cuda(RasteriserTwin twin, float[] gradient) {
            runtime = CudaBenchmarkRuntime.require();
            raster = new CudaTileRasteriser(runtime, 0);
            count = twin.count();
            width = twin.width();
            height = twin.height();
            long pixels = (long) width * height;
            try {
                stream = own(CudaStream.create(runtime, 0));
                try (Arena host = Arena.ofConfined()) {
                    projected = new CudaTileRasteriser.ProjectedBuffers(upload(host, twin.mean2d(), 2L * count),
                            upload(host, twin.conic(), 3L * count), upload(host, twin.depth(), count),
                            upload(host, twin.tileRect(), 4L * count), upload(host, twin.tilesTouched(), count),
                            upload(host, twin.rgb(), 3L * count), upload(host, twin.opacity(), count));
                    imageGradient = upload(host, gradient, 3 * pixels);
                    stream.synchronize();
                }
                long entries = raster.countEntries(stream, projected, count, width, height);
                sortedKeys = allocate(entries * Long.BYTES);
                entryGaussian = allocate(entries * Integer.BYTES);
                tileRanges = allocate(2L * ((width + 15) / 16) * ((height + 15) / 16) * Integer.BYTES);
                image = allocate(3 * pixels * Float.BYTES);
                finalT = allocate(pixels * Float.BYTES);
                contributors = allocate(pixels * Integer.BYTES);
                screenGradients = allocate(9L * count * Float.BYTES);
                forward(); // the backward benchmark replays this forward pass
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        long bin() {
            return raster.binTiles(stream, projected, count, width, height, sortedKeys, entryGaussian, tileRanges);
        }

        void forward() {
            raster.forward(stream, projected, count, width, height, BACKGROUND, image, finalT, contributors);
        }

        void backward() {
            raster.backward(stream, projected, count, width, height, BACKGROUND, imageGradient, finalT, contributors,
                    screenGradients);
        }

        private <T extends AutoCloseable> T own(T resource) {
            owned.add(resource);
            return resource;
        }

        private DeviceBuffer allocate(long bytes) {
            return own(DeviceBuffer.allocate(runtime, 0, Math.max(1, bytes)));
        }

        private DeviceBuffer upload(Arena host, float[] values, long length) {
            DeviceBuffer buffer = allocate(length * Float.BYTES);
            if (length > 0) {
                MemorySegment segment = host.allocate(JAVA_FLOAT, length);
                MemorySegment.copy(values, 0, segment, JAVA_FLOAT, 0, (int) length);
                buffer.upload(stream, segment, 0);
            }
            return buffer;
        }

        private DeviceBuffer upload(Arena host, int[] values, long length) {
            DeviceBuffer buffer = allocate(length * Integer.BYTES);
            if (length > 0) {
                MemorySegment segment = host.allocate(JAVA_INT, length);
                MemorySegment.copy(values, 0, segment, JAVA_INT, 0, (int) length);
                buffer.upload(stream, segment, 0);
            }
            return buffer;
        }

        @Override
        public void close() {
            BenchmarkResources.closeAll(owned.reversed().toArray(AutoCloseable[]::new));
        }
    }
}
