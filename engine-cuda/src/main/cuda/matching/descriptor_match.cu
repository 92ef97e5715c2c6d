// Brute-force descriptor matching with Lowe's ratio test and a cross-check, the twin of
// CpuDescriptorMatcher (engine-native dev.forge3d.engine.cpu):
//
//   norms      |a_i|^2 and |b_j|^2, one thread per row, fused multiply-adds in index order exactly
//              as the twin's squaredNorms (Math.fma), so they are bit-identical;
//   tiles      a GEMM-like kernel: each 256-thread block computes a 64 x 64 tile of squared
//              distances |a|^2 + |b|^2 - 2 a.b (the twin's expression, in its float order), from
//              shared-memory tiles of 32 dimensions of 64 rows of A and of B, each thread a 4 x 4
//              block of dot products; then the tile's nearest two per row of A and per row of B;
//   merge      per row of A over the column tiles, per row of B over the row tiles, in order;
//   select     the cross-check and both ratio tests, then a prefix sum that writes the matches in
//              increasing i.
//
// Ties: "nearest" is the least (distance, index) pair, so equal distances go to the lower index,
// as in the twin's scan in increasing order with strict comparisons; the second nearest is the
// second least distance counting repeats, as the twin's update gives it.
//
// The one difference from the twin: its dot products come from OpenBLAS sgemm, whose summation
// order (blocking, vector lanes) is its own, while here each dot product is a chain of fused
// multiply-adds in index order. Distances therefore differ by float rounding (a relative 1e-6 or
// so of the norms), and a match can differ only where the twin's decision is that close to a tie:
// two neighbours within that distance of each other, or a distance ratio within it of the ratio.
#include <cub/cub.cuh>

#include <cmath>

#include "../common/handles.cuh"

namespace {

constexpr int kTile = 64;             // rows of A and of B per block
constexpr int kDepth = 32;            // dimensions per shared-memory step
constexpr int kThreadsPerSide = 16;   // 16 x 16 threads
constexpr int kPerThread = kTile / kThreadsPerSide;  // 4 x 4 distances per thread
constexpr int kThreads = kThreadsPerSide * kThreadsPerSide;
constexpr int kNoIndex = INT32_MAX;   // padding: loses every tie against a real row
constexpr int kRowThreads = 256;

// The nearest (distance, index) and the second-nearest distance of one row.
struct Nearest {
    float best1;
    float best2;
    int32_t index;
};

__device__ __forceinline__ Nearest empty_nearest() {
    return {INFINITY, INFINITY, kNoIndex};
}

__device__ __forceinline__ bool precedes(float d1, int32_t i1, float d2, int32_t i2) {
    return d1 < d2 || (d1 == d2 && i1 < i2);
}

// Associative and commutative: the result depends on the multiset of distances only.
__device__ __forceinline__ Nearest merge(const Nearest &x, const Nearest &y) {
    if (precedes(x.best1, x.index, y.best1, y.index)) {
        return {x.best1, fminf(x.best2, y.best1), x.index};
    }
    return {y.best1, fminf(y.best2, x.best1), y.index};
}

__device__ __forceinline__ Nearest with_candidate(const Nearest &x, float distance, int32_t index) {
    return merge(x, Nearest{distance, INFINITY, index});
}

// CpuDescriptorMatcher.squaredNorms.
__global__ void squared_norms_kernel(const float *__restrict__ rows, int32_t count, int32_t dimension,
                                     float *__restrict__ norms) {
    const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i >= count) {
        return;
    }
    const float *row = rows + i * dimension;
    float sum = 0.0f;
    for (int32_t k = 0; k < dimension; ++k) {
        sum = __fmaf_rn(row[k], row[k], sum);
    }
    norms[i] = sum;
}

