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
    public static final int ABI_VERSION = 3;

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
    public final MethodHandle f3d_splat_project_forward;
    public final MethodHandle f3d_splat_project_backward;

    // -- splat binning
    public final MethodHandle f3d_splat_bin_tiles;
    // -- splat rasterisation
    public final MethodHandle f3d_splat_rasterise_forward;
    public final MethodHandle f3d_splat_rasterise_backward;
    // -- splat loss
    public final MethodHandle f3d_splat_loss_scratch_bytes;
    public final MethodHandle f3d_splat_loss;

    // -- splat densification
    public final MethodHandle f3d_splat_densify_statistics;
    public final MethodHandle f3d_splat_densify_plan;
    public final MethodHandle f3d_splat_densify_apply;

    // -- splat session
    public final MethodHandle f3d_splat_session_create;
    public final MethodHandle f3d_splat_session_upload_image;
    public final MethodHandle f3d_splat_session_step;
    public final MethodHandle f3d_splat_session_render;
    public final MethodHandle f3d_splat_session_densify;
    public final MethodHandle f3d_splat_session_reset_opacity;
    public final MethodHandle f3d_splat_session_count;
    public final MethodHandle f3d_splat_session_download;
    public final MethodHandle f3d_splat_session_memory;
    public final MethodHandle f3d_splat_session_destroy;

    // -- descriptor matching
    public final MethodHandle f3d_match_descriptors;

    // -- mesh carving and marching cubes
    public final MethodHandle f3d_volume_hull_field;
    public final MethodHandle f3d_marching_cubes_count;
    public final MethodHandle f3d_marching_cubes_emit;

    // -- mesh texture bake
    public final MethodHandle f3d_texture_bake;


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
        f3d_splat_project_forward = bind(library, "f3d_splat_project_forward");
        f3d_splat_project_backward = bind(library, "f3d_splat_project_backward");

        // -- splat binning
        f3d_splat_bin_tiles = bind(library, "f3d_splat_bin_tiles");
        // -- splat rasterisation
        f3d_splat_rasterise_forward = bind(library, "f3d_splat_rasterise_forward");
        f3d_splat_rasterise_backward = bind(library, "f3d_splat_rasterise_backward");
        // -- splat loss
        f3d_splat_loss_scratch_bytes = bind(library, "f3d_splat_loss_scratch_bytes");
        f3d_splat_loss = bind(library, "f3d_splat_loss");

        // -- splat densification
        f3d_splat_densify_statistics = bind(library, "f3d_splat_densify_statistics");
        f3d_splat_densify_plan = bind(library, "f3d_splat_densify_plan");
        f3d_splat_densify_apply = bind(library, "f3d_splat_densify_apply");

        // -- splat session
        f3d_splat_session_create = bind(library, "f3d_splat_session_create");
        f3d_splat_session_upload_image = bind(library, "f3d_splat_session_upload_image");
        f3d_splat_session_step = bind(library, "f3d_splat_session_step");
        f3d_splat_session_render = bind(library, "f3d_splat_session_render");
        f3d_splat_session_densify = bind(library, "f3d_splat_session_densify");
        f3d_splat_session_reset_opacity = bind(library, "f3d_splat_session_reset_opacity");
        f3d_splat_session_count = bind(library, "f3d_splat_session_count");
        f3d_splat_session_download = bind(library, "f3d_splat_session_download");
        f3d_splat_session_memory = bind(library, "f3d_splat_session_memory");
        f3d_splat_session_destroy = bind(library, "f3d_splat_session_destroy");

        // -- descriptor matching
        f3d_match_descriptors = bind(library, "f3d_match_descriptors");

        // -- mesh carving and marching cubes
        f3d_volume_hull_field = bind(library, "f3d_volume_hull_field");
        f3d_marching_cubes_count = bind(library, "f3d_marching_cubes_count");
        f3d_marching_cubes_emit = bind(library, "f3d_marching_cubes_emit");

    // -- mesh texture bake
        f3d_texture_bake = bind(library, "f3d_texture_bake");

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
        // int32_t f3d_splat_project_forward(f3d_stream *, 6 x const f3d_buffer *gaussian arrays, int32_t count,
        //     int32_t sh_degree, int32_t width, int32_t height, const float *camera, 8 x f3d_buffer *outputs)
        all.put("f3d_splat_project_forward", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // int32_t f3d_splat_project_backward(f3d_stream *, 6 x const f3d_buffer *gaussian arrays, int32_t count,
        //     int32_t sh_degree, int32_t width, int32_t height, const float *camera, const f3d_buffer *conic,
        //     const f3d_buffer *radius, const f3d_buffer *opacity, const f3d_buffer *screen_gradients,
        //     6 x f3d_buffer *gradients)
        all.put("f3d_splat_project_backward", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));

        // -- splat binning
        // int32_t f3d_splat_bin_tiles(f3d_stream *, const f3d_buffer *depth, const f3d_buffer *tile_rect,
        //     const f3d_buffer *tiles_touched, int32_t count, int32_t width, int32_t height,
        //     f3d_buffer *sorted_keys, f3d_buffer *entry_gaussian, f3d_buffer *tile_ranges, int64_t *entries)
        all.put("f3d_splat_bin_tiles", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // -- splat rasterisation
        // int32_t f3d_splat_rasterise_forward(f3d_stream *, mean2d, conic, depth, tile_rect, tiles_touched, rgb,
        //     opacity (const f3d_buffer *), int32_t count, int32_t width, int32_t height, float background_red,
        //     float background_green, float background_blue, f3d_buffer *image, f3d_buffer *final_t,
        //     f3d_buffer *contributors)
        all.put("f3d_splat_rasterise_forward", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT,
                ADDRESS, ADDRESS, ADDRESS));
        // int32_t f3d_splat_rasterise_backward(the same up to background_blue, const f3d_buffer *image_gradient,
        //     const f3d_buffer *final_t, const f3d_buffer *contributors, f3d_buffer *screen_gradients)
        all.put("f3d_splat_rasterise_backward", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // -- splat loss
        // int32_t f3d_splat_loss_scratch_bytes(int32_t width, int32_t height, int64_t *bytes)
        all.put("f3d_splat_loss_scratch_bytes", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        // int32_t f3d_splat_loss(f3d_stream *, const f3d_buffer *image, const f3d_buffer *target, int32_t width,
        //     int32_t height, f3d_buffer *image_gradient, f3d_buffer *loss, f3d_buffer *scratch)
        all.put("f3d_splat_loss", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT,
                ADDRESS, ADDRESS, ADDRESS));

        // -- splat densification
        // int32_t f3d_splat_densify_statistics(f3d_stream *, const f3d_buffer *radius,
        //     const f3d_buffer *screen_gradients, int32_t count, int32_t width, int32_t height,
        //     f3d_buffer *gradient_sum, f3d_buffer *gradient_count, f3d_buffer *max_radius)
        all.put("f3d_splat_densify_statistics", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        // int32_t f3d_splat_densify_plan(f3d_stream *, const f3d_buffer *params, int32_t count,
        //     const f3d_buffer *gradient_sum, const f3d_buffer *gradient_count, const f3d_buffer *max_radius,
        //     float gradient_threshold, float percent_dense, float min_opacity, float max_screen_radius,
        //     float max_world_scale, float scene_extent, int32_t max_gaussians,
        //     int32_t *cloned, int32_t *split, int32_t *pruned, int32_t *densified_count)
        all.put("f3d_splat_densify_plan", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS,
                ADDRESS, ADDRESS, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_INT,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // int32_t f3d_splat_densify_apply(f3d_stream *, const f3d_buffer *params, const f3d_buffer *moment1,
        //     const f3d_buffer *moment2, int32_t count, const f3d_buffer *gradient_sum,
        //     const f3d_buffer *gradient_count, const f3d_buffer *max_radius, float gradient_threshold,
        //     float percent_dense, float min_opacity, float max_screen_radius, float max_world_scale,
        //     float scene_extent, int32_t max_gaussians, int64_t seed, int64_t call_index,
        //     f3d_buffer *out_params, f3d_buffer *out_moment1, f3d_buffer *out_moment2, int32_t densified_count)
        all.put("f3d_splat_densify_apply", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
                JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT,
                JAVA_FLOAT, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));

        // -- splat session
        // int32_t f3d_splat_session_create(int32_t device, int32_t count, const float *means,
        //     const float *log_scales, const float *rotations, const float *opacity_logits, const float *sh_dc,
        //     const float *sh_rest, float scene_extent, int32_t max_gaussians, const float *background,
        //     int64_t seed, int32_t flags, f3d_splat_session **session)
        all.put("f3d_splat_session_create", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_FLOAT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS));
        // int32_t f3d_splat_session_upload_image(f3d_splat_session *, int32_t index, const float *rgb,
        //     int32_t width, int32_t height)
        all.put("f3d_splat_session_upload_image",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        // int32_t f3d_splat_session_step(f3d_splat_session *, int32_t image_index, const float *view,
        //     int32_t width, int32_t height, const float *learning_rates, int32_t sh_degree, float *loss)
        all.put("f3d_splat_session_step", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
                JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        // int32_t f3d_splat_session_render(f3d_splat_session *, const float *view, int32_t width,
        //     int32_t height, int32_t sh_degree, float *image)
        all.put("f3d_splat_session_render",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        // int32_t f3d_splat_session_densify(f3d_splat_session *, const float *settings, int32_t *counts)
        all.put("f3d_splat_session_densify", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        // int32_t f3d_splat_session_reset_opacity(f3d_splat_session *, float max_opacity_logit)
        all.put("f3d_splat_session_reset_opacity", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_FLOAT));
        // int32_t f3d_splat_session_count(const f3d_splat_session *, int32_t *count)
        all.put("f3d_splat_session_count", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        // int32_t f3d_splat_session_download(f3d_splat_session *, float *means, float *log_scales,
        //     float *rotations, float *opacity_logits, float *sh_dc, float *sh_rest)
        all.put("f3d_splat_session_download", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
                ADDRESS, ADDRESS, ADDRESS));
        // int32_t f3d_splat_session_memory(const f3d_splat_session *, int64_t *baseline_free_bytes,
        //     int64_t *lowest_free_bytes, int64_t *held_bytes)
        all.put("f3d_splat_session_memory", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // int32_t f3d_splat_session_destroy(f3d_splat_session *)
        all.put("f3d_splat_session_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));

        // -- descriptor matching
        // int32_t f3d_match_descriptors(f3d_stream *, const f3d_buffer *a, int32_t count_a, const f3d_buffer *b,
        //     int32_t count_b, int32_t dimension, float ratio, f3d_buffer *matches, int32_t capacity,
        //     int32_t *match_count)
        all.put("f3d_match_descriptors", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS));

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
        // int32_t f3d_texture_bake(f3d_stream *, int32_t size, const f3d_buffer *covered,
        //     const f3d_buffer *position, const f3d_buffer *normal, int32_t view_count, const double *cameras,
        //     const int32_t *view_sizes, const f3d_buffer *view_rgb, const f3d_buffer *view_mask,
        //     const f3d_buffer *view_depth, double depth_tolerance, int32_t mirror_planes, f3d_buffer *out_rgb,
        //     f3d_buffer *out_seen)
        all.put("f3d_texture_bake", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
                JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_DOUBLE, JAVA_INT, ADDRESS, ADDRESS));

        return Collections.unmodifiableMap(all);
    }
}
