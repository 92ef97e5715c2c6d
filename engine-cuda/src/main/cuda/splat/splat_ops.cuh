// The internal contract between the splat kernels and the training session (splat/session.cu):
// device-side views of the CPU twins' arrays, and one launcher per kernel group. Not ABI: Java
// never sees these; the header's f3d_splat_* functions wrap them for the CPU-twin tests, and the
// session chains them so that a training step is a handful of FFM calls.
//
// Layouts are exactly those of the CPU twins in engine-native dev.forge3d.engine.splat, so a test
// can upload a twin's inputs, run a launcher and compare the arrays one to one.
//
// Every launcher only enqueues work on `stream` and returns the launch status; none synchronizes
// except where its comment says it reads a scalar back. Growing scratch is allocated through
// DeviceScratch, whose failure comes back as cudaErrorMemoryAllocation for the caller to report as
// F3D_ERROR_OUT_OF_MEMORY with what it was allocating.
#pragma once

#include <cstdint>

#include <cuda_runtime.h>

namespace f3d::splat {

constexpr int kTileSize = 16;             // Projection.TILE
constexpr int kScreenGradientStride = 9;  // ScreenGradients.STRIDE: du dv da db dc dopacity dr dg db
constexpr int kShRestCoefficients = 15;   // SplatArrays.REST_COEFFICIENTS
// The photometric loss's largest image (CudaPhotometricLoss.MAX_PIXELS): its block sums are
// sized for it. A training step checks it before it changes anything.
constexpr int64_t kMaxLossPixels = int64_t{1} << 26;

// SplatArrays on the device (params, gradients or an Adam moment): flat arrays of `count`
// Gaussians, means xyz, log-scales xyz, rotations wxyz, opacity logits, sh_dc rgb, sh_rest
// [k * 3 + channel] for k = 0..14.
struct GaussianArrays {
    int32_t count;
    float *means;
    float *log_scales;
    float *rotations;
    float *opacity_logits;
    float *sh_dc;
    float *sh_rest;
};

// SplatView plus its camera centre (SplatView.cameraCentre()), passed by value to kernels.
struct Camera {
    int32_t width;
    int32_t height;
    float fx, fy, cx, cy;
    float world_to_camera[12];  // row-major 3x4 [R | t], OpenCV axes
    float centre[3];
};

// ProjectedGaussians on the device, `count` entries each.
struct ProjectedArrays {
    float *mean2d;          // 2: u v in pixels, top-left pixel centre at (0.5, 0.5)
    float *conic;           // 3: a b c of the inverse 2D covariance
    float *depth;           // 1: view-space z
    int32_t *radius;        // 1: three-sigma radius in pixels, 0 when culled
    int32_t *tile_rect;     // 4: min x, min y, max x, max y in tiles (max exclusive)
    int32_t *tiles_touched; // 1
    float *rgb;             // 3: SH colour, clamped as the twin clamps it
    float *opacity;         // 1: sigmoid of the logit
};

// Grow-only device memory, reused across steps. ensure() keeps the contents only when it does
// not need to grow.
struct DeviceScratch {
    void *data = nullptr;
    size_t bytes = 0;
    cudaError_t ensure(size_t needed);
    void release();
    // The bytes asked for by the last ensure() on this thread that ran out of memory, so that a
    // launcher's caller can name them in its out-of-memory message.
    static size_t last_failed_request();
    template <typename T>
    T *as() const { return static_cast<T *>(data); }
};

// ---- projection and SH (splat/projection.cu; twin Projection.forward / backward) ----
// Both return cudaErrorInvalidValue without launching for a negative count, sh_degree outside
// 0..3, a non-positive image size, or (backward) grads.count != gaussians.count. Like the twin,
// forward writes only radius and tiles_touched (0) for a culled Gaussian.

cudaError_t project_forward(const GaussianArrays &gaussians, int sh_degree, const Camera &camera,
                            const ProjectedArrays &out, cudaStream_t stream);

// screen_gradients: kScreenGradientStride floats per Gaussian (ScreenGradients.values). Writes
// every gradient of `grads` (overwrites, culled Gaussians get zeros), as Projection.backward does.
cudaError_t project_backward(const GaussianArrays &gaussians, int sh_degree, const Camera &camera,
                             const ProjectedArrays &projected, const float *screen_gradients,
                             const GaussianArrays &grads, cudaStream_t stream);

// ---- tile intersection and sort (splat/binning.cu; twin TileBinning.bin) ----

// One 64-bit key per (Gaussian, tile) pair, tile index in the high word and the depth's float bits
// in the low word, emitted in Gaussian order and sorted with CUB's radix sort over the bits in
// use; ties keep Gaussian order. Then each tile's [start, end) range of sorted entries.
class TileBinner {
  public:
    // Reads the entry count back to the host (one scalar) to size the sort. cudaErrorInvalidValue
    // when a Gaussian's tile_rect is outside the grid or its area is not its tiles_touched
    // (entries() is then 0), or when the entries exceed INT32_MAX - 8 (entries() says how many).
    cudaError_t bin(const ProjectedArrays &projected, int32_t count, int32_t tiles_x, int32_t tiles_y,
                    cudaStream_t stream);
    int64_t entries() const { return entries_; }
    const uint64_t *sorted_keys() const { return sorted_keys_.as<uint64_t>(); }
    const int32_t *entry_gaussian() const { return sorted_gaussian_.as<int32_t>(); }  // per sorted entry
    // Per sorted entry: its position in emission order. Emission is Gaussian-major and, within a
    // Gaussian, in increasing tile order, so a Gaussian's entries are the contiguous emission range
    // [gaussian_entry_offset[g], gaussian_entry_offset[g + 1]) in the CPU twin's summation order.
    const int32_t *entry_emission_index() const { return sorted_emission_.as<int32_t>(); }
    const int32_t *gaussian_entry_offset() const { return gaussian_offset_.as<int32_t>(); }  // count + 1
    const int32_t *tile_ranges() const { return tile_ranges_.as<int32_t>(); }  // 2 per tile: start, end
    int32_t tiles_x() const { return tiles_x_; }
    int32_t tiles_y() const { return tiles_y_; }
    // Device bytes held in scratch, for the session's memory report.
    size_t bytes_held() const {
        size_t total = 0;
        for (const DeviceScratch *scratch : {&gaussian_offset_, &keys_, &sorted_keys_, &emission_, &sorted_emission_,
                                             &sorted_gaussian_, &tile_ranges_, &sort_temp_, &entry_offset64_,
                                             &emission_gaussian_, &inconsistent_}) {
            total += scratch->bytes;
        }
        return total;
    }
    void release();