// One 64 x 64 tile: rows a0.. of A (blockIdx.y) against rows b0.. of B (blockIdx.x). Writes the
// tile's nearest two per row of A to row_partial[blockIdx.x * count_a + i] and per row of B to
// column_partial[blockIdx.y * count_b + j].
__global__ void __launch_bounds__(kThreads) distance_tile_kernel(
    const float *__restrict__ a, int32_t count_a, const float *__restrict__ b, int32_t count_b, int32_t dimension,
    const float *__restrict__ norm_a, const float *__restrict__ norm_b, Nearest *__restrict__ row_partial,
    Nearest *__restrict__ column_partial) {
    // Transposed (dimension-major) tiles; the +1 keeps the transposing stores off one bank.
    __shared__ float tile_a[kDepth][kTile + 1];
    __shared__ float tile_b[kDepth][kTile + 1];
    __shared__ Nearest row_part[kThreadsPerSide][kTile];     // [tx][row]: over that thread's 4 columns
    __shared__ Nearest column_part[kThreadsPerSide][kTile];  // [ty][column]: over that thread's 4 rows

    const int tx = threadIdx.x % kThreadsPerSide;
    const int ty = threadIdx.x / kThreadsPerSide;
    const int64_t a0 = static_cast<int64_t>(blockIdx.y) * kTile;
    const int64_t b0 = static_cast<int64_t>(blockIdx.x) * kTile;

    float dot[kPerThread][kPerThread];
    for (int r = 0; r < kPerThread; ++r) {
        for (int c = 0; c < kPerThread; ++c) {
            dot[r][c] = 0.0f;
        }
    }
    for (int32_t k0 = 0; k0 < dimension; k0 += kDepth) {
        // 64 rows x 32 dimensions of each matrix, 8 elements per thread, consecutive threads on
        // consecutive dimensions of a row (coalesced). Outside the matrices: zeros, which leave a
        // fused multiply-add chain unchanged.
        for (int e = threadIdx.x; e < kTile * kDepth; e += kThreads) {
            const int row = e / kDepth;
            const int k = e % kDepth;
            const int64_t dim = k0 + k;
            const int64_t ra = a0 + row;
            const int64_t rb = b0 + row;
            tile_a[k][row] = (ra < count_a && dim < dimension) ? a[ra * dimension + dim] : 0.0f;
            tile_b[k][row] = (rb < count_b && dim < dimension) ? b[rb * dimension + dim] : 0.0f;
        }
        __syncthreads();
        for (int k = 0; k < kDepth; ++k) {
            float av[kPerThread];
            float bv[kPerThread];
            for (int r = 0; r < kPerThread; ++r) {
                av[r] = tile_a[k][ty + kThreadsPerSide * r];
            }
            for (int c = 0; c < kPerThread; ++c) {
                bv[c] = tile_b[k][tx + kThreadsPerSide * c];
            }
            for (int r = 0; r < kPerThread; ++r) {
                for (int c = 0; c < kPerThread; ++c) {
                    dot[r][c] = __fmaf_rn(av[r], bv[c], dot[r][c]);
                }
            }
        }
        __syncthreads();  // before the next step overwrites the tiles
    }

    // Distances, and this thread's nearest two per row (over its columns) and per column (over its rows).
    Nearest per_column[kPerThread];
    for (int c = 0; c < kPerThread; ++c) {
        per_column[c] = empty_nearest();
    }
    for (int r = 0; r < kPerThread; ++r) {
        const int64_t i = a0 + ty + kThreadsPerSide * r;
        Nearest per_row = empty_nearest();
        if (i < count_a) {
            const float row_norm = norm_a[i];
            for (int c = 0; c < kPerThread; ++c) {
                const int64_t j = b0 + tx + kThreadsPerSide * c;
                if (j < count_b) {
                    // rowNorm + normB[j] - 2 * dot, left to right, no contraction.
                    const float distance = __fsub_rn(__fadd_rn(row_norm, norm_b[j]), __fmul_rn(2.0f, dot[r][c]));
                    per_row = with_candidate(per_row, distance, static_cast<int32_t>(j));
                    per_column[c] = with_candidate(per_column[c], distance, static_cast<int32_t>(i));
                }
            }
        }
        row_part[tx][ty + kThreadsPerSide * r] = per_row;
    }
    for (int c = 0; c < kPerThread; ++c) {
        column_part[ty][tx + kThreadsPerSide * c] = per_column[c];
    }
    __syncthreads();
    if (threadIdx.x < kTile) {
        const int row = threadIdx.x;
        const int64_t i = a0 + row;
        if (i < count_a) {
            Nearest merged = row_part[0][row];
            for (int t = 1; t < kThreadsPerSide; ++t) {
                merged = merge(merged, row_part[t][row]);
            }
            row_partial[static_cast<int64_t>(blockIdx.x) * count_a + i] = merged;
        }
    } else if (threadIdx.x < 2 * kTile) {
        const int column = threadIdx.x - kTile;
        const int64_t j = b0 + column;
        if (j < count_b) {
            Nearest merged = column_part[0][column];
            for (int t = 1; t < kThreadsPerSide; ++t) {
                merged = merge(merged, column_part[t][column]);
            }
            column_partial[static_cast<int64_t>(blockIdx.y) * count_b + j] = merged;
        }
    }
}

