/*
 * forge3d_cuda.h - the whole ABI between Forge3D's Java code and libforge3d_cuda.so.
 *
 * Rules that keep the ABI easy to bind by hand with Panama FFM (and that a Java test checks):
 *   - every function returns an int32_t status (enum f3d_status); results come back through
 *     out-pointers;
 *   - parameters are int32_t, int64_t, float, double or pointers, never structs by value;
 *   - when a call fails, f3d_last_error() returns its message; the message is thread-local, so
 *     read it on the thread that made the failing call, before that thread makes another call;
 *   - every operation that may run asynchronously takes an explicit stream; host memory passed
 *     to one must stay valid until the stream is synchronized;
 *   - device memory lives in opaque buffer handles that know their size, and every copy and
 *     kernel checks its offsets and lengths against that size before touching memory.
 */
#ifndef FORGE3D_CUDA_H
#define FORGE3D_CUDA_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with -fvisibility=hidden; only functions marked F3D_API are exported. */
#if defined(F3D_BUILDING_LIBRARY)
#define F3D_API __attribute__((visibility("default")))
#else
#define F3D_API
#endif

/* Bumped on every change to this header; Java refuses a library of another version. */
#define F3D_ABI_VERSION 2

typedef enum f3d_status {
    F3D_OK = 0,
    F3D_ERROR_INVALID_ARGUMENT = 1, /* null handle, negative length, offset out of bounds */
    F3D_ERROR_NO_DEVICE = 2,        /* no CUDA driver (libcuda.so.1), driver too old, or no GPU */
    F3D_ERROR_OUT_OF_MEMORY = 3,    /* device or pinned host memory ran out */
    F3D_ERROR_CUDA = 4,             /* any other CUDA runtime error */
    F3D_ERROR_INTERNAL = 5          /* a bug in this library */
} f3d_status;

/* Device memory of a known size, on one device. */
typedef struct f3d_buffer f3d_buffer;
/* A CUDA stream on one device. */
typedef struct f3d_stream f3d_stream;

/* ---- errors and versions ---- */

/* Copies this thread's last error message into buffer, truncated to capacity - 1 bytes and
 * NUL-terminated. Writes "" when no call on this thread has failed. */
F3D_API int32_t f3d_last_error(char *buffer, int64_t capacity);

/* F3D_ABI_VERSION of the built library. Needs no driver. */
F3D_API int32_t f3d_abi_version(int32_t *version);

/* CUDA version the driver supports, as 1000 * major + 10 * minor (13000 is 13.0). */
F3D_API int32_t f3d_driver_version(int32_t *version);

/* CUDA runtime version the library was linked with, same encoding. Needs no driver. */
F3D_API int32_t f3d_runtime_version(int32_t *version);

/* ---- devices ---- */

/* Number of CUDA devices. Fails with F3D_ERROR_NO_DEVICE and the reason when the driver is
 * missing or too old; succeeds with 0 when the driver sees no GPU. */
F3D_API int32_t f3d_device_count(int32_t *count);

/* The device's name, truncated to capacity - 1 bytes and NUL-terminated. */
F3D_API int32_t f3d_device_name(int32_t device, char *buffer, int64_t capacity);

/* Total and currently free device memory in bytes. */
F3D_API int32_t f3d_device_memory(int32_t device, int64_t *total_bytes, int64_t *free_bytes);

/* Compute capability, for example 8 and 6 for sm_86. */
F3D_API int32_t f3d_device_compute_capability(int32_t device, int32_t *major, int32_t *minor);

/* ---- streams ---- */

F3D_API int32_t f3d_stream_create(int32_t device, f3d_stream **stream);

/* Waits for the stream's work, then destroys it. A null stream is a no-op. */
F3D_API int32_t f3d_stream_destroy(f3d_stream *stream);

/* Blocks until all work enqueued on the stream has finished; reports errors of that work. */
F3D_API int32_t f3d_stream_synchronize(f3d_stream *stream);

/* ---- device buffers ---- */

/* Allocates size_bytes (>= 1) of device memory on the device. */
F3D_API int32_t f3d_buffer_alloc(int32_t device, int64_t size_bytes, f3d_buffer **buffer);

/* Frees the buffer. A null buffer is a no-op. The caller synchronizes streams using it first. */
F3D_API int32_t f3d_buffer_free(f3d_buffer *buffer);

/* The size the buffer was allocated with. */
F3D_API int32_t f3d_buffer_size(const f3d_buffer *buffer, int64_t *size_bytes);

/* Enqueues a copy of size_bytes from host memory to buffer[offset_bytes, offset_bytes + size_bytes). */
F3D_API int32_t f3d_copy_host_to_device(f3d_stream *stream, f3d_buffer *destination, int64_t offset_bytes,
                                        const void *source, int64_t size_bytes);

/* Enqueues a copy of size_bytes from buffer[offset_bytes, offset_bytes + size_bytes) to host memory. */
F3D_API int32_t f3d_copy_device_to_host(f3d_stream *stream, void *destination, const f3d_buffer *source,
                                        int64_t offset_bytes, int64_t size_bytes);

/* ---- kernels ---- */

