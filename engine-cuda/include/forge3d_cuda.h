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
#define F3D_ABI_VERSION 3

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

/* The layouts below are those of the CPU twin's arrays, count Gaussians each:
 *   Gaussians (SplatArrays): means 3, log_scales 3, rotations 4 (w x y z, unnormalised),
 *     opacity_logits 1, sh_dc 3, sh_rest 45 ([k * 3 + channel], k = 0..14) floats per Gaussian;
 *   projected (ProjectedGaussians): mean2d 2, conic 3, depth 1, rgb 3, opacity 1 floats and
 *     radius 1, tile_rect 4 (min x, min y, max x, max y in 16-pixel tiles, max exclusive),
 *     tiles_touched 1 int32 per Gaussian;
 *   camera: 19 host floats, read during the call: fx fy cx cy (pixels, top-left pixel centre at
 *     0.5 0.5), world_to_camera as a row-major 3x4 [R | t] (OpenCV axes), then the camera centre
 *     -R^T t (SplatView.cameraCentre()). width and height are the image size in pixels.
 * sh_degree is 0..3. Every buffer must hold what its layout needs for count Gaussians, be on the
 * stream's device, and appear only once. */

/* Projection.forward: EWA projection with the 0.3 px low-pass, three-sigma radius, tile
 * rectangle, SH colour and activated opacity. A culled Gaussian gets radius and tiles_touched 0
 * and keeps whatever its other outputs held, as in the twin. */
F3D_API int32_t f3d_splat_project_forward(f3d_stream *stream, const f3d_buffer *means,
                                          const f3d_buffer *log_scales, const f3d_buffer *rotations,
                                          const f3d_buffer *opacity_logits, const f3d_buffer *sh_dc,
                                          const f3d_buffer *sh_rest, int32_t count, int32_t sh_degree,
                                          int32_t width, int32_t height, const float *camera,
                                          f3d_buffer *mean2d, f3d_buffer *conic, f3d_buffer *depth,
                                          f3d_buffer *radius, f3d_buffer *tile_rect,
                                          f3d_buffer *tiles_touched, f3d_buffer *rgb, f3d_buffer *opacity);

/* Projection.backward: from screen_gradients (9 floats per Gaussian: d u, d v, d conic a b c,
 * d opacity, d r g b) and the forward pass's conic, radius and opacity to the gradient of every
 * parameter, in the Gaussian layout. Overwrites all of it; a culled Gaussian gets zeros. */
F3D_API int32_t f3d_splat_project_backward(f3d_stream *stream, const f3d_buffer *means,
                                           const f3d_buffer *log_scales, const f3d_buffer *rotations,
                                           const f3d_buffer *opacity_logits, const f3d_buffer *sh_dc,
                                           const f3d_buffer *sh_rest, int32_t count, int32_t sh_degree,
                                           int32_t width, int32_t height, const float *camera,
                                           const f3d_buffer *conic, const f3d_buffer *radius,
                                           const f3d_buffer *opacity, const f3d_buffer *screen_gradients,
                                           f3d_buffer *grad_means, f3d_buffer *grad_log_scales,
                                           f3d_buffer *grad_rotations, f3d_buffer *grad_opacity_logits,
                                           f3d_buffer *grad_sh_dc, f3d_buffer *grad_sh_rest);

/* ---- splat tile intersection and sort ---- */
/* Sources: src/main/cuda/splat/binning.cu; CPU twin: TileBinning in engine-native. */

/* Bins count projected Gaussians into the 16x16 tiles of a width x height image, as the training
 * step does, for the CPU-twin tests. depth (count floats), tile_rect (4 int32 per Gaussian: min x,
 * min y, max x, max y in tiles, max exclusive) and tiles_touched (count int32) are the twin's
 * ProjectedGaussians arrays; a Gaussian with tiles_touched 0 is not binned, any other must have a
 * rectangle inside the tile grid whose area is its tiles_touched (else F3D_ERROR_INVALID_ARGUMENT).
 * Writes the number of (Gaussian, tile) entries to *entries. With sorted_keys, entry_gaussian and
 * tile_ranges all null it only counts; otherwise sorted_keys receives the *entries sorted keys
 * (uint64: tile index << 32 | the depth's float bits), entry_gaussian each sorted entry's Gaussian
 * (int32) and tile_ranges 2 int32 per tile (start, end of its sorted entries, row-major tiles), and
 * a buffer too small for *entries fails with F3D_ERROR_INVALID_ARGUMENT (*entries still set).
 * Synchronizes the stream. */