// Merges one row's partials over the tiles of the other set, in tile order.
__global__ void merge_partials_kernel(const Nearest *__restrict__ partial, int32_t count, int32_t tiles,
                                      Nearest *__restrict__ nearest) {
    const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i >= count) {
        return;
    }
    Nearest merged = partial[i];
    for (int32_t t = 1; t < tiles; ++t) {
        merged = merge(merged, partial[static_cast<int64_t>(t) * count + i]);
    }
    nearest[i] = merged;
}

// CpuDescriptorMatcher.passes: d1 < ratio * d2 on distances, from squared distances.
__device__ __forceinline__ bool passes(float best1, float best2, float ratio2, float ratio) {
    return ratio >= 1.0f || fmaxf(best1, 0.0f) < __fmul_rn(ratio2, fmaxf(best2, 0.0f));
}

// The cross-check and both ratio tests: 1 when row i of A matches its nearest row of B.
__global__ void select_kernel(const Nearest *__restrict__ nearest_a, int32_t count_a,
                              const Nearest *__restrict__ nearest_b, float ratio, int32_t *__restrict__ flags) {
    const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i >= count_a) {
        return;
    }
    const float ratio2 = __fmul_rn(ratio, ratio);
    const Nearest row = nearest_a[i];
    bool match = false;
    if (row.index != kNoIndex) {
        const Nearest column = nearest_b[row.index];
        match = column.index == i && passes(row.best1, row.best2, ratio2, ratio) &&
                passes(column.best1, column.best2, ratio2, ratio);
    }
    flags[i] = match ? 1 : 0;
}

__global__ void write_matches_kernel(const Nearest *__restrict__ nearest_a, const int32_t *__restrict__ flags,
                                     const int32_t *__restrict__ offsets, int32_t count_a, int32_t capacity,
                                     int32_t *__restrict__ matches, int32_t *__restrict__ match_count) {
    const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i >= count_a) {
        return;
    }
    const int32_t slot = offsets[i];
    if (flags[i] != 0 && slot < capacity) {
        matches[2 * static_cast<int64_t>(slot)] = static_cast<int32_t>(i);
        matches[2 * static_cast<int64_t>(slot) + 1] = nearest_a[i].index;
    }
    if (i == count_a - 1) {
        *match_count = slot + flags[i];
    }
}

unsigned int blocks_for(int64_t items) {
    return static_cast<unsigned int>((items + kRowThreads - 1) / kRowThreads);
}

// Device memory freed on every path out of the call.
class DeviceMemory {
  public:
    DeviceMemory() = default;
    DeviceMemory(const DeviceMemory &) = delete;
    DeviceMemory &operator=(const DeviceMemory &) = delete;
    ~DeviceMemory() {
        if (data_ != nullptr) {
            cudaFree(data_);
        }
    }
    cudaError_t allocate(size_t bytes) {
        cudaError_t error = cudaMalloc(&data_, bytes == 0 ? 1 : bytes);
        if (error != cudaSuccess) {
            data_ = nullptr;
            cudaGetLastError();
        }
        return error;
    }
    template <typename T>
    T *as() const { return static_cast<T *>(data_); }

  private:
    void *data_ = nullptr;
};

}  // namespace