  private:
    int64_t entries_ = 0;
    int32_t tiles_x_ = 0, tiles_y_ = 0;
    DeviceScratch gaussian_offset_, keys_, sorted_keys_, emission_, sorted_emission_, sorted_gaussian_,
        tile_ranges_, sort_temp_;
    // entry_offset64_: the entry-count scan in int64 (count + 1), so that an overflow of int32 is
    // detected rather than wrapped; emission_gaussian_: the Gaussian of each emission index;
    // inconsistent_: a device flag raised by a Gaussian whose tile_rect disagrees with tiles_touched.
    DeviceScratch entry_offset64_, emission_gaussian_, inconsistent_;
};

// ---- rasterisation (splat/rasterise.cu; twin Rasteriser.forwardTile / backwardTile / reduce) ----

// image: planar RGB, 3 * width * height; final_t and contributors per pixel.
cudaError_t rasterise_forward(const TileBinner &bins, const ProjectedArrays &projected, int32_t width,
                              int32_t height, const float background[3], float *image, float *final_t,
                              int32_t *contributors, cudaStream_t stream);

// Overwrites screen_gradients (kScreenGradientStride per Gaussian, `count` Gaussians) with the sum
// over pixels, deterministic for a given input (per-entry partial sums reduced in a fixed order).
cudaError_t rasterise_backward(const TileBinner &bins, const ProjectedArrays &projected, int32_t count,
                               int32_t width, int32_t height, const float background[3],
                               const float *image_gradient, const float *final_t, const int32_t *contributors,
                               DeviceScratch &entry_gradients, float *screen_gradients, cudaStream_t stream);

// ---- loss (splat/loss.cu; twin PhotometricLoss.lossAndGradient) ----

// 0.8 L1 + 0.2 (1 - SSIM) of image against target (planar RGB), its gradient with respect to the
// image, and the loss as one float at device address loss_out. Scratch grows with the image size.
// cudaErrorInvalidValue without launching for a non-positive size or more than 2^26 pixels.
class PhotometricLossKernels {
  public:
    cudaError_t loss_and_gradient(const float *image, const float *target, int32_t width, int32_t height,
                                  float *image_gradient, float *loss_out, cudaStream_t stream);
    size_t bytes_held() const { return scratch_.bytes; }  // for the session's memory report
    void release();

