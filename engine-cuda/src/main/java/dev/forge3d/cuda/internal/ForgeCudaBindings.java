package dev.forge3d.cuda.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Every function of {@code include/forge3d_cuda.h}, bound by hand: one downcall handle per
 * function, named like the C function, with the descriptor in {@link #DESCRIPTORS}. A test parses
 * the header and checks both against it, so a header change without a binding change fails the
 * build. The handles are raw: callers go through {@link CudaRuntime}, which checks arguments
 * and turns statuses into exceptions. The fields break Java's naming style on purpose: grep for a
 * C function finds its binding.
 */
public final class ForgeCudaBindings {

    /** {@code F3D_ABI_VERSION} of the header these bindings were written for. */
    public static final int ABI_VERSION = 2;

    /** Each header function's name and its C signature in FFM layouts, in header order. */
    public static final Map<String, FunctionDescriptor> DESCRIPTORS = descriptors();

    public final MethodHandle f3d_last_error;
    public final MethodHandle f3d_abi_version;
    public final MethodHandle f3d_driver_version;
    public final MethodHandle f3d_runtime_version;
    public final MethodHandle f3d_device_count;
    public final MethodHandle f3d_device_name;
    public final MethodHandle f3d_device_memory;
    public final MethodHandle f3d_device_compute_capability;
    public final MethodHandle f3d_stream_create;
    public final MethodHandle f3d_stream_destroy;
    public final MethodHandle f3d_stream_synchronize;
    public final MethodHandle f3d_buffer_alloc;
    public final MethodHandle f3d_buffer_free;
    public final MethodHandle f3d_buffer_size;
    public final MethodHandle f3d_copy_host_to_device;
    public final MethodHandle f3d_copy_device_to_host;
    public final MethodHandle f3d_adam_update;
    // -- splat projection

    // -- splat binning

    // -- splat rasterisation

    // -- splat loss

    // -- splat densification

    // -- splat session

    // -- descriptor matching

    // -- mesh carving and marching cubes
    public final MethodHandle f3d_volume_hull_field;
    public final MethodHandle f3d_marching_cubes_count;
    public final MethodHandle f3d_marching_cubes_emit;

    // -- mesh texture bake


    /**
     * Binds every function from {@code library}.
     *
     * @throws IllegalArgumentException naming the first function the library does not export
     */
    public ForgeCudaBindings(SymbolLookup library) {
        f3d_last_error = bind(library, "f3d_last_error");
        f3d_abi_version = bind(library, "f3d_abi_version");
        f3d_driver_version = bind(library, "f3d_driver_version");
        f3d_runtime_version = bind(library, "f3d_runtime_version");
        f3d_device_count = bind(library, "f3d_device_count");
        f3d_device_name = bind(library, "f3d_device_name");
        f3d_device_memory = bind(library, "f3d_device_memory");
        f3d_device_compute_capability = bind(library, "f3d_device_compute_capability");
        f3d_stream_create = bind(library, "f3d_stream_create");
        f3d_stream_destroy = bind(library, "f3d_stream_destroy");
        f3d_stream_synchronize = bind(library, "f3d_stream_synchronize");
        f3d_buffer_alloc = bind(library, "f3d_buffer_alloc");
        f3d_buffer_free = bind(library, "f3d_buffer_free");
        f3d_buffer_size = bind(library, "f3d_buffer_size");
        f3d_copy_host_to_device = bind(library, "f3d_copy_host_to_device");
        f3d_copy_device_to_host = bind(library, "f3d_copy_device_to_host");
        f3d_adam_update = bind(library, "f3d_adam_update");
        // -- splat projection

        // -- splat binning

        // -- splat rasterisation

        // -- splat loss

        // -- splat densification

        // -- splat session

        // -- descriptor matching

        // -- mesh carving and marching cubes
        f3d_volume_hull_field = bind(library, "f3d_volume_hull_field");
        f3d_marching_cubes_count = bind(library, "f3d_marching_cubes_count");
        f3d_marching_cubes_emit = bind(library, "f3d_marching_cubes_emit");

    // -- mesh texture bake

    }

    @SuppressWarnings("restricted") // linking native code is this class's job; run with --enable-native-access
    private static MethodHandle bind(SymbolLookup library, String name) {
        FunctionDescriptor descriptor = DESCRIPTORS.get(name);
        if (descriptor == null) {
            throw new IllegalStateException("no descriptor for " + name);
        }
        MemorySegment address = library.find(name)
                .orElseThrow(() -> new IllegalArgumentException("libforge3d_cuda.so does not export " + name));
        return Linker.nativeLinker().downcallHandle(address, descriptor);
    }

    private static Map<String, FunctionDescriptor> descriptors() {
        Map<String, FunctionDescriptor> all = new LinkedHashMap<>();
        // int32_t f3d_last_error(char *buffer, int64_t capacity)
        all.put("f3d_last_error", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        // int32_t f3d_abi_version(int32_t *version), and the same shape for the two versions
        all.put("f3d_abi_version", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        all.put("f3d_driver_version", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        all.put("f3d_runtime_version", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        // int32_t f3d_device_count(int32_t *count)
        all.put("f3d_device_count", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        // int32_t f3d_device_name(int32_t device, char *buffer, int64_t capacity)
        all.put("f3d_device_name", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));
        // int32_t f3d_device_memory(int32_t device, int64_t *total_bytes, int64_t *free_bytes)
        all.put("f3d_device_memory", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        // int32_t f3d_device_compute_capability(int32_t device, int32_t *major, int32_t *minor)
        all.put("f3d_device_compute_capability", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        // int32_t f3d_stream_create(int32_t device, f3d_stream **stream)
        all.put("f3d_stream_create", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        // int32_t f3d_stream_destroy(f3d_stream *stream), f3d_stream_synchronize(f3d_stream *stream)
        all.put("f3d_stream_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        all.put("f3d_stream_synchronize", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        // int32_t f3d_buffer_alloc(int32_t device, int64_t size_bytes, f3d_buffer **buffer)
        all.put("f3d_buffer_alloc", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
        // int32_t f3d_buffer_free(f3d_buffer *buffer)
        all.put("f3d_buffer_free", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        // int32_t f3d_buffer_size(const f3d_buffer *buffer, int64_t *size_bytes)
        all.put("f3d_buffer_size", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        // int32_t f3d_copy_host_to_device(f3d_stream *, f3d_buffer *destination, int64_t offset_bytes,
        //                                 const void *source, int64_t size_bytes)
        all.put("f3d_copy_host_to_device",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        // int32_t f3d_copy_device_to_host(f3d_stream *, void *destination, const f3d_buffer *source,
        //                                 int64_t offset_bytes, int64_t size_bytes)
        all.put("f3d_copy_device_to_host",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG));
        // int32_t f3d_adam_update(f3d_stream *, f3d_buffer *params, const f3d_buffer *grads,
        //     f3d_buffer *moment1, f3d_buffer *moment2, int64_t count, float learning_rate, float beta1,
        //     float beta2, float epsilon, float bias_correction1, float bias_correction2)
        all.put("f3d_adam_update", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
                JAVA_LONG, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT));
        // -- splat projection

        // -- splat binning

        // -- splat rasterisation

        // -- splat loss

        // -- splat densification

        // -- splat session

        // -- descriptor matching

        // -- mesh carving and marching cubes
        // int32_t f3d_volume_hull_field(f3d_stream *, int32_t nx, int32_t ny, int32_t nz, double origin_x,
        //     double origin_y, double origin_z, double voxel, int32_t view_count, const double *cameras,
        //     const int64_t *layout, const f3d_buffer *distances, f3d_buffer *field)
        all.put("f3d_volume_hull_field", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // int32_t f3d_marching_cubes_count(f3d_stream *, const f3d_buffer *field, int32_t nx, int32_t ny,
        //     int32_t nz, f3d_buffer *vertex_starts, f3d_buffer *triangle_starts, int64_t *vertex_count,
        //     int64_t *triangle_count)
        all.put("f3d_marching_cubes_count", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT,
                JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // int32_t f3d_marching_cubes_emit(f3d_stream *, const f3d_buffer *field, int32_t nx, int32_t ny,
        //     int32_t nz, double origin_x, double origin_y, double origin_z, double voxel,
        //     const f3d_buffer *vertex_starts, const f3d_buffer *triangle_starts, int64_t vertex_count,
        //     int64_t triangle_count, f3d_buffer *positions, f3d_buffer *indices)
        all.put("f3d_marching_cubes_emit", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG,
                ADDRESS, ADDRESS));

    // -- mesh texture bake

        return Collections.unmodifiableMap(all);
    }
}