extern "C" F3D_API int32_t f3d_match_descriptors(f3d_stream *stream, const f3d_buffer *a, int32_t count_a,
                                                 const f3d_buffer *b, int32_t count_b, int32_t dimension, float ratio,
                                                 f3d_buffer *matches, int32_t capacity, int32_t *match_count) {
    const char *caller = "f3d_match_descriptors";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_REQUIRE_NOT_NULL(caller, match_count);
    if (count_a < 0 || count_b < 0 || dimension < 1 || capacity < 0) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT,
                         "%s: counts %d and %d and capacity %d must be >= 0, dimension %d >= 1", caller, count_a,
                         count_b, capacity, dimension);
    }
    if (!(ratio > 0.0f && ratio <= 1.0f)) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: ratio %g is outside (0, 1]", caller, ratio);
    }
    F3D_CHECK(f3d::check_buffers(caller, stream,
                                 {{"a", a, static_cast<int64_t>(count_a) * dimension, sizeof(float)},
                                  {"b", b, static_cast<int64_t>(count_b) * dimension, sizeof(float)},
                                  {"matches", matches, capacity, 2 * sizeof(int32_t)}}));  // index pairs
    F3D_CHECK(f3d::check_distinct(caller, {{"a", a}, {"b", b}, {"matches", matches}}));  // __restrict__
    *match_count = 0;
    if (count_a == 0 || count_b == 0) {
        return F3D_OK;
    }
    F3D_CHECK(f3d::use_device(stream->device, caller));
    cudaStream_t queue = stream->stream;

    const int32_t tiles_a = (count_a + kTile - 1) / kTile;  // grid rows
    const int32_t tiles_b = (count_b + kTile - 1) / kTile;  // grid columns
    if (tiles_a > 65535) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: %d rows of A exceed %d", caller, count_a, 65535 * kTile);
    }
    const size_t row_partials = static_cast<size_t>(tiles_b) * count_a;
    const size_t column_partials = static_cast<size_t>(tiles_a) * count_b;
    size_t scan_bytes = 0;
    cudaError_t error = cub::DeviceScan::ExclusiveSum(nullptr, scan_bytes, static_cast<const int32_t *>(nullptr),
                                                      static_cast<int32_t *>(nullptr), count_a, queue);
    F3D_CHECK_CUDA(error, "%s: sizing the prefix sum", caller);
    DeviceMemory norms, partials, nearest, flags, scan_temp, count_out;
    const size_t partial_bytes = (row_partials + column_partials) * sizeof(Nearest);
    if ((error = norms.allocate((static_cast<size_t>(count_a) + count_b) * sizeof(float))) != cudaSuccess ||
        (error = partials.allocate(partial_bytes)) != cudaSuccess ||
        (error = nearest.allocate((static_cast<size_t>(count_a) + count_b) * sizeof(Nearest))) != cudaSuccess ||
        (error = flags.allocate(2 * static_cast<size_t>(count_a) * sizeof(int32_t))) != cudaSuccess ||
        (error = scan_temp.allocate(scan_bytes)) != cudaSuccess ||
        (error = count_out.allocate(sizeof(int32_t))) != cudaSuccess) {
        return f3d::fail_cuda(error, "%s: scratch for %d x %d descriptors (%zu bytes of tile results)", caller,
                              count_a, count_b, partial_bytes);
    }
    const float *a_rows = static_cast<const float *>(a->data);
    const float *b_rows = static_cast<const float *>(b->data);
    float *norm_a = norms.as<float>();
    float *norm_b = norm_a + count_a;
    Nearest *row_partial = partials.as<Nearest>();
    Nearest *column_partial = row_partial + row_partials;
    Nearest *nearest_a = nearest.as<Nearest>();
    Nearest *nearest_b = nearest_a + count_a;
    int32_t *match_flags = flags.as<int32_t>();
    int32_t *offsets = match_flags + count_a;

    squared_norms_kernel<<<blocks_for(count_a), kRowThreads, 0, queue>>>(a_rows, count_a, dimension, norm_a);
    squared_norms_kernel<<<blocks_for(count_b), kRowThreads, 0, queue>>>(b_rows, count_b, dimension, norm_b);
    const dim3 grid(static_cast<unsigned int>(tiles_b), static_cast<unsigned int>(tiles_a));
    distance_tile_kernel<<<grid, kThreads, 0, queue>>>(a_rows, count_a, b_rows, count_b, dimension, norm_a, norm_b,
                                                       row_partial, column_partial);
    merge_partials_kernel<<<blocks_for(count_a), kRowThreads, 0, queue>>>(row_partial, count_a, tiles_b, nearest_a);
    merge_partials_kernel<<<blocks_for(count_b), kRowThreads, 0, queue>>>(column_partial, count_b, tiles_a,
                                                                          nearest_b);
    select_kernel<<<blocks_for(count_a), kRowThreads, 0, queue>>>(nearest_a, count_a, nearest_b, ratio, match_flags);
    F3D_CHECK_CUDA(cudaGetLastError(), "%s: launching the distance kernels for %d x %d descriptors", caller, count_a,
                   count_b);
    F3D_CHECK_CUDA(
        cub::DeviceScan::ExclusiveSum(scan_temp.as<void>(), scan_bytes, match_flags, offsets, count_a, queue),
        "%s: prefix sum of %d match flags", caller, count_a);
    write_matches_kernel<<<blocks_for(count_a), kRowThreads, 0, queue>>>(
        nearest_a, match_flags, offsets, count_a, capacity, static_cast<int32_t *>(matches->data),
        count_out.as<int32_t>());
    int32_t found = 0;
    if ((error = cudaGetLastError()) != cudaSuccess ||
        (error = cudaMemcpyAsync(&found, count_out.as<int32_t>(), sizeof(found), cudaMemcpyDeviceToHost, queue)) !=
            cudaSuccess ||
        (error = cudaStreamSynchronize(queue)) != cudaSuccess) {
        return f3d::fail_cuda(error, "%s: matching %d x %d descriptors", caller, count_a, count_b);
    }
    *match_count = found;
    return F3D_OK;
}