F3D_API int32_t f3d_splat_bin_tiles(f3d_stream *stream, const f3d_buffer *depth, const f3d_buffer *tile_rect,
                                    const f3d_buffer *tiles_touched, int32_t count, int32_t width, int32_t height,
                                    f3d_buffer *sorted_keys, f3d_buffer *entry_gaussian, f3d_buffer *tile_ranges,
                                    int64_t *entries);

/* ---- splat rasterisation ---- */
/* Sources: src/main/cuda/splat/rasterise.cu; CPU twin: Rasteriser in engine-native. */

/* The projected arrays of both calls are the twin's ProjectedGaussians for count Gaussians:
 * mean2d (2 floats each, pixels, top-left pixel centre at 0.5, 0.5), conic (3 floats), depth,
 * tile_rect (4 int32), tiles_touched (int32), rgb (3 floats), opacity (float). Each call bins them
 * as f3d_splat_bin_tiles does, runs the kernel and synchronizes the stream. */

/* Composites the image: image is planar RGB (3 * width * height floats), final_t the transmittance
 * left per pixel (width * height floats), contributors per pixel the entries of its tile walked up
 * to its last contributor (width * height int32). */
F3D_API int32_t f3d_splat_rasterise_forward(f3d_stream *stream, const f3d_buffer *mean2d, const f3d_buffer *conic,
                                            const f3d_buffer *depth, const f3d_buffer *tile_rect,
                                            const f3d_buffer *tiles_touched, const f3d_buffer *rgb,
                                            const f3d_buffer *opacity, int32_t count, int32_t width, int32_t height,
                                            float background_red, float background_green, float background_blue,
                                            f3d_buffer *image, f3d_buffer *final_t, f3d_buffer *contributors);

/* Overwrites screen_gradients (9 floats per Gaussian: d u, d v, d conic a, b, c, d opacity, d r,
 * d g, d b) with the gradient of the loss whose gradient with respect to the image is
 * image_gradient (planar like the image), given the forward pass's final_t and contributors.
 * Deterministic: the same inputs give bit-identical gradients. */
F3D_API int32_t f3d_splat_rasterise_backward(f3d_stream *stream, const f3d_buffer *mean2d, const f3d_buffer *conic,
                                             const f3d_buffer *depth, const f3d_buffer *tile_rect,
                                             const f3d_buffer *tiles_touched, const f3d_buffer *rgb,
                                             const f3d_buffer *opacity, int32_t count, int32_t width,
                                             int32_t height, float background_red, float background_green,
                                             float background_blue, const f3d_buffer *image_gradient,
                                             const f3d_buffer *final_t, const f3d_buffer *contributors,
                                             f3d_buffer *screen_gradients);

/* ---- splat loss: L1 and fused SSIM ---- */
/* Sources: src/main/cuda/splat/loss.cu; CPU twin: PhotometricLoss in engine-native. */

/* Bytes of scratch f3d_splat_loss needs for a width x height image. */
F3D_API int32_t f3d_splat_loss_scratch_bytes(int32_t width, int32_t height, int64_t *bytes);

/* PhotometricLoss.lossAndGradient: 0.8 L1 + 0.2 (1 - SSIM) of image against target (planar RGB,
 * 3 * width * height floats each; SSIM with an 11x11 Gaussian window, sigma 1.5, zero padding),
 * its gradient with respect to image into image_gradient (same layout), and the loss as one float
 * into loss (4 bytes). scratch holds at least f3d_splat_loss_scratch_bytes. All five buffers are
 * distinct. width * height is at most 2^26 pixels. */
F3D_API int32_t f3d_splat_loss(f3d_stream *stream, const f3d_buffer *image, const f3d_buffer *target,
                               int32_t width, int32_t height, f3d_buffer *image_gradient, f3d_buffer *loss,
                               f3d_buffer *scratch);

