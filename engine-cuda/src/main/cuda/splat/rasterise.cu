// The tile rasteriser, forward and backward (twin: Rasteriser.forwardTile / backwardTile / reduce).
//
// One 16x16 tile per block of 256 threads, one pixel per thread; the tile's depth-sorted entries
// are staged in shared memory in batches, each thread walking them with its pixel's state exactly
// as the twin's pixel-major loop does.
//
// Rounding: every float operation is an explicit __f*_rn intrinsic in the twin's order (nvcc would
// otherwise contract a*b+c into a fused multiply-add, which Java never does), and exp and log are
// evaluated in double and rounded to float, as the twin's (float) Math.exp(power) is. A pixel's
// blend is then bit-identical to the twin's, so the alpha and transmittance thresholds decide the
// same way and `contributors` matches exactly. Double exp is cheap on data-centre GPUs (H100: half
// the float rate); on consumer GPUs it is slow, and twin_exp() is the one place to trade that
// exactness for __expf.
//
// Backward gradients: per sorted entry the 9 screen-gradient floats summed over the tile's pixels
// (warp shuffles, then the 8 warp partials in warp order: a fixed order, so deterministic), stored
// at the entry's emission index; then per Gaussian the sum of its contiguous emission range, in
// increasing tile order like the twin's reduce. Only the sum over the pixels of one tile is
// ordered differently from the twin (a tree instead of row-major), a relative difference of the
// order of 1e-7. This costs entries * 36 bytes of scratch and one extra pass; an atomics variant
// (atomicAdd into screen_gradients, no scratch, no reduce kernel, not deterministic) would replace
// store_entry_gradient() and skip reduce_entry_gradients, so the two can be compared by changing
// that one function once a GPU can measure them.
#include <climits>

#include "../common/handles.cuh"
#include "splat_ops.cuh"
#include "strict_float.cuh"
#include "tile_abi.cuh"