  private:
    DeviceScratch scratch_;
};

// ---- densification (splat/densify.cu; twin CpuSplatSession.accumulateDensifyStatistics and
//      Densification.run) ----

cudaError_t accumulate_densify_statistics(const ProjectedArrays &projected, const float *screen_gradients,
                                          int32_t count, int32_t width, int32_t height, float *gradient_sum,
                                          int32_t *gradient_count, float *max_radius, cudaStream_t stream);

// Parameters and both Adam moments of one model on the device.
struct ModelArrays {
    GaussianArrays params;
    GaussianArrays moment1;
    GaussianArrays moment2;
};

// DensifySettings plus the session's scene extent and Gaussian cap.
struct DensifyLimits {
    float gradient_threshold;
    float percent_dense;
    float min_opacity;
    float max_screen_radius;
    float max_world_scale;
    float scene_extent;
    int32_t max_gaussians;
};

struct DensifyCountsHost {
    int32_t cloned;
    int32_t split;
    int32_t pruned;
    int32_t count;  // Gaussians after the call
};

// Densification.run on the device in two calls, so that the session owns all model memory:
// plan() decides clone / split / prune from the statistics and reads back only the counts (a few
// scalars, once per densification); the session then allocates a model of counts.count Gaussians
// and apply() writes it (the twin's layout: originals not split, clones, two children per split,
// then pruned away; fresh Gaussians get zero moments). Split samples come from a counter-based
// generator of (seed, call_index, Gaussian, draw) that the CPU twin computes identically
// (CounterRandom; call_index counts the session's densifications from 0, as CpuSplatSession
// does), so the GPU and the CPU give the same model. apply() writes what the last plan() of the
// same Densifier decided, for the same source model; it fails with cudaErrorInvalidValue when the
// source count or the destination's counts differ from the plan's. plan()'s scratch is about 25
// bytes per Gaussian, plus 16 when the cap may drop candidates (the radix sort's keys).
class Densifier {
  public:
    cudaError_t plan(const ModelArrays &model, const float *gradient_sum, const int32_t *gradient_count,
                     const float *max_radius, const DensifyLimits &limits, DensifyCountsHost *counts,
                     cudaStream_t stream);
    cudaError_t apply(const ModelArrays &source, const float *max_radius, const DensifyLimits &limits,
                      uint64_t seed, int64_t call_index, const ModelArrays &destination, cudaStream_t stream);
    // Device bytes held in scratch, for the session's memory report.
    size_t bytes_held() const {
        return action_.bytes + offsets_.bytes + keep_.bytes + sort_keys_.bytes + temp_.bytes + host_counts_.bytes;
    }
    void release();

  private:
    DeviceScratch action_, offsets_, keep_, sort_keys_, temp_, host_counts_;
    // What the last plan() was for and decided; apply() refuses any other model.
    int32_t planned_source_ = -1;
    int32_t planned_count_ = -1;
};

}  // namespace f3d::splat
