package dev.forge3d.cuda.internal;

import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.SplatArrays;

import java.util.List;

/**
 * {@link SplatArrays} on the device: one buffer per array, in the same layout, for {@code count}
 * Gaussians. Holds parameters or their gradients. Closing frees all six buffers.
 */
public final class DeviceSplatArrays implements AutoCloseable {
    private final int count;
    private final List<DeviceBuffer> buffers;

    private DeviceSplatArrays(int count, List<DeviceBuffer> buffers) {
        this.count = count;
        this.buffers = buffers;
    }

    /**
     * @throws Forge3dException {@code invalid_param} for a negative count; {@code out_of_memory}
     *                          naming the size when the device has no room
     */
    public static DeviceSplatArrays allocate(CudaRuntime runtime, int device, int count) {
        if (count < 0) {
            throw Forge3dException.invalidParam("Gaussian count", count, ">= 0");
        }
        int[] floatsPerGaussian = {3, 3, 4, 1, 3, 3 * SplatArrays.REST_COEFFICIENTS};
        return new DeviceSplatArrays(count, DeviceBufferGroup.allocate(runtime, device, count, floatsPerGaussian));
    }

    public int count() {
        return count;
    }

    public int device() {
        return means().device();
    }

    DeviceBuffer means() {
        return buffers.get(0);
    }

    DeviceBuffer logScales() {
        return buffers.get(1);
    }

    DeviceBuffer rotations() {
        return buffers.get(2);
    }

    DeviceBuffer opacityLogits() {
        return buffers.get(3);
    }

    DeviceBuffer shDc() {
        return buffers.get(4);
    }

    DeviceBuffer shRest() {
        return buffers.get(5);
    }

    /** Copies {@code host} (of this count) to the device; done when it returns. */
    public void upload(CudaStream stream, SplatArrays host) {
        checkCount(host);
        HostArrayTransfers.upload(stream, means(), host.means());
        HostArrayTransfers.upload(stream, logScales(), host.logScales());
        HostArrayTransfers.upload(stream, rotations(), host.rotations());
        HostArrayTransfers.upload(stream, opacityLogits(), host.opacityLogits());
        HostArrayTransfers.upload(stream, shDc(), host.shDc());
        HostArrayTransfers.upload(stream, shRest(), host.shRest());
    }

    /** Copies the device arrays into {@code host} (of this count); done when it returns. */
    public void download(CudaStream stream, SplatArrays host) {
        checkCount(host);
        HostArrayTransfers.download(stream, means(), host.means());
        HostArrayTransfers.download(stream, logScales(), host.logScales());
        HostArrayTransfers.download(stream, rotations(), host.rotations());
        HostArrayTransfers.download(stream, opacityLogits(), host.opacityLogits());
        HostArrayTransfers.download(stream, shDc(), host.shDc());
        HostArrayTransfers.download(stream, shRest(), host.shRest());
    }

    private void checkCount(SplatArrays host) {
        if (host == null || host.count() != count) {
            throw Forge3dException.invalidParam("host Gaussian count", host == null ? null : host.count(),
                    "the device arrays' count " + count);
        }
    }

    List<DeviceBuffer> buffers() {
        return buffers;
    }

    @Override
    public void close() {
        DeviceBufferGroup.close(buffers);
    }
}