namespace f3d::splat {

namespace {

constexpr int kBlockPixels = kTileSize * kTileSize;  // one thread per pixel of a tile
constexpr int kWarps = kBlockPixels / 32;
constexpr int kBackwardBatch = 32;  // entries per batch in the backward pass (bounds the warp partials)
constexpr float kMaxAlpha = 0.99f;            // Rasteriser.MAX_ALPHA
constexpr float kMinAlpha = 1.0f / 255.0f;    // Rasteriser.MIN_ALPHA
constexpr float kMinTransmittance = 1e-4f;    // Rasteriser.MIN_TRANSMITTANCE
constexpr unsigned kFullWarp = 0xffffffffu;

// A tile entry as the twin's TileScratch.gather prepares it: the Gaussian's screen values, the
// power below which alpha is certainly under 1/255, and the pixel box (inclusive, clipped to the
// tile) outside which the twin never evaluates it.
struct Entry {
    float u, v, a, b, c, opacity, red, green, blue, min_power;
    int32_t box_x0, box_x1, box_y0, box_y1;
};

__device__ __forceinline__ float twin_exp(float power) {
    return static_cast<float>(exp(static_cast<double>(power)));
}

__device__ Entry gather_entry(const ProjectedArrays &p, int32_t g, int32_t x0, int32_t x1, int32_t y0, int32_t y1) {
    Entry d;
    d.u = p.mean2d[2 * g];
    d.v = p.mean2d[2 * g + 1];
    d.a = p.conic[3 * g];
    d.b = p.conic[3 * g + 1];
    d.c = p.conic[3 * g + 2];
    d.opacity = p.opacity[g];
    d.red = p.rgb[3 * g];
    d.green = p.rgb[3 * g + 1];
    d.blue = p.rgb[3 * g + 2];
    // (float) Math.log(MIN_ALPHA / Math.max(opacity, 1e-30f)) - 1e-3f: a float division, a double log.
    // Math.max and Math.min here and below, not fmaxf / fminf: a NaN opacity stays NaN, as in the twin.
    d.min_power = __fsub_rn(
        static_cast<float>(log(static_cast<double>(__fdiv_rn(kMinAlpha, java_max(d.opacity, 1e-30f).v)))), 1e-3f);
    const double det = __dsub_rn(__dmul_rn(d.a, d.c), __dmul_rn(d.b, d.b));
    const double k = __dmul_rn(-2.0, d.min_power);
    if (!(k > 0) || !(det > 0)) {
        d.box_x0 = 1;  // an empty box, as the twin's infinite bounds give
        d.box_x1 = 0;
        d.box_y0 = 1;
        d.box_y1 = 0;
        return d;
    }
    // (float) (Math.sqrt(k * c / det) * 1.001 + 0.01), in double without contraction.
    const float ex =
        static_cast<float>(__dadd_rn(__dmul_rn(__dsqrt_rn(__ddiv_rn(__dmul_rn(k, d.c), det)), 1.001), 0.01));
    const float ey =
        static_cast<float>(__dadd_rn(__dmul_rn(__dsqrt_rn(__ddiv_rn(__dmul_rn(k, d.a), det)), 1.001), 0.01));
    const float x_lo = __fsub_rn(d.u, ex), x_hi = __fadd_rn(d.u, ex);
    const float y_lo = __fsub_rn(d.v, ey), y_hi = __fadd_rn(d.v, ey);
    d.box_x0 = max(x0, java_int(ceilf(__fsub_rn(x_lo, 0.5f))));
    d.box_x1 = min(x1 - 1, java_int(floorf(__fsub_rn(x_hi, 0.5f))));
    d.box_y0 = max(y0, java_int(ceilf(__fsub_rn(y_lo, 0.5f))));
    d.box_y1 = min(y1 - 1, java_int(floorf(__fsub_rn(y_hi, 0.5f))));
    return d;
}

__device__ __forceinline__ bool in_box(const Entry &d, int32_t px, int32_t py) {
    return px >= d.box_x0 && px <= d.box_x1 && py >= d.box_y0 && py <= d.box_y1;
}

// -0.5 (a dx^2 + c dy^2) - b dx dy, in the twin's order.
__device__ __forceinline__ float gaussian_power(const Entry &d, float dx, float dy) {
    const float quadratic = __fadd_rn(__fmul_rn(__fmul_rn(d.a, dx), dx), __fmul_rn(__fmul_rn(d.c, dy), dy));
    return __fsub_rn(__fmul_rn(-0.5f, quadratic), __fmul_rn(__fmul_rn(d.b, dx), dy));
}

// The tile of this block and this thread's pixel in it.
struct TilePixel {
    int32_t x0, y0, x1, y1;  // the tile's pixels [x0, x1) x [y0, y1), clipped to the image
    int32_t px, py;
    bool inside;  // a pixel of the image (the last row and column of tiles may be partial)
};

__device__ TilePixel tile_pixel(int32_t tiles_x, int32_t width, int32_t height) {
    TilePixel t;
    const int32_t tile = static_cast<int32_t>(blockIdx.x);
    t.x0 = (tile % tiles_x) * kTileSize;
    t.y0 = (tile / tiles_x) * kTileSize;
    t.x1 = min(width, t.x0 + kTileSize);
    t.y1 = min(height, t.y0 + kTileSize);
    t.px = t.x0 + static_cast<int32_t>(threadIdx.x) % kTileSize;
    t.py = t.y0 + static_cast<int32_t>(threadIdx.x) / kTileSize;
    t.inside = t.px < t.x1 && t.py < t.y1;
    return t;
}

__global__ void __launch_bounds__(kBlockPixels)
    rasterise_forward_kernel(const int32_t *__restrict__ tile_ranges, const int32_t *__restrict__ entry_gaussian,
                             const ProjectedArrays projected, int32_t tiles_x, int32_t width, int32_t height,
                             float3 background, float *__restrict__ image, float *__restrict__ final_t,
                             int32_t *__restrict__ contributors) {
    __shared__ Entry batch[kBlockPixels];
    const TilePixel tp = tile_pixel(tiles_x, width, height);
    const int32_t start = tile_ranges[2 * blockIdx.x];
    const int32_t end = tile_ranges[2 * blockIdx.x + 1];
    const float centre_x = __fadd_rn(static_cast<float>(tp.px), 0.5f);
    const float centre_y = __fadd_rn(static_cast<float>(tp.py), 0.5f);
    float t = 1.0f, red = 0.0f, green = 0.0f, blue = 0.0f;
    int32_t last = 0;
    bool done = !tp.inside;  // threads off the image still stage entries and meet the barriers
    for (int32_t batch_start = start; batch_start < end; batch_start += kBlockPixels) {
        // Also the barrier after the previous batch's reads: the staging below overwrites it.
        if (__syncthreads_count(!done) == 0) {
            break;  // every pixel of the tile is saturated
        }
        const int32_t e = batch_start + static_cast<int32_t>(threadIdx.x);
        if (e < end) {
            batch[threadIdx.x] = gather_entry(projected, entry_gaussian[e], tp.x0, tp.x1, tp.y0, tp.y1);
        }
        __syncthreads();
        const int32_t staged = min(kBlockPixels, end - batch_start);
        for (int32_t i = 0; i < staged && !done; ++i) {
            const Entry &d = batch[i];
            if (!in_box(d, tp.px, tp.py)) {
                continue;
            }
            const float dx = __fsub_rn(d.u, centre_x);
            const float dy = __fsub_rn(d.v, centre_y);
            const float power = gaussian_power(d, dx, dy);
            if (power > 0.0f || power < d.min_power) {
                continue;
            }
            const float alpha = java_min(kMaxAlpha, __fmul_rn(d.opacity, twin_exp(power))).v;
            if (alpha < kMinAlpha) {
                continue;
            }
            const float next = __fmul_rn(t, __fsub_rn(1.0f, alpha));
            if (next < kMinTransmittance) {
                done = true;
                continue;
            }
            const float weight = __fmul_rn(alpha, t);
            red = __fadd_rn(red, __fmul_rn(d.red, weight));
            green = __fadd_rn(green, __fmul_rn(d.green, weight));
            blue = __fadd_rn(blue, __fmul_rn(d.blue, weight));
            t = next;
            last = batch_start - start + i + 1;
        }
    }
    if (tp.inside) {
        const int32_t plane = width * height;
        const int32_t pixel = tp.py * width + tp.px;
        image[pixel] = __fadd_rn(red, __fmul_rn(t, background.x));
        image[plane + pixel] = __fadd_rn(green, __fmul_rn(t, background.y));
        image[2 * plane + pixel] = __fadd_rn(blue, __fmul_rn(t, background.z));
        final_t[pixel] = t;
        contributors[pixel] = last;
    }
}

// Where an entry's summed gradient goes: the one function an atomics variant would replace.
__device__ __forceinline__ void store_entry_gradient(float *entry_gradients, const int32_t *entry_emission,
                                                     int32_t entry, int k, float value) {
    entry_gradients[static_cast<int64_t>(entry_emission[entry]) * kScreenGradientStride + k] = value;
}

__global__ void __launch_bounds__(kBlockPixels)
    rasterise_backward_kernel(const int32_t *__restrict__ tile_ranges, const int32_t *__restrict__ entry_gaussian,
                              const int32_t *__restrict__ entry_emission, const ProjectedArrays projected,
                              int32_t tiles_x, int32_t width, int32_t height, float3 background,
                              const float *__restrict__ image_gradient, const float *__restrict__ final_t,
                              const int32_t *__restrict__ contributors, float *__restrict__ entry_gradients) {
    __shared__ Entry batch[kBackwardBatch];
    __shared__ float partials[kBackwardBatch][kWarps][kScreenGradientStride];
    __shared__ int32_t block_last;
    const TilePixel tp = tile_pixel(tiles_x, width, height);
    const int32_t start = tile_ranges[2 * blockIdx.x];
    const int32_t entry_count = tile_ranges[2 * blockIdx.x + 1] - start;
    const int lane = static_cast<int>(threadIdx.x) % 32;
    const int warp = static_cast<int>(threadIdx.x) / 32;

    // The pixel's state after the forward pass, walked back from its last contributor.
    float t = 0.0f, t_final = 0.0f, grad_red = 0.0f, grad_green = 0.0f, grad_blue = 0.0f, background_dot = 0.0f;
    int32_t last = 0;
    if (tp.inside) {
        const int32_t plane = width * height;
        const int32_t pixel = tp.py * width + tp.px;
        t = final_t[pixel];
        t_final = t;
        last = contributors[pixel];
        grad_red = image_gradient[pixel];
        grad_green = image_gradient[plane + pixel];
        grad_blue = image_gradient[2 * plane + pixel];
        background_dot = __fadd_rn(__fadd_rn(__fmul_rn(background.x, grad_red), __fmul_rn(background.y, grad_green)),
                                   __fmul_rn(background.z, grad_blue));
    }
    float behind_red = 0.0f, behind_green = 0.0f, behind_blue = 0.0f;
    const float centre_x = __fadd_rn(static_cast<float>(tp.px), 0.5f);
    const float centre_y = __fadd_rn(static_cast<float>(tp.py), 0.5f);

    if (threadIdx.x == 0) {
        block_last = 0;
    }
    __syncthreads();
    if (last > 0) {
        atomicMax(&block_last, last);  // a maximum: the same whatever the order
    }
    __syncthreads();
    // Entries at or past every pixel's last contributor touch no pixel: their sums are zero.
    const int32_t walked = min(block_last, entry_count);
    for (int64_t index = threadIdx.x; index < static_cast<int64_t>(entry_count - walked) * kScreenGradientStride;
         index += kBlockPixels) {
        const int32_t entry = start + walked + static_cast<int32_t>(index / kScreenGradientStride);
        store_entry_gradient(entry_gradients, entry_emission, entry, static_cast<int>(index % kScreenGradientStride),
                             0.0f);
    }

    for (int32_t batch_end = walked; batch_end > 0; batch_end -= kBackwardBatch) {
        const int32_t batch_begin = max(0, batch_end - kBackwardBatch);
        const int32_t staged = batch_end - batch_begin;
        __syncthreads();  // the previous batch's entries and partials have been read
        if (static_cast<int32_t>(threadIdx.x) < staged) {
            batch[threadIdx.x] =
                gather_entry(projected, entry_gaussian[start + batch_begin + static_cast<int32_t>(threadIdx.x)],
                             tp.x0, tp.x1, tp.y0, tp.y1);
        }
        __syncthreads();
        for (int32_t i = staged - 1; i >= 0; --i) {
            const Entry &d = batch[i];
            const int32_t j = batch_begin + i;
            float g[kScreenGradientStride] = {};  // du dv da db dc dopacity dr dg db of this pixel
            bool contributes = false;
            if (j < last && in_box(d, tp.px, tp.py)) {
                const float dx = __fsub_rn(d.u, centre_x);
                const float dy = __fsub_rn(d.v, centre_y);
                const float power = gaussian_power(d, dx, dy);
                const bool in_range = !(power > 0.0f || power < d.min_power);
                const float gauss = in_range ? twin_exp(power) : 0.0f;
                const float raw = __fmul_rn(d.opacity, gauss);
                const float alpha = java_min(kMaxAlpha, raw).v;
                // Written as the negation of the twin's skip tests, so that a NaN alpha contributes here as it
                // does in the forward pass and in the twin.
                contributes = in_range && !(alpha < kMinAlpha);
                if (contributes) {
                    const float one_minus_alpha = __fsub_rn(1.0f, alpha);
                    const float ti = __fdiv_rn(t, one_minus_alpha);
                    t = ti;
                    const float weight = __fmul_rn(alpha, ti);
                    // dC/da_i = T_i (c_i - behind_i) . dL/dC - T_final / (1 - a_i) bg . dL/dC
                    const float colour_dot =
                        __fadd_rn(__fadd_rn(__fmul_rn(__fsub_rn(d.red, behind_red), grad_red),
                                            __fmul_rn(__fsub_rn(d.green, behind_green), grad_green)),
                                  __fmul_rn(__fsub_rn(d.blue, behind_blue), grad_blue));
                    const float d_alpha = __fsub_rn(__fmul_rn(ti, colour_dot),
                                                    __fmul_rn(__fdiv_rn(t_final, one_minus_alpha), background_dot));
                    behind_red = __fadd_rn(__fmul_rn(alpha, d.red), __fmul_rn(one_minus_alpha, behind_red));
                    behind_green = __fadd_rn(__fmul_rn(alpha, d.green), __fmul_rn(one_minus_alpha, behind_green));
                    behind_blue = __fadd_rn(__fmul_rn(alpha, d.blue), __fmul_rn(one_minus_alpha, behind_blue));
                    g[6] = __fmul_rn(weight, grad_red);
                    g[7] = __fmul_rn(weight, grad_green);
                    g[8] = __fmul_rn(weight, grad_blue);
                    if (!(raw >= kMaxAlpha)) {  // a capped alpha is constant in opacity, position and conic
                        g[5] = __fmul_rn(gauss, d_alpha);
                        const float d_power = __fmul_rn(raw, d_alpha);
                        g[0] = __fmul_rn(d_power, __fsub_rn(__fmul_rn(-d.a, dx), __fmul_rn(d.b, dy)));
                        g[1] = __fmul_rn(d_power, __fsub_rn(__fmul_rn(-d.c, dy), __fmul_rn(d.b, dx)));
                        g[2] = __fmul_rn(d_power, __fmul_rn(__fmul_rn(-0.5f, dx), dx));
                        g[3] = __fmul_rn(d_power, __fmul_rn(-dx, dy));
                        g[4] = __fmul_rn(d_power, __fmul_rn(__fmul_rn(-0.5f, dy), dy));
                    }
                }
            }
            // Every lane reaches the vote and the shuffles: none has left the loop.
            const bool any = __any_sync(kFullWarp, contributes);
#pragma unroll
            for (int k = 0; k < kScreenGradientStride; ++k) {
                float sum = g[k];
                if (any) {
#pragma unroll
                    for (int offset = 16; offset > 0; offset /= 2) {
                        sum = __fadd_rn(sum, __shfl_down_sync(kFullWarp, sum, offset));
                    }
                }
                if (lane == 0) {
                    partials[i][warp][k] = any ? sum : 0.0f;
                }
            }
        }
        __syncthreads();
        for (int index = static_cast<int>(threadIdx.x); index < staged * kScreenGradientStride; index += kBlockPixels) {
            const int i = index / kScreenGradientStride;
            const int k = index % kScreenGradientStride;
            float sum = 0.0f;
            for (int w = 0; w < kWarps; ++w) {
                sum = __fadd_rn(sum, partials[i][w][k]);
            }
            store_entry_gradient(entry_gradients, entry_emission, start + batch_begin + i, k, sum);
        }
    }
}

// Per Gaussian and gradient component, the sum over its emission range in order (the twin's
// reduce order: increasing tile).
__global__ void reduce_entry_gradients(const float *__restrict__ entry_gradients,
                                       const int32_t *__restrict__ gaussian_entry_offset, int32_t count,
                                       float *__restrict__ screen_gradients) {
    const int64_t index = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (index >= static_cast<int64_t>(count) * kScreenGradientStride) {
        return;
    }
    const int32_t g = static_cast<int32_t>(index / kScreenGradientStride);
    const int k = static_cast<int>(index % kScreenGradientStride);
    float sum = 0.0f;
    for (int32_t e = gaussian_entry_offset[g]; e < gaussian_entry_offset[g + 1]; ++e) {
        sum = __fadd_rn(sum, entry_gradients[static_cast<int64_t>(e) * kScreenGradientStride + k]);
    }
    screen_gradients[index] = sum;
}

}  // namespace

cudaError_t rasterise_forward(const TileBinner &bins, const ProjectedArrays &projected, int32_t width,
                              int32_t height, const float background[3], float *image, float *final_t,
                              int32_t *contributors, cudaStream_t stream) {
    const int64_t tiles = static_cast<int64_t>(bins.tiles_x()) * bins.tiles_y();
    if (tiles == 0) {
        return cudaSuccess;
    }
    rasterise_forward_kernel<<<static_cast<unsigned int>(tiles), kBlockPixels, 0, stream>>>(
        bins.tile_ranges(), bins.entry_gaussian(), projected, bins.tiles_x(), width, height,
        make_float3(background[0], background[1], background[2]), image, final_t, contributors);
    return cudaGetLastError();
}

cudaError_t rasterise_backward(const TileBinner &bins, const ProjectedArrays &projected, int32_t count,
                               int32_t width, int32_t height, const float background[3],
                               const float *image_gradient, const float *final_t, const int32_t *contributors,
                               DeviceScratch &entry_gradients, float *screen_gradients, cudaStream_t stream) {
    cudaError_t error = entry_gradients.ensure(sizeof(float) * kScreenGradientStride *
                                               static_cast<size_t>(bins.entries()));
    if (error != cudaSuccess) {
        return error;
    }
    const int64_t tiles = static_cast<int64_t>(bins.tiles_x()) * bins.tiles_y();
    if (tiles > 0) {
        rasterise_backward_kernel<<<static_cast<unsigned int>(tiles), kBlockPixels, 0, stream>>>(
            bins.tile_ranges(), bins.entry_gaussian(), bins.entry_emission_index(), projected, bins.tiles_x(), width,
            height, make_float3(background[0], background[1], background[2]), image_gradient, final_t, contributors,
            entry_gradients.as<float>());
        error = cudaGetLastError();
        if (error != cudaSuccess) {
            return error;
        }
    }
    const int64_t outputs = static_cast<int64_t>(count) * kScreenGradientStride;
    if (outputs == 0) {
        return cudaSuccess;
    }
    reduce_entry_gradients<<<static_cast<unsigned int>((outputs + kBlockPixels - 1) / kBlockPixels), kBlockPixels, 0,
                             stream>>>(entry_gradients.as<float>(), bins.gaussian_entry_offset(), count,
                                       screen_gradients);
    return cudaGetLastError();
}

}  // namespace f3d::splat

