// The photometric loss, 0.8 L1 + 0.2 (1 - SSIM), and its gradient: three kernels.
//
//   1. ssim_statistics_kernel, one 16x16 pixel tile of one channel per block: loads the tile and
//      a 5-pixel halo of image and target into shared memory (zero outside the image), blurs the
//      five moments x, y, xx, yy, xy with the separable 11-tap window (rows, then columns), and
//      per pixel computes the SSIM map value and its partials dS/dmu1, dS/dE[xx], dS/dE[xy]; the
//      block's SSIM and L1 sums go to one slot per block, reduced in a fixed order.
//   2. ssim_gradient_kernel, same tiling: blurs the three partial planes (the window is symmetric
//      and the padding zero, so the adjoint of the blur is the blur) and combines them with the
//      L1 sign into dLoss/dimage.
//   3. loss_total_kernel, one block: sums the per-block slots in a fixed order, writes the loss.
//
// PhotometricLoss in engine-native is the CPU twin. Per pixel the arithmetic is the twin's on
// sfloat, and the blur adds the taps in the twin's order (the zero padding only adds +0 terms,
// which leave a sum unchanged), so the maps and the gradient round as the JVM rounds them. The
// twin sums the SSIM map and the L1 terms in double; here they are summed in double too, in a
// fixed tree order, so the loss is deterministic and agrees with the twin to double rounding.
#include <cmath>

#include "../common/handles.cuh"
#include "kernel_args.cuh"
#include "splat_ops.cuh"
#include "strict_float.cuh"

