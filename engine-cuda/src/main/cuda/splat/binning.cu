// Tile intersection and sort (twin: TileBinning.bin in engine-native).
//
// 1. widen_counts: per Gaussian its entry count (tiles_touched, checked against its tile rectangle)
//    as int64, then an in-place CUB inclusive sum gives each Gaussian's first entry; the total comes
//    back to the host (the one scalar this launcher reads) to size the sort.
// 2. emit_entries: per Gaussian, one 64-bit key per touched tile, row-major over its rectangle, so
//    emission is Gaussian-major and, within a Gaussian, in increasing tile order. The value sorted
//    along is the emission index; the Gaussian of each emission index is kept aside.
// 3. CUB's radix sort over bits [0, 32 + bits of the largest tile index): LSD radix sort is stable,
//    so equal keys keep emission (= Gaussian) order, the twin's tie break.
// 4. Per sorted entry its Gaussian; per tile its [start, end) by binary search over the sorted keys,
//    which also gives empty tiles the twin's empty range at their position.
#include <cub/device/device_radix_sort.cuh>
#include <cub/device/device_scan.cuh>

#include "../common/handles.cuh"
#include "splat_ops.cuh"
#include "tile_abi.cuh"

namespace f3d::splat {

namespace {

constexpr int kThreads = 256;
// The twin's limit (TileBinning.bin): entry indices are int32 everywhere downstream.
constexpr int64_t kMaxEntries = INT32_MAX - 8;

unsigned int blocks_for(int64_t items) {
    return static_cast<unsigned int>((items + kThreads - 1) / kThreads);
}

// offsets[g + 1] = entries of Gaussian g, offsets[0] = 0; flags a Gaussian whose rectangle lies
// outside the tile grid or whose area is not its tiles_touched (emission would then overrun).
__global__ void widen_counts(const int32_t *__restrict__ tile_rect, const int32_t *__restrict__ tiles_touched,
                             int32_t count, int32_t tiles_x, int32_t tiles_y, int64_t *__restrict__ offsets,
                             int32_t *__restrict__ inconsistent) {
    const int32_t g = static_cast<int32_t>(blockIdx.x * blockDim.x + threadIdx.x);
    if (g == 0) {
        offsets[0] = 0;
    }
    if (g >= count) {
        return;
    }
    const int32_t touched = tiles_touched[g];
    int64_t entries = 0;
    if (touched != 0) {
        const int32_t x0 = tile_rect[4 * g], y0 = tile_rect[4 * g + 1];
        const int32_t x1 = tile_rect[4 * g + 2], y1 = tile_rect[4 * g + 3];
        const bool inside = 0 <= x0 && x0 <= x1 && x1 <= tiles_x && 0 <= y0 && y0 <= y1 && y1 <= tiles_y;
        if (touched < 0 || !inside || static_cast<int64_t>(x1 - x0) * (y1 - y0) != touched) {
            *inconsistent = 1;
        } else {
            entries = touched;
        }
    }
    offsets[g + 1] = entries;
}

__global__ void emit_entries(const int32_t *__restrict__ tile_rect, const float *__restrict__ depth,
                             const int64_t *__restrict__ offsets, int32_t count, int32_t tiles_x, int32_t entries,
                             uint64_t *__restrict__ keys, int32_t *__restrict__ emission,
                             int32_t *__restrict__ emission_gaussian, int32_t *__restrict__ gaussian_offset) {
    const int32_t g = static_cast<int32_t>(blockIdx.x * blockDim.x + threadIdx.x);
    if (g == 0) {
        gaussian_offset[count] = entries;
    }
    if (g >= count) {
        return;
    }
    // offsets[count] <= kMaxEntries was checked on the host, so every offset fits an int32.
    int32_t next = static_cast<int32_t>(offsets[g]);
    gaussian_offset[g] = next;
    const int32_t end = static_cast<int32_t>(offsets[g + 1]);
    if (next == end) {
        return;
    }
    const uint64_t depth_bits = __float_as_uint(depth[g]);
    const int32_t x0 = tile_rect[4 * g], y0 = tile_rect[4 * g + 1];
    const int32_t x1 = tile_rect[4 * g + 2], y1 = tile_rect[4 * g + 3];
    for (int32_t ty = y0; ty < y1; ++ty) {
        for (int32_t tx = x0; tx < x1; ++tx) {
            const uint64_t tile = static_cast<uint64_t>(ty) * tiles_x + tx;
            keys[next] = (tile << 32) | depth_bits;
            emission[next] = next;
            emission_gaussian[next] = g;
            ++next;
        }
    }
}

__global__ void gather_entry_gaussians(const int32_t *__restrict__ sorted_emission,
                                       const int32_t *__restrict__ emission_gaussian, int32_t entries,
                                       int32_t *__restrict__ sorted_gaussian) {
    const int32_t e = static_cast<int32_t>(blockIdx.x * blockDim.x + threadIdx.x);
    if (e < entries) {
        sorted_gaussian[e] = emission_gaussian[sorted_emission[e]];
    }
}

// First sorted entry whose tile is >= tile.
__device__ int32_t lower_bound_tile(const uint64_t *sorted_keys, int32_t entries, uint64_t tile) {
    int32_t low = 0, high = entries;
    while (low < high) {
        const int32_t middle = low + (high - low) / 2;
        if ((sorted_keys[middle] >> 32) < tile) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}

__global__ void find_tile_ranges(const uint64_t *__restrict__ sorted_keys, int32_t entries, int32_t tiles,
                                 int32_t *__restrict__ tile_ranges) {
    const int32_t t = static_cast<int32_t>(blockIdx.x * blockDim.x + threadIdx.x);
    if (t < tiles) {
        tile_ranges[2 * t] = lower_bound_tile(sorted_keys, entries, static_cast<uint64_t>(t));
        tile_ranges[2 * t + 1] = lower_bound_tile(sorted_keys, entries, static_cast<uint64_t>(t) + 1);
    }
}

// Bits needed for tile indices 0..tiles-1: the sort leaves the constant-zero high bits alone.
int tile_index_bits(int32_t tiles) {
    int bits = 0;
    while (bits < 31 && (static_cast<int64_t>(1) << bits) < tiles) {
        ++bits;
    }
    return bits;
}

#define F3D_RETURN_IF_ERROR(expression)         \
    do {                                        \
        cudaError_t f3d_error_ = (expression);  \
        if (f3d_error_ != cudaSuccess) {        \
            return f3d_error_;                  \
        }                                       \
    } while (0)

}  // namespace

cudaError_t TileBinner::bin(const ProjectedArrays &projected, int32_t count, int32_t tiles_x, int32_t tiles_y,
                            cudaStream_t stream) {
    entries_ = 0;
    tiles_x_ = tiles_x;
    tiles_y_ = tiles_y;
    // tile_rect is indexed 4 * g in int32.
    if (count < 0 || count > INT32_MAX / 4 || tiles_x < 1 || tiles_y < 1 ||
        static_cast<int64_t>(tiles_x) * tiles_y > INT32_MAX) {
        return cudaErrorInvalidValue;
    }
    const int32_t tiles = tiles_x * tiles_y;
    F3D_RETURN_IF_ERROR(gaussian_offset_.ensure(sizeof(int32_t) * (static_cast<size_t>(count) + 1)));
    F3D_RETURN_IF_ERROR(tile_ranges_.ensure(sizeof(int32_t) * 2 * static_cast<size_t>(tiles)));
    F3D_RETURN_IF_ERROR(entry_offset64_.ensure(sizeof(int64_t) * (static_cast<size_t>(count) + 1)));
    F3D_RETURN_IF_ERROR(inconsistent_.ensure(sizeof(int32_t)));
    int64_t *offsets = entry_offset64_.as<int64_t>();

    F3D_RETURN_IF_ERROR(cudaMemsetAsync(inconsistent_.data, 0, sizeof(int32_t), stream));
    widen_counts<<<blocks_for(static_cast<int64_t>(count) + 1), kThreads, 0, stream>>>(
        projected.tile_rect, projected.tiles_touched, count, tiles_x, tiles_y, offsets, inconsistent_.as<int32_t>());
    F3D_RETURN_IF_ERROR(cudaGetLastError());
    if (count > 0) {
        size_t scan_bytes = 0;
        F3D_RETURN_IF_ERROR(cub::DeviceScan::InclusiveSum(nullptr, scan_bytes, offsets + 1, count, stream));
        F3D_RETURN_IF_ERROR(sort_temp_.ensure(scan_bytes));
        F3D_RETURN_IF_ERROR(cub::DeviceScan::InclusiveSum(sort_temp_.data, scan_bytes, offsets + 1, count, stream));
    }
    int64_t total = 0;
    int32_t inconsistent = 0;
    F3D_RETURN_IF_ERROR(cudaMemcpyAsync(&total, offsets + count, sizeof total, cudaMemcpyDeviceToHost, stream));
    F3D_RETURN_IF_ERROR(
        cudaMemcpyAsync(&inconsistent, inconsistent_.data, sizeof inconsistent, cudaMemcpyDeviceToHost, stream));
    F3D_RETURN_IF_ERROR(cudaStreamSynchronize(stream));
    if (inconsistent != 0) {
        return cudaErrorInvalidValue;  // entries_ stays 0: the rectangles, not the total, are at fault
    }
    entries_ = total;
    if (total > kMaxEntries) {
        return cudaErrorInvalidValue;  // entries_ tells the caller how many were asked for
    }
    const int32_t entries = static_cast<int32_t>(total);
    const size_t n = static_cast<size_t>(entries);
    F3D_RETURN_IF_ERROR(keys_.ensure(sizeof(uint64_t) * n));
    F3D_RETURN_IF_ERROR(sorted_keys_.ensure(sizeof(uint64_t) * n));
    F3D_RETURN_IF_ERROR(emission_.ensure(sizeof(int32_t) * n));
    F3D_RETURN_IF_ERROR(sorted_emission_.ensure(sizeof(int32_t) * n));
    F3D_RETURN_IF_ERROR(emission_gaussian_.ensure(sizeof(int32_t) * n));
    F3D_RETURN_IF_ERROR(sorted_gaussian_.ensure(sizeof(int32_t) * n));

    emit_entries<<<blocks_for(static_cast<int64_t>(count) + 1), kThreads, 0, stream>>>(
        projected.tile_rect, projected.depth, offsets, count, tiles_x, entries, keys_.as<uint64_t>(),
        emission_.as<int32_t>(), emission_gaussian_.as<int32_t>(), gaussian_offset_.as<int32_t>());
    F3D_RETURN_IF_ERROR(cudaGetLastError());
    if (entries > 0) {
        const int end_bit = 32 + tile_index_bits(tiles);
        size_t sort_bytes = 0;
        F3D_RETURN_IF_ERROR(cub::DeviceRadixSort::SortPairs(nullptr, sort_bytes, keys_.as<uint64_t>(),
                                                            sorted_keys_.as<uint64_t>(), emission_.as<int32_t>(),
                                                            sorted_emission_.as<int32_t>(), entries, 0, end_bit,
                                                            stream));
        F3D_RETURN_IF_ERROR(sort_temp_.ensure(sort_bytes));
        F3D_RETURN_IF_ERROR(cub::DeviceRadixSort::SortPairs(sort_temp_.data, sort_bytes, keys_.as<uint64_t>(),
                                                            sorted_keys_.as<uint64_t>(), emission_.as<int32_t>(),
                                                            sorted_emission_.as<int32_t>(), entries, 0, end_bit,
                                                            stream));
        gather_entry_gaussians<<<blocks_for(entries), kThreads, 0, stream>>>(
            sorted_emission_.as<int32_t>(), emission_gaussian_.as<int32_t>(), entries, sorted_gaussian_.as<int32_t>());
        F3D_RETURN_IF_ERROR(cudaGetLastError());
    }
    find_tile_ranges<<<blocks_for(tiles), kThreads, 0, stream>>>(sorted_keys_.as<uint64_t>(), entries, tiles,
                                                                 tile_ranges_.as<int32_t>());
    return cudaGetLastError();
}

void TileBinner::release() {
    for (DeviceScratch *scratch : {&gaussian_offset_, &keys_, &sorted_keys_, &emission_, &sorted_emission_,
                                   &sorted_gaussian_, &tile_ranges_, &sort_temp_, &entry_offset64_,
                                   &emission_gaussian_, &inconsistent_}) {
        scratch->release();
    }
    entries_ = 0;
}

}  // namespace f3d::splat

// ---- ABI ----

extern "C" F3D_API int32_t f3d_splat_bin_tiles(f3d_stream *stream, const f3d_buffer *depth,
                                               const f3d_buffer *tile_rect, const f3d_buffer *tiles_touched,
                                               int32_t count, int32_t width, int32_t height,
                                               f3d_buffer *sorted_keys, f3d_buffer *entry_gaussian,
                                               f3d_buffer *tile_ranges, int64_t *entries) {
    using namespace f3d::splat;
    const char *caller = "f3d_splat_bin_tiles";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_REQUIRE_NOT_NULL(caller, entries);
    *entries = 0;
    F3D_CHECK(tile_abi::check_image(caller, count, width, height));
    F3D_CHECK(f3d::check_buffers(caller, stream,
                                 {{"depth", depth, count, sizeof(float)},
                                  {"tile_rect", tile_rect, 4 * static_cast<int64_t>(count), sizeof(int32_t)},
                                  {"tiles_touched", tiles_touched, count, sizeof(int32_t)}}));
    const bool counting = sorted_keys == nullptr && entry_gaussian == nullptr && tile_ranges == nullptr;
    const int64_t tiles = tile_abi::tile_count(width, height);
    if (!counting) {
        F3D_REQUIRE_NOT_NULL(caller, sorted_keys);
        F3D_REQUIRE_NOT_NULL(caller, entry_gaussian);
        F3D_REQUIRE_NOT_NULL(caller, tile_ranges);
        F3D_CHECK(f3d::check_holds(caller, "tile_ranges", tile_ranges, stream, 2 * tiles, sizeof(int32_t)));
        F3D_CHECK(f3d::check_same_device(caller, stream, sorted_keys));
        F3D_CHECK(f3d::check_same_device(caller, stream, entry_gaussian));
        F3D_CHECK(f3d::check_distinct(caller, {{"depth", depth}, {"tile_rect", tile_rect},
                                               {"tiles_touched", tiles_touched}, {"sorted_keys", sorted_keys},
                                               {"entry_gaussian", entry_gaussian}, {"tile_ranges", tile_ranges}}));
    }
    F3D_CHECK(f3d::use_device(stream->device, caller));
    TileBinner bins;
    tile_abi::BinnerRelease release_at_exit{bins};
    F3D_CHECK(tile_abi::bin(caller, bins, tile_abi::binning_view(depth, tile_rect, tiles_touched), count, width,
                            height, stream->stream));
    *entries = bins.entries();
    if (counting) {
        return F3D_OK;
    }
    // The sizes of these two depend on the entry count, known only now.
    F3D_CHECK(f3d::check_buffers(caller, stream,
                                 {{"sorted_keys", sorted_keys, bins.entries(), sizeof(uint64_t)},
                                  {"entry_gaussian", entry_gaussian, bins.entries(), sizeof(int32_t)}}));
    const size_t n = static_cast<size_t>(bins.entries());
    cudaError_t error = cudaSuccess;
    if (n > 0) {
        error = cudaMemcpyAsync(sorted_keys->data, bins.sorted_keys(), n * sizeof(uint64_t),
                                cudaMemcpyDeviceToDevice, stream->stream);
        if (error == cudaSuccess) {
            error = cudaMemcpyAsync(entry_gaussian->data, bins.entry_gaussian(), n * sizeof(int32_t),
                                    cudaMemcpyDeviceToDevice, stream->stream);
        }
    }
    if (error == cudaSuccess) {
        error = cudaMemcpyAsync(tile_ranges->data, bins.tile_ranges(), 2 * static_cast<size_t>(tiles) * sizeof(int32_t),
                                cudaMemcpyDeviceToDevice, stream->stream);
    }
    if (error == cudaSuccess) {
        // The binner's scratch is freed on return: the copies out of it must be done first.
        error = cudaStreamSynchronize(stream->stream);
    }
    if (error != cudaSuccess) {
        return f3d::fail_cuda(error, "%s: copying %lld entries out", caller, static_cast<long long>(n));
    }
    return F3D_OK;
}
