package dev.forge3d.cuda.internal;

import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.MeshKernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The colour bake on the GPU ({@code f3d_texture_bake}), for arrays on the host: the arguments of
 * TextureBaker.sampleTexelRows (engine-native), its CPU twin, over all rows. Each call allocates
 * and frees its own stream and device buffers, so an instance holds no native memory.
 */
public final class CudaTextureBake {
    private final CudaRuntime runtime;
    private final int device;

    public CudaTextureBake(CudaRuntime runtime, int device) {
        CudaRuntime.checkDevice(device);
        this.runtime = runtime;
        this.device = device;
    }

    /**
     * Bakes every row of the texture into {@code outRgb} and {@code outSeen}.
     *
     * @throws Forge3dException {@code invalid_param} before any native call when
     *                          {@link MeshKernels#checkBakeLayout} refuses the arguments
     */
    public void bake(int size, byte[] covered, float[] position, float[] normal, int viewCount, double[] cameras,
                     int[] viewSizes, int[] viewRgb, byte[] viewMask, float[] viewDepth, double depthTolerance,
                     int mirrorPlanes, int[] outRgb, byte[] outSeen) {
        MeshKernels.checkBakeLayout(size, covered, position, normal, viewCount, cameras, viewSizes, viewRgb, viewMask,
                viewDepth, depthTolerance, mirrorPlanes, outRgb, outSeen);
        long texels = (long) size * size;
        long pixels = viewRgb.length;
        // Declared first so it closes last: the stream's close waits for the copies that use it.
        try (Arena host = Arena.ofConfined();
             CudaStream stream = CudaStream.create(runtime, device);
             DeviceBuffer deviceCovered = DeviceBuffer.allocate(runtime, device, texels);
             DeviceBuffer devicePosition = DeviceBuffer.allocate(runtime, device, 3 * texels * Float.BYTES);
             DeviceBuffer deviceNormal = DeviceBuffer.allocate(runtime, device, 3 * texels * Float.BYTES);
             DeviceBuffer deviceRgb = DeviceBuffer.allocate(runtime, device, pixels * Integer.BYTES);
             DeviceBuffer deviceMask = DeviceBuffer.allocate(runtime, device, pixels);
             DeviceBuffer deviceDepth = DeviceBuffer.allocate(runtime, device, pixels * Float.BYTES);
             DeviceBuffer deviceOutRgb = DeviceBuffer.allocate(runtime, device, texels * Integer.BYTES);
             DeviceBuffer deviceOutSeen = DeviceBuffer.allocate(runtime, device, texels)) {
            deviceCovered.upload(stream, host.allocateFrom(JAVA_BYTE, covered), 0);
            devicePosition.upload(stream, host.allocateFrom(JAVA_FLOAT, position), 0);
            deviceNormal.upload(stream, host.allocateFrom(JAVA_FLOAT, normal), 0);
            deviceRgb.upload(stream, host.allocateFrom(JAVA_INT, viewRgb), 0);
            deviceMask.upload(stream, host.allocateFrom(JAVA_BYTE, viewMask), 0);
            deviceDepth.upload(stream, host.allocateFrom(JAVA_FLOAT, viewDepth), 0);
            MemorySegment queue = deviceCovered.sameDevice(stream);
            runtime.textureBake(queue, size, deviceCovered.handle(), devicePosition.handle(), deviceNormal.handle(),
                    viewCount, host.allocateFrom(JAVA_DOUBLE, cameras), host.allocateFrom(JAVA_INT, viewSizes),
                    deviceRgb.handle(), deviceMask.handle(), deviceDepth.handle(), depthTolerance, mirrorPlanes,
                    deviceOutRgb.handle(), deviceOutSeen.handle());
            MemorySegment hostRgb = host.allocate(JAVA_INT, texels);
            MemorySegment hostSeen = host.allocate(JAVA_BYTE, texels);
            deviceOutRgb.download(stream, 0, hostRgb);
            deviceOutSeen.download(stream, 0, hostSeen);
            stream.synchronize();
            MemorySegment.copy(hostRgb, JAVA_INT, 0, outRgb, 0, (int) texels);
            MemorySegment.copy(hostSeen, JAVA_BYTE, 0, outSeen, 0, (int) texels);
        }
    }
}
