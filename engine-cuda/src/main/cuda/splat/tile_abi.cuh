// Argument checks and plumbing shared by the ABI wrappers of binning.cu and rasterise.cu, which
// take a twin's projected arrays as buffers, bin them, and run one launcher for the CPU-twin tests.
#pragma once

#include "../common/handles.cuh"
#include "splat_ops.cuh"

namespace f3d::splat::tile_abi {

// The kernels index the 9 screen-gradient floats of a Gaussian in int32.
constexpr int32_t kMaxGaussians = INT32_MAX / kScreenGradientStride;

inline int64_t tile_count(int32_t width, int32_t height) {
    return static_cast<int64_t>((width + kTileSize - 1) / kTileSize) * ((height + kTileSize - 1) / kTileSize);
}

// 0 <= count <= kMaxGaussians, and an image of at least one pixel whose three planes index in int32.
inline int32_t check_image(const char *caller, int32_t count, int32_t width, int32_t height) {
    if (count < 0 || count > kMaxGaussians) {
        return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: count %d is outside 0..%d", caller, count, kMaxGaussians);
    }
    if (width < 1 || height < 1 || 3 * static_cast<int64_t>(width) * height > INT32_MAX) {
        return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: image %d x %d must have 1 to %d pixels", caller, width, height,
                    INT32_MAX / 3);
    }
    return F3D_OK;
}

// What binning reads of the projected arrays; the rest stay null.
inline ProjectedArrays binning_view(const f3d_buffer *depth, const f3d_buffer *tile_rect,
                                    const f3d_buffer *tiles_touched) {
    ProjectedArrays view{};
    view.depth = static_cast<float *>(depth->data);
    view.tile_rect = static_cast<int32_t *>(tile_rect->data);
    view.tiles_touched = static_cast<int32_t *>(tiles_touched->data);
    return view;
}

// Frees the binner's scratch when the ABI call returns, whichever way.
struct BinnerRelease {
    TileBinner &bins;
    ~BinnerRelease() { bins.release(); }
};

// Runs bins.bin and turns its failures into statuses with messages.
inline int32_t bin(const char *caller, TileBinner &bins, const ProjectedArrays &projected, int32_t count,
                   int32_t width, int32_t height, cudaStream_t stream) {
    const int32_t tiles_x = (width + kTileSize - 1) / kTileSize;
    const int32_t tiles_y = (height + kTileSize - 1) / kTileSize;
    cudaError_t error = bins.bin(projected, count, tiles_x, tiles_y, stream);
    if (error == cudaSuccess) {
        return F3D_OK;
    }
    if (error == cudaErrorInvalidValue && bins.entries() > 0) {
        return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: %lld tile intersections, more than the %d supported", caller,
                    static_cast<long long>(bins.entries()), INT32_MAX - 8);
    }
    if (error == cudaErrorInvalidValue) {
        return fail(F3D_ERROR_INVALID_ARGUMENT,
                    "%s: a Gaussian's tile_rect lies outside the %d x %d tile grid or its area is not its "
                    "tiles_touched",
                    caller, tiles_x, tiles_y);
    }
    return fail_cuda(error, "%s: binning %d Gaussians into %d x %d tiles", caller, count, tiles_x, tiles_y);
}

}  // namespace f3d::splat::tile_abi