// ---- ABI ----

namespace {

using f3d::splat::ProjectedArrays;

// Checks the twin's seven projected arrays for count Gaussians and returns their device view.
int32_t check_projected(const char *caller, const f3d_stream *stream, const f3d_buffer *mean2d,
                        const f3d_buffer *conic, const f3d_buffer *depth, const f3d_buffer *tile_rect,
                        const f3d_buffer *tiles_touched, const f3d_buffer *rgb, const f3d_buffer *opacity,
                        int32_t count, ProjectedArrays *view) {
    namespace abi = f3d::splat::tile_abi;
    const int64_t n = count;
    F3D_CHECK(f3d::check_buffers(caller, stream,
                                 {{"mean2d", mean2d, 2 * n, sizeof(float)}, {"conic", conic, 3 * n, sizeof(float)},
                                  {"depth", depth, n, sizeof(float)}, {"tile_rect", tile_rect, 4 * n, sizeof(int32_t)},
                                  {"tiles_touched", tiles_touched, n, sizeof(int32_t)},
                                  {"rgb", rgb, 3 * n, sizeof(float)}, {"opacity", opacity, n, sizeof(float)}}));
    *view = abi::binning_view(depth, tile_rect, tiles_touched);
    view->mean2d = static_cast<float *>(mean2d->data);
    view->conic = static_cast<float *>(conic->data);
    view->rgb = static_cast<float *>(rgb->data);
    view->opacity = static_cast<float *>(opacity->data);
    return F3D_OK;
}

// Waits for the launches, so that a kernel fault is reported by this call and the binner's scratch
// is no longer in use when it is freed.
int32_t finish(const char *caller, cudaError_t launch, cudaStream_t stream, int32_t count, int32_t width,
               int32_t height) {
    cudaError_t error = launch == cudaSuccess ? cudaStreamSynchronize(stream) : launch;
    if (error != cudaSuccess) {
        return f3d::fail_cuda(error, "%s: %d Gaussians on a %d x %d image", caller, count, width, height);
    }
    return F3D_OK;
}

}  // namespace