/* ---- splat densification ---- */
/* Sources: src/main/cuda/splat/densify.cu; CPU twin: Densification in engine-native. */

/* These three run the training session's densification kernels on buffers, for the tests against
 * the CPU twins. A model buffer (params or an Adam moment) holds count Gaussians as SplatArrays'
 * six arrays back to back, in floats: means 3n, log_scales 3n, rotations 4n (w x y z),
 * opacity_logits n, sh_dc 3n, sh_rest 45n; 59 * count floats in all. Statistics buffers hold
 * count elements: gradient_sum and max_radius floats, gradient_count int32. The thresholds are
 * DensifySettings' with the session's scene extent and Gaussian cap (max_gaussians >= 1). */

/* CpuSplatSession.accumulateDensifyStatistics for one view, in place: radius holds count int32
 * (0 when culled), screen_gradients 9 * count floats (d u, d v first). */
F3D_API int32_t f3d_splat_densify_statistics(f3d_stream *stream, const f3d_buffer *radius,
                                             const f3d_buffer *screen_gradients, int32_t count, int32_t width,
                                             int32_t height, f3d_buffer *gradient_sum, f3d_buffer *gradient_count,
                                             f3d_buffer *max_radius);

/* Densification.run's decisions for the model in params: how many Gaussians are cloned, split and
 * pruned, and how many the densified model has. Synchronizes the stream to read them back. */
F3D_API int32_t f3d_splat_densify_plan(f3d_stream *stream, const f3d_buffer *params, int32_t count,
                                       const f3d_buffer *gradient_sum, const f3d_buffer *gradient_count,
                                       const f3d_buffer *max_radius, float gradient_threshold, float percent_dense,
                                       float min_opacity, float max_screen_radius, float max_world_scale,
                                       float scene_extent, int32_t max_gaussians, int32_t *cloned, int32_t *split,
                                       int32_t *pruned, int32_t *densified_count);

/* Densification.run: plans again, then writes the densified model and its moments into the out
 * buffers, which must hold densified_count Gaussians, the count f3d_splat_densify_plan gave for
 * the same inputs. seed and call_index select the split samples (CounterRandom in the twin).
 * Synchronizes the stream. */
F3D_API int32_t f3d_splat_densify_apply(f3d_stream *stream, const f3d_buffer *params, const f3d_buffer *moment1,
                                        const f3d_buffer *moment2, int32_t count, const f3d_buffer *gradient_sum,
                                        const f3d_buffer *gradient_count, const f3d_buffer *max_radius,
                                        float gradient_threshold, float percent_dense, float min_opacity,
                                        float max_screen_radius, float max_world_scale, float scene_extent,
                                        int32_t max_gaussians, int64_t seed, int64_t call_index,
                                        f3d_buffer *out_params, f3d_buffer *out_moment1, f3d_buffer *out_moment2,
                                        int32_t densified_count);

/* ---- splat training session (state resident on the GPU) ---- */
/* Sources: src/main/cuda/splat/session.cu; CPU twin: CpuSplatSession in engine-native. */

/* A splat training session: parameters, Adam moments, gradients, densification statistics, work
 * buffers and the training images, all resident on one device for the whole run, so that a
 * training step is one call that copies back one float. The session owns its own stream; every
 * session call is synchronous (it returns when its work is done) and reports the errors of that
 * work. A session is not thread-safe: use it from one thread at a time.
 *
 * Gaussian arrays are those of SplatArrays: count Gaussians, means xyz, log-scales xyz, rotations
 * wxyz, opacity logits, sh_dc rgb, sh_rest [k * 3 + channel] for k = 0..14 per Gaussian.
 * Images are planar RGB floats: [channel * width * height + y * width + x].
 *
 * A view is F3D_SPLAT_VIEW_FLOATS floats: fx fy cx cy (pixels, top-left pixel centre at (0.5, 0.5)),
 * the world-to-camera [R | t] as 12 floats row-major (OpenCV axes), and the camera centre -R^T t as
 * 3 floats (passed, not recomputed, so that it rounds as the CPU twin's does).
 *
 * An allocation failure returns F3D_ERROR_OUT_OF_MEMORY with a message naming the Gaussian count,
 * what was being allocated and the bytes asked for. After a failure other than
 * F3D_ERROR_INVALID_ARGUMENT every call but count, memory and destroy fails; destroy frees
 * everything. The one exception is an out-of-memory in f3d_splat_session_upload_image, which
 * leaves the session as it was, so that the caller may free memory and retry. */
