package dev.forge3d.cuda.internal;

import dev.forge3d.api.Forge3dException;

import java.util.List;

/**
 * The projection's per-Gaussian outputs on the device (ProjectedGaussians of the CPU twin), for
 * {@code count} Gaussians: mean2d 2, conic 3, depth 1, radius 1 (int), tile rectangle 4 (int),
 * tiles touched 1 (int), rgb 3 and opacity 1 values per Gaussian. Closing frees all eight buffers.
 */
public final class DeviceProjectedGaussians implements AutoCloseable {
    private static final int[] VALUES_PER_GAUSSIAN = {2, 3, 1, 1, 4, 1, 3, 1};
    private static final String[] NAMES = {"mean2d", "conic", "depth", "radius", "tileRect", "tilesTouched", "rgb",
            "opacity"};

    private final int count;
    private final List<DeviceBuffer> buffers;

    /** The same arrays on the host, in the same layout; the depth array's length is the count. */
    public record Host(float[] mean2d, float[] conic, float[] depth, int[] radius, int[] tileRect, int[] tilesTouched,
                       float[] rgb, float[] opacity) {
        /**
         * @throws Forge3dException {@code invalid_param} when an array is missing or its length is not
         *                          its values per Gaussian times the count: a short array would leave
         *                          the rest of its device buffer uninitialised
         */
        public Host {
            if (depth == null) {
                throw Forge3dException.invalidParam("depth", null, "an array of one value per Gaussian");
            }
            int[] lengths = {mean2d == null ? -1 : mean2d.length, conic == null ? -1 : conic.length, depth.length,
                    radius == null ? -1 : radius.length, tileRect == null ? -1 : tileRect.length,
                    tilesTouched == null ? -1 : tilesTouched.length, rgb == null ? -1 : rgb.length,
                    opacity == null ? -1 : opacity.length};
            for (int i = 0; i < lengths.length; i++) {
                long expected = (long) VALUES_PER_GAUSSIAN[i] * depth.length;
                if (lengths[i] != expected) {
                    throw Forge3dException.invalidParam(NAMES[i] + " length", lengths[i] < 0 ? null : lengths[i],
                            expected + " (" + VALUES_PER_GAUSSIAN[i] + " per Gaussian, " + depth.length
                                    + " Gaussians)");
                }
            }
        }

        /** Zero-filled arrays for {@code count} Gaussians. */
        public static Host allocate(int count) {
            if (count < 0 || 4L * count > Integer.MAX_VALUE) {
                throw Forge3dException.invalidParam("Gaussian count", count, "0 to " + Integer.MAX_VALUE / 4);
            }
            return new Host(new float[2 * count], new float[3 * count], new float[count], new int[count],
                    new int[4 * count], new int[count], new float[3 * count], new float[count]);
        }

        public int count() {
            return depth.length;
        }
    }

    private DeviceProjectedGaussians(int count, List<DeviceBuffer> buffers) {
        this.count = count;
        this.buffers = buffers;
    }

    /**
     * @throws Forge3dException {@code invalid_param} for a negative count; {@code out_of_memory}
     *                          naming the size when the device has no room
     */
    public static DeviceProjectedGaussians allocate(CudaRuntime runtime, int device, int count) {
        if (count < 0) {
            throw Forge3dException.invalidParam("Gaussian count", count, ">= 0");
        }
        return new DeviceProjectedGaussians(count,
                DeviceBufferGroup.allocate(runtime, device, count, VALUES_PER_GAUSSIAN));
    }

    public int count() {
        return count;
    }

    DeviceBuffer mean2d() {
        return buffers.get(0);
    }

    DeviceBuffer conic() {
        return buffers.get(1);
    }

    DeviceBuffer depth() {
        return buffers.get(2);
    }

    DeviceBuffer radius() {
        return buffers.get(3);
    }

    DeviceBuffer tileRect() {
        return buffers.get(4);
    }

    DeviceBuffer tilesTouched() {
        return buffers.get(5);
    }

    DeviceBuffer rgb() {
        return buffers.get(6);
    }

    DeviceBuffer opacity() {
        return buffers.get(7);
    }

    List<DeviceBuffer> buffers() {
        return buffers;
    }

    /** Copies {@code host} (of this count) to the device; done when it returns. */
    public void upload(CudaStream stream, Host host) {
        checkCount(host);
        HostArrayTransfers.upload(stream, mean2d(), host.mean2d());
        HostArrayTransfers.upload(stream, conic(), host.conic());
        HostArrayTransfers.upload(stream, depth(), host.depth());
        HostArrayTransfers.upload(stream, radius(), host.radius());
        HostArrayTransfers.upload(stream, tileRect(), host.tileRect());
        HostArrayTransfers.upload(stream, tilesTouched(), host.tilesTouched());
        HostArrayTransfers.upload(stream, rgb(), host.rgb());
        HostArrayTransfers.upload(stream, opacity(), host.opacity());
    }

    /** The device arrays, copied to the host; done when it returns. */
    public Host download(CudaStream stream) {
        Host host = Host.allocate(count);
        HostArrayTransfers.download(stream, mean2d(), host.mean2d());
        HostArrayTransfers.download(stream, conic(), host.conic());
        HostArrayTransfers.download(stream, depth(), host.depth());
        HostArrayTransfers.download(stream, radius(), host.radius());
        HostArrayTransfers.download(stream, tileRect(), host.tileRect());
        HostArrayTransfers.download(stream, tilesTouched(), host.tilesTouched());
        HostArrayTransfers.download(stream, rgb(), host.rgb());
        HostArrayTransfers.download(stream, opacity(), host.opacity());
        return host;
    }

    private void checkCount(Host host) {
        if (host == null || host.count() != count) {
            throw Forge3dException.invalidParam("host projected count", host == null ? null : host.count(),
                    "the device arrays' count " + count);
        }
    }

    @Override
    public void close() {
        DeviceBufferGroup.close(buffers);
    }
}