extern "C" F3D_API int32_t f3d_splat_rasterise_forward(
    f3d_stream *stream, const f3d_buffer *mean2d, const f3d_buffer *conic, const f3d_buffer *depth,
    const f3d_buffer *tile_rect, const f3d_buffer *tiles_touched, const f3d_buffer *rgb, const f3d_buffer *opacity,
    int32_t count, int32_t width, int32_t height, float background_red, float background_green,
    float background_blue, f3d_buffer *image, f3d_buffer *final_t, f3d_buffer *contributors) {
    namespace abi = f3d::splat::tile_abi;
    const char *caller = "f3d_splat_rasterise_forward";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_CHECK(abi::check_image(caller, count, width, height));
    ProjectedArrays view;
    F3D_CHECK(check_projected(caller, stream, mean2d, conic, depth, tile_rect, tiles_touched, rgb, opacity, count,
                              &view));
    const int64_t pixels = static_cast<int64_t>(width) * height;
    F3D_CHECK(f3d::check_buffers(caller, stream,
                                 {{"image", image, 3 * pixels, sizeof(float)},
                                  {"final_t", final_t, pixels, sizeof(float)},
                                  {"contributors", contributors, pixels, sizeof(int32_t)}}));
    // The outputs are __restrict__ and written while the projected arrays are read.
    F3D_CHECK(f3d::check_distinct(caller, {{"mean2d", mean2d}, {"conic", conic}, {"depth", depth},
                                           {"tile_rect", tile_rect}, {"tiles_touched", tiles_touched}, {"rgb", rgb},
                                           {"opacity", opacity}, {"image", image}, {"final_t", final_t},
                                           {"contributors", contributors}}));
    F3D_CHECK(f3d::use_device(stream->device, caller));
    f3d::splat::TileBinner bins;
    abi::BinnerRelease release_at_exit{bins};
    F3D_CHECK(abi::bin(caller, bins, view, count, width, height, stream->stream));
    const float background[3] = {background_red, background_green, background_blue};
    cudaError_t launch = f3d::splat::rasterise_forward(bins, view, width, height, background,
                                                       static_cast<float *>(image->data),
                                                       static_cast<float *>(final_t->data),
                                                       static_cast<int32_t *>(contributors->data), stream->stream);
    return finish(caller, launch, stream->stream, count, width, height);
}