/* One fused Adam step over count floats, in place, with bias corrections computed by the caller
 * (1 - beta^t, in double, then rounded to float). Each buffer must hold at least count floats.
 *   m = beta1*m + (1-beta1)*g;  v = beta2*v + (1-beta2)*g*g;
 *   p -= lr * (m / bias_correction1) / (sqrt(v / bias_correction2) + epsilon)          */
F3D_API int32_t f3d_adam_update(f3d_stream *stream, f3d_buffer *params, const f3d_buffer *grads,
                                f3d_buffer *moment1, f3d_buffer *moment2, int64_t count,
                                float learning_rate, float beta1, float beta2, float epsilon,
                                float bias_correction1, float bias_correction2);

/* ---- splat projection and SH evaluation ---- */
/* Sources: src/main/cuda/splat/projection.cu; CPU twin: Projection in engine-native. */

/* ---- splat tile intersection and sort ---- */
/* Sources: src/main/cuda/splat/binning.cu; CPU twin: TileBinning in engine-native. */

/* ---- splat rasterisation ---- */
/* Sources: src/main/cuda/splat/rasterise.cu; CPU twin: Rasteriser in engine-native. */

/* ---- splat loss: L1 and fused SSIM ---- */
/* Sources: src/main/cuda/splat/loss.cu; CPU twin: PhotometricLoss in engine-native. */

/* ---- splat densification ---- */
/* Sources: src/main/cuda/splat/densify.cu; CPU twin: Densification in engine-native. */

/* ---- splat training session (state resident on the GPU) ---- */
/* Sources: src/main/cuda/splat/session.cu; CPU twin: CpuSplatSession in engine-native. */

/* ---- descriptor matching ---- */
/* Sources: src/main/cuda/matching/descriptor_match.cu; CPU twin: CpuDescriptorMatcher in engine-native. */

/* ---- mesh: volume carving and marching cubes ---- */
/* Sources: src/main/cuda/mesh/ (one .cu per op); CPU twins: VolumeCarving and the surface extraction in engine-native. */

/* The visual hull field over an nx x ny x nz grid (sample (i, j, k) at origin + voxel (i, j, k),
 * index i + nx (j + ny k)): for every sample, the smallest over the views of the view's signed
 * distance to its silhouette (pixels, positive inside), bilinearly sampled where the sample
 * projects and turned into world units at the sample's depth; -voxel for a view the sample is
 * behind. cameras (host, view_count x 14 doubles): each view's 3 x 4 projection row-major, then
 * 1 for perspective (u and v divided by the depth) or 0 for orthographic, then pixels per world
 * unit (> 0). layout (host, view_count x 3 int64): each view's width, height and the offset of its
 * first pixel in distances (floats, row-major). 1..64 views; field holds at least nx ny nz floats.
 * The host tables are read before the call returns. CPU twin: VolumeCarving.hullField. */
F3D_API int32_t f3d_volume_hull_field(f3d_stream *stream, int32_t nx, int32_t ny, int32_t nz, double origin_x,
                                      double origin_y, double origin_z, double voxel, int32_t view_count,
                                      const double *cameras, const int64_t *layout, const f3d_buffer *distances,
                                      f3d_buffer *field);

/* Marching cubes over a float field of nx x ny x nz samples (sample (i, j, k) at index
 * i + nx (j + ny k), positive inside; at least 2 samples a side and 5 nx ny nz < 2^31), pass one.
 * For every sample, vertex_starts gets the id of the first vertex on the crossed edges it owns
 * (its +x, +y and +z edges) and triangle_starts the index of the first triangle of the cube whose
 * lowest corner it is: exclusive prefix sums, nx ny nz int32 each. The totals come back in
 * *vertex_count and *triangle_count, so the call synchronizes the stream.
 * CPU twin: MarchingCubes.countCrossedEdges and countTriangles. */
F3D_API int32_t f3d_marching_cubes_count(f3d_stream *stream, const f3d_buffer *field, int32_t nx, int32_t ny,
                                         int32_t nz, f3d_buffer *vertex_starts, f3d_buffer *triangle_starts,
                                         int64_t *vertex_count, int64_t *triangle_count);

/* Pass two, with pass one's starts and totals: positions gets xyz floats per vertex (the zero of
 * the linear interpolation along its edge, sample (i, j, k) at origin + voxel (i, j, k)) and
 * indices three int32 vertex ids per triangle, counter-clockwise seen from outside, both in the
 * CPU twin's order. positions holds at least 3 vertex_count floats, indices 3 triangle_count int32.
 * CPU twin: MarchingCubes.placeEdgeVertices and emitTriangles. */
F3D_API int32_t f3d_marching_cubes_emit(f3d_stream *stream, const f3d_buffer *field, int32_t nx, int32_t ny,
                                        int32_t nz, double origin_x, double origin_y, double origin_z, double voxel,
                                        const f3d_buffer *vertex_starts, const f3d_buffer *triangle_starts,
                                        int64_t vertex_count, int64_t triangle_count, f3d_buffer *positions,
                                        f3d_buffer *indices);

/* ---- mesh: texture bake ---- */
/* Sources: src/main/cuda/mesh/texture_bake.cu; CPU twin: TextureBaker in engine-native. */

#ifdef __cplusplus
}
#endif

#endif /* FORGE3D_CUDA_H */