namespace f3d::splat {
namespace {

constexpr int kRadius = 5;                   // PhotometricLoss.RADIUS
constexpr int kTaps = 2 * kRadius + 1;       // 11
constexpr int kTile = 16;                    // output pixels per block side
constexpr int kHalo = kTile + 2 * kRadius;   // 26: input pixels per block side
constexpr int kThreads = kTile * kTile;      // 256
constexpr float kL1Weight = 0.8f;            // PhotometricLoss.L1_WEIGHT
constexpr float kSsimWeight = 0.2f;          // PhotometricLoss.SSIM_WEIGHT
constexpr size_t kAlignment = 256;

struct Window {
    float w[kTaps];
};

// PhotometricLoss.WINDOW: the normalised Gaussian, sigma 1.5, computed in double as the twin does.
Window gaussian_window() {
    Window window;
    double sum = 0;
    for (int k = -kRadius; k <= kRadius; ++k) {
        sum += std::exp(-(k * k) / (2 * 1.5 * 1.5));
    }
    for (int k = -kRadius; k <= kRadius; ++k) {
        window.w[k + kRadius] = static_cast<float>(std::exp(-(k * k) / (2 * 1.5 * 1.5)) / sum);
    }
    return window;
}

// Copies the kHalo x kHalo block of `plane` whose top-left pixel is (x0 - kRadius, y0 - kRadius)
// into tile, with zeros outside the image.
__device__ __forceinline__ void load_halo(const float *__restrict__ plane, int width, int height, int x0, int y0,
                                          float (*tile)[kHalo]) {
    const int tid = threadIdx.y * kTile + threadIdx.x;
    for (int index = tid; index < kHalo * kHalo; index += kThreads) {
        const int row = index / kHalo;
        const int column = index % kHalo;
        const int x = x0 + column - kRadius;
        const int y = y0 + row - kRadius;
        const bool inside = x >= 0 && x < width && y >= 0 && y < height;
        tile[row][column] = inside ? plane[static_cast<int64_t>(y) * width + x] : 0.0f;
    }
}

// The twin's horizontal pass at one output position: taps left to right.
__device__ __forceinline__ sfloat blur_row(const Window &window, const float *taps) {
    sfloat sum = 0.0f;
#pragma unroll
    for (int k = 0; k < kTaps; ++k) {
        sum += sfloat(window.w[k]) * taps[k];
    }
    return sum;
}

// The twin's vertical pass at one output position: taps top to bottom, kTile floats apart.
__device__ __forceinline__ sfloat blur_column(const Window &window, const float *taps) {
    sfloat sum = 0.0f;
#pragma unroll
    for (int k = 0; k < kTaps; ++k) {
        sum += sfloat(window.w[k]) * taps[k * kTile];
    }
    return sum;
}

// Sums values[0..kThreads) into values[0] in a fixed tree order; every thread of the block calls it.
__device__ __forceinline__ void reduce_block(double *values) {
    const int tid = threadIdx.y * kTile + threadIdx.x;
    for (int stride = kThreads / 2; stride > 0; stride /= 2) {
        __syncthreads();
        if (tid < stride) {
            values[tid] += values[tid + stride];
        }
    }
    __syncthreads();
}

// Block b = channel * tiles + tile; tile = tile_y * tiles_x + tile_x.
struct TileOfBlock {
    int channel, x0, y0;
    int64_t block;
};

__device__ __forceinline__ TileOfBlock tile_of_block(int tiles_x) {
    TileOfBlock tile;
    tile.channel = blockIdx.y;
    tile.x0 = static_cast<int>(blockIdx.x % static_cast<unsigned int>(tiles_x)) * kTile;
    tile.y0 = static_cast<int>(blockIdx.x / static_cast<unsigned int>(tiles_x)) * kTile;
    tile.block = static_cast<int64_t>(blockIdx.y) * gridDim.x + blockIdx.x;
    return tile;
}

__global__ void __launch_bounds__(kThreads)
    ssim_statistics_kernel(const float *__restrict__ image, const float *__restrict__ target, int width, int height,
                           int tiles_x, Window window, float *__restrict__ d_mu, float *__restrict__ d_e11,
                           float *__restrict__ d_e12, double *__restrict__ block_sums) {
    __shared__ float x_tile[kHalo][kHalo];
    __shared__ float y_tile[kHalo][kHalo];
    // Horizontally blurred x, y, xx, yy, xy for every halo row and output column.
    __shared__ float rows[5][kHalo][kTile];
    __shared__ double ssim_sums[kThreads];
    __shared__ double l1_sums[kThreads];

    const TileOfBlock tile = tile_of_block(tiles_x);
    const int64_t plane = static_cast<int64_t>(width) * height;
    const int64_t offset = tile.channel * plane;
    load_halo(image + offset, width, height, tile.x0, tile.y0, x_tile);
    load_halo(target + offset, width, height, tile.x0, tile.y0, y_tile);
    __syncthreads();

    const int tid = threadIdx.y * kTile + threadIdx.x;
    for (int index = tid; index < kHalo * kTile; index += kThreads) {
        const int row = index / kTile;
        const int column = index % kTile;
        const float *x = &x_tile[row][column];
        const float *y = &y_tile[row][column];
        // The twin blurs product planes x*x, y*y, x*y, each product rounded to float first.
        float xx[kTaps], yy[kTaps], xy[kTaps];
#pragma unroll
        for (int k = 0; k < kTaps; ++k) {
            xx[k] = __fmul_rn(x[k], x[k]);
            yy[k] = __fmul_rn(y[k], y[k]);
            xy[k] = __fmul_rn(x[k], y[k]);
        }
        rows[0][row][column] = blur_row(window, x).v;
        rows[1][row][column] = blur_row(window, y).v;
        rows[2][row][column] = blur_row(window, xx).v;
        rows[3][row][column] = blur_row(window, yy).v;
        rows[4][row][column] = blur_row(window, xy).v;
    }
    __syncthreads();

    const int px = tile.x0 + threadIdx.x;
    const int py = tile.y0 + threadIdx.y;
    double ssim = 0.0;
    double l1 = 0.0;
    if (px < width && py < height) {
        const sfloat m1 = blur_column(window, &rows[0][threadIdx.y][threadIdx.x]);
        const sfloat m2 = blur_column(window, &rows[1][threadIdx.y][threadIdx.x]);
        const sfloat e11 = blur_column(window, &rows[2][threadIdx.y][threadIdx.x]);
        const sfloat e22 = blur_column(window, &rows[3][threadIdx.y][threadIdx.x]);
        const sfloat e12 = blur_column(window, &rows[4][threadIdx.y][threadIdx.x]);
        const sfloat c1 = sfloat(0.01f) * 0.01f;
        const sfloat c2 = sfloat(0.03f) * 0.03f;
        const sfloat a1 = 2 * m1 * m2 + c1;
        const sfloat a2 = 2 * (e12 - m1 * m2) + c2;
        const sfloat b1 = m1 * m1 + m2 * m2 + c1;
        const sfloat b2 = (e11 - m1 * m1) + (e22 - m2 * m2) + c2;
        const sfloat s = a1 * a2 / (b1 * b2);
        const sfloat x = x_tile[threadIdx.y + kRadius][threadIdx.x + kRadius];
        const sfloat y = y_tile[threadIdx.y + kRadius][threadIdx.x + kRadius];
        ssim = s.v;
        l1 = fabsf((x - y).v);
        const int64_t i = offset + static_cast<int64_t>(py) * width + px;
        d_mu[i] = (s * (2 * m2 / a1 - 2 * m2 / a2 - 2 * m1 / b1 + 2 * m1 / b2)).v;
        d_e11[i] = (-s / b2).v;
        d_e12[i] = (2 * s / a2).v;
    }
    ssim_sums[tid] = ssim;
    l1_sums[tid] = l1;
    reduce_block(ssim_sums);
    reduce_block(l1_sums);
    if (tid == 0) {
        block_sums[2 * tile.block] = ssim_sums[0];
        block_sums[2 * tile.block + 1] = l1_sums[0];
    }
}

__global__ void __launch_bounds__(kThreads)
    ssim_gradient_kernel(const float *__restrict__ image, const float *__restrict__ target, int width, int height,
                         int tiles_x, Window window, const float *__restrict__ d_mu, const float *__restrict__ d_e11,
                         const float *__restrict__ d_e12, float ssim_scale, float l1_scale,
                         float *__restrict__ gradient) {
    __shared__ float partial_tiles[3][kHalo][kHalo];
    __shared__ float rows[3][kHalo][kTile];

    const TileOfBlock tile = tile_of_block(tiles_x);
    const int64_t plane = static_cast<int64_t>(width) * height;
    const int64_t offset = tile.channel * plane;
    load_halo(d_mu + offset, width, height, tile.x0, tile.y0, partial_tiles[0]);
    load_halo(d_e11 + offset, width, height, tile.x0, tile.y0, partial_tiles[1]);
    load_halo(d_e12 + offset, width, height, tile.x0, tile.y0, partial_tiles[2]);
    __syncthreads();

    const int tid = threadIdx.y * kTile + threadIdx.x;
    for (int index = tid; index < kHalo * kTile; index += kThreads) {
        const int row = index / kTile;
        const int column = index % kTile;
#pragma unroll
        for (int p = 0; p < 3; ++p) {
            rows[p][row][column] = blur_row(window, &partial_tiles[p][row][column]).v;
        }
    }
    __syncthreads();

    const int px = tile.x0 + threadIdx.x;
    const int py = tile.y0 + threadIdx.y;
    if (px >= width || py >= height) {
        return;  // no barrier follows
    }
    const sfloat blurred_mu = blur_column(window, &rows[0][threadIdx.y][threadIdx.x]);
    const sfloat blurred_e11 = blur_column(window, &rows[1][threadIdx.y][threadIdx.x]);
    const sfloat blurred_e12 = blur_column(window, &rows[2][threadIdx.y][threadIdx.x]);
    const int64_t i = offset + static_cast<int64_t>(py) * width + px;
    const sfloat x = image[i];
    const sfloat y = target[i];
    const sfloat d_ssim = blurred_mu + 2 * x * blurred_e11 + y * blurred_e12;
    const sfloat diff = x - y;
    gradient[i] = (sfloat(ssim_scale) * d_ssim + sfloat(l1_scale) * java_signum(diff)).v;
}

constexpr int kTotalThreads = 256;

__global__ void __launch_bounds__(kTotalThreads)
    loss_total_kernel(const double *__restrict__ block_sums, int64_t blocks, int64_t plane,
                      float *__restrict__ loss_out) {
    __shared__ double ssim_sums[kTotalThreads];
    __shared__ double l1_sums[kTotalThreads];
    const int tid = threadIdx.x;
    double ssim = 0.0;
    double l1 = 0.0;
    for (int64_t b = tid; b < blocks; b += kTotalThreads) {
        ssim += block_sums[2 * b];
        l1 += block_sums[2 * b + 1];
    }
    ssim_sums[tid] = ssim;
    l1_sums[tid] = l1;
    for (int stride = kTotalThreads / 2; stride > 0; stride /= 2) {
        __syncthreads();
        if (tid < stride) {
            ssim_sums[tid] += ssim_sums[tid + stride];
            l1_sums[tid] += l1_sums[tid + stride];
        }
    }
    if (tid == 0) {
        // The twin: (float) (L1_WEIGHT * l1Sum / n + SSIM_WEIGHT * (1 - ssimSum / n)), in double.
        const double n = 3.0 * static_cast<double>(plane);
        const double l1_term = __dmul_rn(static_cast<double>(kL1Weight), l1_sums[0]) / n;
        const double ssim_term = __dmul_rn(static_cast<double>(kSsimWeight), 1.0 - ssim_sums[0] / n);
        *loss_out = static_cast<float>(__dadd_rn(l1_term, ssim_term));
    }
}

int64_t tile_count(int32_t width, int32_t height) {
    return static_cast<int64_t>((width + kTile - 1) / kTile) * ((height + kTile - 1) / kTile);
}

size_t align_up(size_t bytes) { return (bytes + kAlignment - 1) / kAlignment * kAlignment; }

bool valid_size(int32_t width, int32_t height) {
    return width > 0 && height > 0 && static_cast<int64_t>(width) * height <= kMaxLossPixels;
}

// Scratch: the three partial planes (3 channels each), then two doubles per block.
size_t scratch_bytes(int32_t width, int32_t height) {
    const size_t plane = static_cast<size_t>(width) * static_cast<size_t>(height);
    return align_up(9 * plane * sizeof(float)) + 2 * 3 * static_cast<size_t>(tile_count(width, height)) * sizeof(double);
}

cudaError_t launch_loss(const float *image, const float *target, int32_t width, int32_t height,
                        float *image_gradient, float *loss_out, void *scratch, cudaStream_t stream) {
    const int64_t plane = static_cast<int64_t>(width) * height;
    const int tiles_x = (width + kTile - 1) / kTile;
    const int64_t tiles = tile_count(width, height);
    float *d_mu = static_cast<float *>(scratch);
    float *d_e11 = d_mu + 3 * plane;
    float *d_e12 = d_e11 + 3 * plane;
    double *block_sums =
        reinterpret_cast<double *>(static_cast<char *>(scratch) + align_up(9 * static_cast<size_t>(plane) * sizeof(float)));
    const Window window = gaussian_window();
    const dim3 grid(static_cast<unsigned int>(tiles), 3);
    const dim3 block(kTile, kTile);
    ssim_statistics_kernel<<<grid, block, 0, stream>>>(image, target, width, height, tiles_x, window, d_mu, d_e11,
                                                       d_e12, block_sums);
    cudaError_t error = cudaGetLastError();
    if (error != cudaSuccess) {
        return error;
    }
    // The twin's float scales: -SSIM_WEIGHT / (3f * plane) and L1_WEIGHT / (3f * plane).
    const float pixels = 3.0f * static_cast<float>(plane);
    const float ssim_scale = -kSsimWeight / pixels;
    const float l1_scale = kL1Weight / pixels;
    ssim_gradient_kernel<<<grid, block, 0, stream>>>(image, target, width, height, tiles_x, window, d_mu, d_e11,
                                                     d_e12, ssim_scale, l1_scale, image_gradient);
    error = cudaGetLastError();
    if (error != cudaSuccess) {
        return error;
    }
    loss_total_kernel<<<1, kTotalThreads, 0, stream>>>(block_sums, 3 * tiles, plane, loss_out);
    return cudaGetLastError();
}

}  // namespace

cudaError_t PhotometricLossKernels::loss_and_gradient(const float *image, const float *target, int32_t width,
                                                      int32_t height, float *image_gradient, float *loss_out,
                                                      cudaStream_t stream) {
    if (!valid_size(width, height)) {
        return cudaErrorInvalidValue;
    }
    cudaError_t error = scratch_.ensure(scratch_bytes(width, height));
    if (error != cudaSuccess) {
        return error;
    }
    return launch_loss(image, target, width, height, image_gradient, loss_out, scratch_.data, stream);
}

void PhotometricLossKernels::release() { scratch_.release(); }

}  // namespace f3d::splat

