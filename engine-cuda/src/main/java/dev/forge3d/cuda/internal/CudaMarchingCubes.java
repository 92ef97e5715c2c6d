package dev.forge3d.cuda.internal;

import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.MeshKernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Marching cubes on the GPU for a field that lives on the host: upload it, run
 * {@code f3d_marching_cubes_count} and {@code f3d_marching_cubes_emit}, download the mesh. The
 * twin of {@code MarchingCubes.extract} in engine-native, whose vertex and triangle arrays it
 * reproduces. Each call allocates and frees its own stream and device buffers.
 */
public final class CudaMarchingCubes {
    /** The extracted surface: xyz per vertex, three vertex ids per triangle. */
    public record Surface(float[] positions, int[] indices) {
    }

    private final CudaRuntime runtime;
    private final int device;

    public CudaMarchingCubes(CudaRuntime runtime, int device) {
        CudaRuntime.checkDevice(device);
        this.runtime = runtime;
        this.device = device;
    }

    /**
     * The zero level set of {@code field} (positive inside; sample (i, j, k) at index
     * i + nx (j + ny k) and at origin + voxel (i, j, k)).
     *
     * @throws Forge3dException {@code invalid_param} before any native call for a grid that
     *                          {@link MeshKernels#checkGrid} refuses or a field of another length
     */
    public Surface extract(int nx, int ny, int nz, double originX, double originY, double originZ, double voxel,
                           float[] field) {
        long samples = checkGrid(nx, ny, nz, originX, originY, originZ, voxel, field);
        long fieldBytes = samples * Float.BYTES;
        long startBytes = samples * Integer.BYTES;
        // Declared first so it closes last: the stream's close waits for the copies that use it.
        try (Arena host = Arena.ofConfined();
             CudaStream stream = CudaStream.create(runtime, device);
             DeviceBuffer deviceField = DeviceBuffer.allocate(runtime, device, fieldBytes);
             DeviceBuffer vertexStarts = DeviceBuffer.allocate(runtime, device, startBytes);
             DeviceBuffer triangleStarts = DeviceBuffer.allocate(runtime, device, startBytes)) {
            MemorySegment hostField = host.allocate(JAVA_FLOAT, samples);
            MemorySegment.copy(field, 0, hostField, JAVA_FLOAT, 0, field.length);
            deviceField.upload(stream, hostField, 0);
            MemorySegment queue = deviceField.sameDevice(stream);
            vertexStarts.sameDevice(stream);
            triangleStarts.sameDevice(stream);
            long[] totals = runtime.marchingCubesCount(queue, deviceField.handle(), nx, ny, nz, vertexStarts.handle(),
                    triangleStarts.handle());
            long vertices = totals[0];
            long triangles = totals[1];
            if (vertices < 0 || vertices > 3 * samples || triangles < 0 || triangles > 5 * samples) {
                throw new IllegalStateException("f3d_marching_cubes_count returned " + vertices + " vertices and "
                        + triangles + " triangles for " + samples + " samples");
            }
            try (DeviceBuffer positions = DeviceBuffer.allocate(runtime, device, Math.max(1, 3 * vertices * Float.BYTES));
                 DeviceBuffer indices = DeviceBuffer.allocate(runtime, device, Math.max(1, 3 * triangles * Integer.BYTES))) {
                positions.sameDevice(stream);
                indices.sameDevice(stream);
                runtime.marchingCubesEmit(queue, deviceField.handle(), nx, ny, nz, originX, originY, originZ, voxel,
                        vertexStarts.handle(), triangleStarts.handle(), vertices, triangles, positions.handle(),
                        indices.handle());
                MemorySegment hostPositions = host.allocate(JAVA_FLOAT, 3 * vertices);
                MemorySegment hostIndices = host.allocate(JAVA_INT, 3 * triangles);
                positions.download(stream, 0, hostPositions);
                indices.download(stream, 0, hostIndices);
                stream.synchronize();
                return new Surface(hostPositions.toArray(JAVA_FLOAT), hostIndices.toArray(JAVA_INT));
            }
        }
    }

    /** The grid's sample count, after checking every argument. */
    static long checkGrid(int nx, int ny, int nz, double originX, double originY, double originZ, double voxel,
                          float[] field) {
        int samples = MeshKernels.checkGrid(nx, ny, nz, originX, originY, originZ, voxel);
        MeshKernels.checkField(field, samples);
        return samples;
    }
}
