package dev.forge3d.engine.splat;

import dev.forge3d.cuda.internal.CudaPhotometricLoss;
import dev.forge3d.cuda.internal.CudaRuntime;
import dev.forge3d.cuda.internal.CudaStream;
import dev.forge3d.cuda.internal.DeviceBuffer;
import dev.forge3d.cuda.internal.GpuTestSupport;
import dev.forge3d.cuda.internal.HostArrayTransfers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static dev.forge3d.cuda.internal.TwinAssertions.PROJECT_TOLERANCE;
import static dev.forge3d.cuda.internal.TwinAssertions.assertRelativeErrorBelow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loss kernels against PhotometricLoss.lossAndGradient on fresh random image pairs, at sizes
 * that are and are not multiples of the 16-pixel tile, smaller than the 11-pixel window, and one
 * pixel wide. The target is the image plus noise, with one pixel in ten equal (where the L1 sign
 * is zero). The per-pixel arithmetic is the twin's, in its order; only the loss's double sums are
 * added in another (fixed) order, so the loss agrees to double rounding and the gradient is
 * expected to be bit-identical; both must be within the project's relative error of 1e-4.
 */
@Tag("gpu")
class GpuPhotometricLossTest {

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"17, 13", "64, 48", "300, 200", "7, 5", "1, 40"})
    void lossAndGradientMatchTheCpuTwin(int width, int height) {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        int values = 3 * width * height;
        float[] image = new float[values];
        float[] target = new float[values];
        for (int i = 0; i < values; i++) {
            image[i] = (float) random.nextDouble();
            target[i] = random.nextInt(10) == 0 ? image[i]
                    : (float) Math.min(1, Math.max(0, image[i] + 0.2 * random.nextGaussian()));
        }
        float[] cpuGradient = new float[values];
        float cpuLoss;
        try (WorkerPool pool = new WorkerPool(1)) {
            cpuLoss = new PhotometricLoss(width, height).lossAndGradient(image, target, cpuGradient, pool);
        }

        float[] gpuGradient = new float[values];
        float[] repeatGradient = new float[values];
        float gpuLoss;
        float repeatLoss;
        long bytes = (long) values * Float.BYTES;
        try (CudaStream stream = CudaStream.create(runtime, 0);
             CudaPhotometricLoss loss = CudaPhotometricLoss.create(runtime, 0, width, height);
             DeviceBuffer deviceImage = DeviceBuffer.allocate(runtime, 0, bytes);
             DeviceBuffer deviceTarget = DeviceBuffer.allocate(runtime, 0, bytes);
             DeviceBuffer deviceGradient = DeviceBuffer.allocate(runtime, 0, bytes)) {
            HostArrayTransfers.upload(stream, deviceImage, image);
            HostArrayTransfers.upload(stream, deviceTarget, target);
            loss.enqueue(stream, deviceImage, deviceTarget, deviceGradient);
            gpuLoss = loss.readLoss(stream);
            HostArrayTransfers.download(stream, deviceGradient, gpuGradient);
            // Same input, same bits: the reductions have a fixed order.
            HostArrayTransfers.upload(stream, deviceGradient, new float[values]);
            loss.enqueue(stream, deviceImage, deviceTarget, deviceGradient);
            repeatLoss = loss.readLoss(stream);
            HostArrayTransfers.download(stream, deviceGradient, repeatGradient);
        }

        String where = "seed " + seed + ", ";
        double lossError = Math.abs((double) gpuLoss - cpuLoss) / Math.abs(cpuLoss);
        assertTrue(lossError < PROJECT_TOLERANCE, where + "loss " + gpuLoss + " against the twin's " + cpuLoss);
        assertRelativeErrorBelow(where + "image gradient", cpuGradient, gpuGradient, PROJECT_TOLERANCE);
        assertEquals(Float.floatToRawIntBits(gpuLoss), Float.floatToRawIntBits(repeatLoss), where + "repeated loss");
        assertArrayEquals(gpuGradient, repeatGradient, where + "repeated gradient");
    }
}
