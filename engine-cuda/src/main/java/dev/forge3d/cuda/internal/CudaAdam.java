package dev.forge3d.cuda.internal;

import dev.forge3d.api.Check;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.AdamHyperParams;
import dev.forge3d.api.spi.FusedAdam;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/**
 * The fused Adam update on the GPU, for arrays that live on the host: upload the four arrays, run
 * {@code f3d_adam_update}, download params and both moments. Each call allocates and frees its own
 * stream and device buffers, so an instance holds no native memory.
 */
public final class CudaAdam implements FusedAdam {
    private final CudaRuntime runtime;
    private final int device;

    public CudaAdam(CudaRuntime runtime, int device) {
        CudaRuntime.checkDevice(device);
        this.runtime = runtime;
        this.device = device;
    }

    @Override
    public void update(float[] params, float[] grads, float[] moment1, float[] moment2, AdamHyperParams hyper,
                       int step) {
        FusedAdam.checkArguments(params, grads, moment1, moment2, step);
        Check.present("hyper", hyper);
        int count = params.length;
        if (count == 0) {
            return;
        }
        long bytes = (long) count * Float.BYTES;
        // Declared first so it closes last: the stream's close waits for the copies that use it.
        try (Arena host = Arena.ofConfined();
             CudaStream stream = CudaStream.create(runtime, device);
             DeviceBuffer deviceParams = DeviceBuffer.allocate(runtime, device, bytes);
             DeviceBuffer deviceGrads = DeviceBuffer.allocate(runtime, device, bytes);
             DeviceBuffer deviceMoment1 = DeviceBuffer.allocate(runtime, device, bytes);
             DeviceBuffer deviceMoment2 = DeviceBuffer.allocate(runtime, device, bytes)) {
            MemorySegment hostParams = toNative(host, params);
            MemorySegment hostGrads = toNative(host, grads);
            MemorySegment hostMoment1 = toNative(host, moment1);
            MemorySegment hostMoment2 = toNative(host, moment2);
            deviceParams.upload(stream, hostParams, 0);
            deviceGrads.upload(stream, hostGrads, 0);
            deviceMoment1.upload(stream, hostMoment1, 0);
            deviceMoment2.upload(stream, hostMoment2, 0);
            enqueueUpdate(stream, deviceParams, deviceGrads, deviceMoment1, deviceMoment2, count, hyper, step);
            deviceParams.download(stream, 0, hostParams);
            deviceMoment1.download(stream, 0, hostMoment1);
            deviceMoment2.download(stream, 0, hostMoment2);
            stream.synchronize();
            MemorySegment.copy(hostParams, JAVA_FLOAT, 0, params, 0, count);
            MemorySegment.copy(hostMoment1, JAVA_FLOAT, 0, moment1, 0, count);
            MemorySegment.copy(hostMoment2, JAVA_FLOAT, 0, moment2, 0, count);
        }
    }

    /**
     * Enqueues one Adam step over the first {@code count} floats of device buffers. The bias
     * corrections are computed here exactly as CpuFusedAdam computes them: in double, then rounded
     * to float.
     *
     * @throws Forge3dException {@code invalid_param} before any native call when a buffer is closed,
     *                          too small, on another device, or passed in two roles
     */
    public void enqueueUpdate(CudaStream stream, DeviceBuffer params, DeviceBuffer grads, DeviceBuffer moment1,
                              DeviceBuffer moment2, long count, AdamHyperParams hyper, int step) {
        Check.present("hyper", hyper);
        if (count < 0) {
            throw Forge3dException.invalidParam("adam element count", count, ">= 0");
        }
        if (step < 1) {
            throw Forge3dException.invalidParam("step", step, ">= 1");
        }
        DeviceBuffer[] roles = {params, grads, moment1, moment2};
        String[] names = {"params", "grads", "moment1", "moment2"};
        for (int i = 0; i < roles.length; i++) {
            if (roles[i] == null) {
                throw Forge3dException.invalidParam(names[i], null, "an open device buffer");
            }
            for (int j = 0; j < i; j++) {
                if (roles[i] == roles[j]) {
                    throw Forge3dException.invalidParam(names[i], "the same buffer as " + names[j],
                            "four distinct buffers");
                }
            }
            if (roles[i].sizeBytes() / Float.BYTES < count) {
                throw Forge3dException.invalidParam(names[i] + " buffer size", roles[i].sizeBytes() + " bytes",
                        ">= " + count + " floats");
            }
        }
        MemorySegment queue = params.sameDevice(stream);
        grads.sameDevice(stream);
        moment1.sameDevice(stream);
        moment2.sameDevice(stream);
        float beta1 = hyper.beta1();
        float beta2 = hyper.beta2();
        float biasCorrection1 = (float) (1.0 - Math.pow(beta1, step));
        float biasCorrection2 = (float) (1.0 - Math.pow(beta2, step));
        runtime.adamUpdate(queue, params.handle(), grads.handle(), moment1.handle(), moment2.handle(), count,
                hyper.learningRate(), beta1, beta2, hyper.epsilon(), biasCorrection1, biasCorrection2);
    }

    private static MemorySegment toNative(Arena arena, float[] values) {
        MemorySegment segment = arena.allocate(JAVA_FLOAT, values.length);
        MemorySegment.copy(values, 0, segment, JAVA_FLOAT, 0, values.length);
        return segment;
    }
}