typedef struct f3d_splat_session f3d_splat_session;

#define F3D_SPLAT_VIEW_FLOATS 19
/* Learning rates, one per parameter group: means, log-scales, rotations, opacity logits, sh_dc, sh_rest. */
#define F3D_SPLAT_LEARNING_RATES 6
/* Densification settings: gradient threshold, percent dense, min opacity, max screen radius, max world scale. */
#define F3D_SPLAT_DENSIFY_SETTINGS 5
/* Session flags. SKIP_KERNELS: every call checks its arguments and does its host work (and the
 * per-step synchronisation) but enqueues no kernel, for measuring the host overhead of a step.
 * TRACK_MEMORY: samples the device's free memory after every step and densification, for
 * f3d_splat_session_memory. */
#define F3D_SPLAT_SESSION_SKIP_KERNELS 1
#define F3D_SPLAT_SESSION_TRACK_MEMORY 2

/* Creates a session on device from count (>= 0) Gaussians in host memory, copied in. background is
 * 3 floats (r g b); max_gaussians (>= 1) caps densification; seed drives the split samples. */
F3D_API int32_t f3d_splat_session_create(int32_t device, int32_t count, const float *means,
                                         const float *log_scales, const float *rotations,
                                         const float *opacity_logits, const float *sh_dc, const float *sh_rest,
                                         float scene_extent, int32_t max_gaussians, const float *background,
                                         int64_t seed, int32_t flags, f3d_splat_session **session);

/* Copies a training image (3 * width * height floats) into the session's image cache under index
 * (0 <= index < 65536), replacing any image held there. */
F3D_API int32_t f3d_splat_session_upload_image(f3d_splat_session *session, int32_t index, const float *rgb,
                                               int32_t width, int32_t height);

/* One training step against the cached image image_index, whose size is the view's: projection
 * and SH up to sh_degree (0..3), binning, rasterisation, 0.8 L1 + 0.2 (1 - SSIM), the backward
 * passes, the densification statistics, and Adam (beta1 0.9, beta2 0.999, epsilon 1e-15) over the
 * six groups with learning_rates (F3D_SPLAT_LEARNING_RATES floats). Writes the loss before the
 * update to *loss. */
F3D_API int32_t f3d_splat_session_step(f3d_splat_session *session, int32_t image_index, const float *view,
                                       int32_t width, int32_t height, const float *learning_rates,
                                       int32_t sh_degree, float *loss);

/* Renders view at width x height into image (3 * width * height floats of host memory). */
F3D_API int32_t f3d_splat_session_render(f3d_splat_session *session, const float *view, int32_t width,
                                         int32_t height, int32_t sh_degree, float *image);

/* Clones, splits and prunes from the statistics since the last densification (settings:
 * F3D_SPLAT_DENSIFY_SETTINGS floats), then resets them. counts receives 4 int32: cloned, split,
 * pruned, and the Gaussian count after the call. */
F3D_API int32_t f3d_splat_session_densify(f3d_splat_session *session, const float *settings, int32_t *counts);

/* Caps every opacity logit at max_opacity_logit and zeroes the opacity groups' Adam moments. */
F3D_API int32_t f3d_splat_session_reset_opacity(f3d_splat_session *session, float max_opacity_logit);

/* The Gaussians held now. */
F3D_API int32_t f3d_splat_session_count(const f3d_splat_session *session, int32_t *count);

/* Copies the Gaussians into host arrays sized for f3d_splat_session_count Gaussians. */
F3D_API int32_t f3d_splat_session_download(f3d_splat_session *session, float *means, float *log_scales,
                                           float *rotations, float *opacity_logits, float *sh_dc, float *sh_rest);

/* Device memory: free bytes on the device just before the session allocated anything, the lowest
 * free bytes sampled since (with F3D_SPLAT_SESSION_TRACK_MEMORY; else the free bytes now), and the
 * bytes the session holds in its own allocations now. */
