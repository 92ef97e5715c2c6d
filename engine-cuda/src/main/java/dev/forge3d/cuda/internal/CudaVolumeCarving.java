package dev.forge3d.cuda.internal;

import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.MeshKernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The visual hull field on the GPU ({@code f3d_volume_hull_field}) for views whose signed
 * distance images live on the host: the twin of {@code VolumeCarving.hullField} in engine-native.
 * Each call allocates and frees its own stream and device buffers.
 */
public final class CudaVolumeCarving {
    /**
     * One view: its 3 x 4 projection (row-major; the third row gives the depth), whether u and v
     * are divided by the depth, pixels per world unit, and its signed distance to the silhouette
     * in pixels (positive inside, row-major, width x height).
     */
    public record View(double[] projection, boolean perspective, double pixelsPerUnit, int width, int height,
                       float[] signedDistance) {
    }

    private final CudaRuntime runtime;
    private final int device;

    public CudaVolumeCarving(CudaRuntime runtime, int device) {
        CudaRuntime.checkDevice(device);
        this.runtime = runtime;
        this.device = device;
    }

    /**
     * The hull field of an nx x ny x nz grid, sample (i, j, k) at origin + voxel (i, j, k), index
     * i + nx (j + ny k).
     *
     * @throws Forge3dException {@code invalid_param} before any native call for a grid that
     *                          {@link MeshKernels#checkGrid} refuses, no views or more
     *                          than {@link MeshKernels#MAX_HULL_VIEWS}, or a view whose projection, scale, size or
     *                          distance image does not fit
     */
    public float[] hullField(int nx, int ny, int nz, double originX, double originY, double originZ, double voxel,
                             List<View> views) {
        long samples = checkArguments(nx, ny, nz, originX, originY, originZ, voxel, views);
        int count = views.size();
        long pixels = 0;
        for (View v : views) {
            pixels += v.signedDistance().length;
        }
        // Declared first so it closes last: the stream's close waits for the copies that use it.
        try (Arena host = Arena.ofConfined();
             CudaStream stream = CudaStream.create(runtime, device);
             DeviceBuffer distances = DeviceBuffer.allocate(runtime, device, pixels * Float.BYTES);
             DeviceBuffer field = DeviceBuffer.allocate(runtime, device, samples * Float.BYTES)) {
            MemorySegment cameras = host.allocate(JAVA_DOUBLE, 14L * count);
            MemorySegment layout = host.allocate(JAVA_LONG, 3L * count);
            MemorySegment hostDistances = host.allocate(JAVA_FLOAT, pixels);
            long offset = 0;
            for (int v = 0; v < count; v++) {
                View view = views.get(v);
                MemorySegment.copy(view.projection(), 0, cameras, JAVA_DOUBLE, 14L * v * Double.BYTES, 12);
                cameras.setAtIndex(JAVA_DOUBLE, 14L * v + 12, view.perspective() ? 1 : 0);
                cameras.setAtIndex(JAVA_DOUBLE, 14L * v + 13, view.pixelsPerUnit());
                layout.setAtIndex(JAVA_LONG, 3L * v, view.width());
                layout.setAtIndex(JAVA_LONG, 3L * v + 1, view.height());
                layout.setAtIndex(JAVA_LONG, 3L * v + 2, offset);
                MemorySegment.copy(view.signedDistance(), 0, hostDistances, JAVA_FLOAT, offset * Float.BYTES,
                        view.signedDistance().length);
                offset += view.signedDistance().length;
            }
            distances.upload(stream, hostDistances, 0);
            MemorySegment queue = distances.sameDevice(stream);
            field.sameDevice(stream);
            runtime.volumeHullField(queue, nx, ny, nz, originX, originY, originZ, voxel, count, cameras, layout,
                    distances.handle(), field.handle());
            MemorySegment hostField = host.allocate(JAVA_FLOAT, samples);
            field.download(stream, 0, hostField);
            stream.synchronize();
            return hostField.toArray(JAVA_FLOAT);
        }
    }

    /** The grid's sample count, after checking every argument. */
    static long checkArguments(int nx, int ny, int nz, double originX, double originY, double originZ, double voxel,
                               List<View> views) {
        int samples = MeshKernels.checkGrid(nx, ny, nz, originX, originY, originZ, voxel);
        if (views == null || views.isEmpty() || views.size() > MeshKernels.MAX_HULL_VIEWS) {
            throw Forge3dException.invalidParam("views", views == null ? null : views.size(),
                    "1.." + MeshKernels.MAX_HULL_VIEWS);
        }
        long pixels = 0;
        for (View v : views) {
            if (v == null || v.projection() == null || v.projection().length != 12 || v.signedDistance() == null) {
                throw Forge3dException.invalidParam("view", v, "a 12-value projection and a distance image");
            }
            for (double r : v.projection()) {
                if (!Double.isFinite(r)) {
                    throw Forge3dException.invalidParam("projection", r, "finite");
                }
            }
            if (!(v.pixelsPerUnit() > 0) || !Double.isFinite(v.pixelsPerUnit())) {
                throw Forge3dException.invalidParam("pixels per unit", v.pixelsPerUnit(), "finite and > 0");
            }
            if (v.width() < 1 || v.height() < 1 || v.width() > MeshKernels.MAX_HULL_SIDE
                    || v.height() > MeshKernels.MAX_HULL_SIDE
                    || (long) v.width() * v.height() != v.signedDistance().length) {
                throw Forge3dException.invalidParam("view image", v.width() + " x " + v.height() + " with "
                        + v.signedDistance().length + " distances",
                        "width x height distances, sides 1.." + MeshKernels.MAX_HULL_SIDE);
            }
            pixels += v.signedDistance().length;
        }
        if (pixels > MeshKernels.MAX_HULL_DISTANCES) {
            throw Forge3dException.invalidParam("distance pixels", pixels, "<= " + MeshKernels.MAX_HULL_DISTANCES);
        }
        return samples;
    }
}