// ---- ABI entry points, for the CPU-twin tests ----

namespace {

int32_t check_image_size(const char *caller, int32_t width, int32_t height) {
    if (!f3d::splat::valid_size(width, height)) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: image size %dx%d is not positive or above %lld pixels",
                         caller, width, height, static_cast<long long>(f3d::splat::kMaxLossPixels));
    }
    return F3D_OK;
}

}  // namespace

extern "C" F3D_API int32_t f3d_splat_loss_scratch_bytes(int32_t width, int32_t height, int64_t *bytes) {
    const char *caller = "f3d_splat_loss_scratch_bytes";
    F3D_REQUIRE_NOT_NULL(caller, bytes);
    F3D_CHECK(check_image_size(caller, width, height));
    *bytes = static_cast<int64_t>(f3d::splat::scratch_bytes(width, height));
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_splat_loss(f3d_stream *stream, const f3d_buffer *image, const f3d_buffer *target,
                                          int32_t width, int32_t height, f3d_buffer *image_gradient, f3d_buffer *loss,
                                          f3d_buffer *scratch) {
    const char *caller = "f3d_splat_loss";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_CHECK(check_image_size(caller, width, height));
    using f3d::BufferArg;
    const int64_t values = f3d::splat::floats(3 * static_cast<int64_t>(width) * height);
    F3D_CHECK(f3d::check_buffer_args(
        caller, stream,
        {BufferArg{"image", image, values}, BufferArg{"target", target, values},
         BufferArg{"image_gradient", image_gradient, values}, BufferArg{"loss", loss, f3d::splat::floats(1)},
         BufferArg{"scratch", scratch, static_cast<int64_t>(f3d::splat::scratch_bytes(width, height))}}));
    F3D_CHECK(f3d::use_device(stream->device, caller));
    using f3d::splat::device_pointer;
    F3D_CHECK_CUDA(f3d::splat::launch_loss(device_pointer<float>(image), device_pointer<float>(target), width, height,
                                           device_pointer<float>(image_gradient), device_pointer<float>(loss),
                                           scratch->data, stream->stream),
                   "%s: launch for %dx%d pixels", caller, width, height);
    return F3D_OK;
}