F3D_API int32_t f3d_splat_session_memory(const f3d_splat_session *session, int64_t *baseline_free_bytes,
                                         int64_t *lowest_free_bytes, int64_t *held_bytes);

/* Waits for the session's work, frees all its device and host memory and the handle. A null
 * session is a no-op. Frees everything also after a failure, and reports the first error seen. */
F3D_API int32_t f3d_splat_session_destroy(f3d_splat_session *session);

/* ---- descriptor matching ---- */
/* Sources: src/main/cuda/matching/descriptor_match.cu; CPU twin: CpuDescriptorMatcher in engine-native. */

/* Brute-force L2 matching of two descriptor sets with Lowe's ratio test and a cross-check
 * (spi.DescriptorMatcher): a and b hold count_a and count_b rows of dimension floats, row-major.
 * i of A and j of B match when each is the other's nearest neighbour and, both ways, the nearest
 * distance is below ratio (in (0, 1]; 1 disables the test) times the second nearest. Writes the
 * matches as int32 pairs (i, j) in increasing i into matches, at most capacity pairs (there are
 * never more than min(count_a, count_b)), and their number into match_count, which may exceed
 * capacity. Synchronizes the stream. */
F3D_API int32_t f3d_match_descriptors(f3d_stream *stream, const f3d_buffer *a, int32_t count_a, const f3d_buffer *b,
                                      int32_t count_b, int32_t dimension, float ratio, f3d_buffer *matches,
                                      int32_t capacity, int32_t *match_count);

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

/* Most views f3d_texture_bake takes: their cameras travel in the kernel's parameters. */
#define F3D_TEXTURE_BAKE_MAX_VIEWS 16
/* Doubles per view in cameras: 12 projection rows (u, v, depth; OpenCV axes, pixel centres at
 * i + 0.5), the view direction (3), then 1 for a perspective camera (u, v divided by depth) or 0. */
#define F3D_TEXTURE_BAKE_CAMERA_DOUBLES 16
/* Bits of f3d_texture_bake's mirror_planes: the planes across which a texel that no view sees
 * may take its mirror image's colour, x = 0 (the object's left-right plane) tried first, then
 * z = 0 (its front-back plane). */
#define F3D_MIRROR_LEFT_RIGHT 1
#define F3D_MIRROR_FRONT_BACK 2

/* The colour bake (TextureBaker.sampleTexelRows): for each covered texel of a size x size
 * texture, the bilinear colour of the best-facing view that sees its surface point (inside that
 * view's image and mask, and no deeper than the view's depth + depth_tolerance); where no view
 * sees it, of its mirror images across the planes mirror_planes names (F3D_MIRROR_*). Texels no
 * view or mirror image gives a colour get rgb 0, seen 0.
 *   covered: uint8[size * size]; position, normal: float[3 * size * size] (world, unit normal);
 *   cameras, view_sizes (width, height per view): host arrays of view_count entries each, read
 *     before this call returns;
 *   view_rgb (int32 0xRRGGBB), view_mask (uint8, 1 = object), view_depth (float, nearest mesh
 *     depth, +inf where none): every view's pixels row-major, the views one after another;
 *   out_rgb: int32[size * size]; out_seen: uint8[size * size].
 * 1 <= size <= 16384, 1 <= view_count <= F3D_TEXTURE_BAKE_MAX_VIEWS, every view 1 .. 16384 pixels
 * a side, mirror_planes 0 .. 3, and every buffer at least as large as stated. */
F3D_API int32_t f3d_texture_bake(f3d_stream *stream, int32_t size, const f3d_buffer *covered,
                                 const f3d_buffer *position, const f3d_buffer *normal, int32_t view_count,
                                 const double *cameras, const int32_t *view_sizes, const f3d_buffer *view_rgb,
                                 const f3d_buffer *view_mask, const f3d_buffer *view_depth,
                                 double depth_tolerance, int32_t mirror_planes, f3d_buffer *out_rgb,
                                 f3d_buffer *out_seen);

#ifdef __cplusplus
}
#endif

#endif /* FORGE3D_CUDA_H */