extern "C" F3D_API int32_t f3d_splat_rasterise_backward(
    f3d_stream *stream, const f3d_buffer *mean2d, const f3d_buffer *conic, const f3d_buffer *depth,
    const f3d_buffer *tile_rect, const f3d_buffer *tiles_touched, const f3d_buffer *rgb, const f3d_buffer *opacity,
    int32_t count, int32_t width, int32_t height, float background_red, float background_green,
    float background_blue, const f3d_buffer *image_gradient, const f3d_buffer *final_t,
    const f3d_buffer *contributors, f3d_buffer *screen_gradients) {
    namespace abi = f3d::splat::tile_abi;
    const char *caller = "f3d_splat_rasterise_backward";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_CHECK(abi::check_image(caller, count, width, height));
    ProjectedArrays view;
    F3D_CHECK(check_projected(caller, stream, mean2d, conic, depth, tile_rect, tiles_touched, rgb, opacity, count,
                              &view));
    const int64_t pixels = static_cast<int64_t>(width) * height;
    F3D_CHECK(f3d::check_buffers(
        caller, stream,
        {{"image_gradient", image_gradient, 3 * pixels, sizeof(float)}, {"final_t", final_t, pixels, sizeof(float)},
         {"contributors", contributors, pixels, sizeof(int32_t)},
         {"screen_gradients", screen_gradients, static_cast<int64_t>(count) * f3d::splat::kScreenGradientStride,
          sizeof(float)}}));
    F3D_CHECK(f3d::check_distinct(caller, {{"mean2d", mean2d}, {"conic", conic}, {"depth", depth},
                                           {"tile_rect", tile_rect}, {"tiles_touched", tiles_touched}, {"rgb", rgb},
                                           {"opacity", opacity}, {"image_gradient", image_gradient},
                                           {"final_t", final_t}, {"contributors", contributors},
                                           {"screen_gradients", screen_gradients}}));
    F3D_CHECK(f3d::use_device(stream->device, caller));
    f3d::splat::TileBinner bins;
    abi::BinnerRelease release_at_exit{bins};
    F3D_CHECK(abi::bin(caller, bins, view, count, width, height, stream->stream));
    f3d::splat::DeviceScratch entry_gradients;
    struct ScratchRelease {
        f3d::splat::DeviceScratch &scratch;
        ~ScratchRelease() { scratch.release(); }
    } release_entry_gradients{entry_gradients};
    const float background[3] = {background_red, background_green, background_blue};
    cudaError_t launch = f3d::splat::rasterise_backward(
        bins, view, count, width, height, background, static_cast<const float *>(image_gradient->data),
        static_cast<const float *>(final_t->data), static_cast<const int32_t *>(contributors->data), entry_gradients,
        static_cast<float *>(screen_gradients->data), stream->stream);
    return finish(caller, launch, stream->stream, count, width, height);
}
