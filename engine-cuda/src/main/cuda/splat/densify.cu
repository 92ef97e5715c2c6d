// Densification on the device: gradient statistics, the clone / split / prune decision and the
// stream compaction, mirroring CpuSplatSession.accumulateDensifyStatistics and Densification.run
// (engine-native dev.forge3d.engine.splat) step for step:
//
//   decide       one action per Gaussian (keep, clone, split) from its mean gradient and scale;
//   cap          when the candidates exceed the room left under max_gaussians, a radix sort of
//                (gradient bits, index) keys drops the lowest ones, as the twin's sort does;
//   keep flags   3n flags: [i] the original survives, [n + i] its clone does, [2n + i] = 2 when its
//                two split children do; their exclusive prefix sum (CUB) is every output's index,
//                in the twin's order (originals not split, clones, children, each in source order);
//   write        one thread per source Gaussian copies or samples what it becomes.
//
// Float arithmetic uses the __f*_rn intrinsics where the twin's expressions could otherwise be
// contracted into fused multiply-adds (Java never fuses), and exp / log in double, then rounded to
// float, as the twin's (float) Math.exp / Math.log do. The split samples come from the same
// counter-based generator as CounterRandom in the twin.
#include <cub/cub.cuh>

#include "../common/handles.cuh"
#include "splat_ops.cuh"
#include "strict_float.cuh"

namespace f3d::splat {
namespace {

constexpr int kThreadsPerBlock = 256;
constexpr uint8_t kKeep = 0;
constexpr uint8_t kClone = 1;
constexpr uint8_t kSplit = 2;
constexpr float kSplitScaleDivisor = 1.6f;
// Signed 64-bit order (the twin sorts Java longs) as unsigned order: flip the sign bit.
constexpr uint64_t kSignBit = 0x8000000000000000ull;
constexpr uint64_t kNotACandidate = ~0ull;  // sorts after every candidate key
// Slots of the device counters read back by plan().
constexpr int kCandidates = 0;
constexpr int kCloned = 1;
constexpr int kSplitCount = 2;
constexpr int kKept = 3;
constexpr int kCounterSlots = 4;

unsigned int blocks_for(int64_t items) {
    return static_cast<unsigned int>((items + kThreadsPerBlock - 1) / kThreadsPerBlock);
}

__device__ __forceinline__ float exp_as_twin(float x) {
    return static_cast<float>(exp(static_cast<double>(x)));
}

__device__ __forceinline__ float log_as_twin(float x) {
    return static_cast<float>(log(static_cast<double>(x)));
}

// Densification.maxScale: the exponential of the largest of three log-scales. Math.max, not fmaxf: a
// NaN log-scale must win, as in the twin, or clone / split and the prune would decide otherwise.
__device__ __forceinline__ float max_scale(float a, float b, float c) {
    return exp_as_twin(java_max(a, java_max(b, c)).v);
}

// Densification.splitLogScale.
__device__ __forceinline__ float split_log_scale(float log_scale) {
    return log_as_twin(__fdiv_rn(exp_as_twin(log_scale), kSplitScaleDivisor));
}

// Densification.logit: log(p / (1 - p)) with the quotient in float.
__device__ __forceinline__ float logit_as_twin(float p) {
    return log_as_twin(__fdiv_rn(p, __fsub_rn(1.0f, p)));
}

// CounterRandom.mix: the splitmix64 finaliser.
__host__ __device__ __forceinline__ uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

constexpr uint64_t kGamma = 0x9E3779B97F4A7C15ull;

// CounterRandom.hash: 64 bits of the four coordinates.
__host__ __device__ __forceinline__ uint64_t counter_hash(uint64_t seed, uint64_t call_index, uint64_t gaussian,
                                                          uint64_t draw) {
    uint64_t h = mix(seed + kGamma);
    h = mix(h ^ mix(call_index + kGamma));
    h = mix(h ^ mix(gaussian + kGamma));
    return mix(h ^ mix(draw + kGamma));
}

// CounterRandom.normal: Box-Muller in double on the two 32-bit halves of the coordinates' hash.
__device__ float counter_normal(uint64_t seed, uint64_t call_index, uint64_t gaussian, uint64_t draw) {
    const uint64_t h = counter_hash(seed, call_index, gaussian, draw);
    const double two_to_minus_32 = 2.3283064365386963e-10;  // 0x1p-32
    const double u1 = __dmul_rn(static_cast<double>((h >> 32) + 1), two_to_minus_32);  // (0, 1]
    const double u2 = __dmul_rn(static_cast<double>(h & 0xFFFFFFFFull), two_to_minus_32);  // [0, 1)
    const double two_pi = 2.0 * 3.141592653589793;  // Java's 2.0 * Math.PI, exact
    return static_cast<float>(__dmul_rn(sqrt(__dmul_rn(-2.0, log(u1))), cos(__dmul_rn(two_pi, u2))));
}

// Adds one block's count of `predicate` to *counter; every thread of the block must call it.
__device__ __forceinline__ void count_in_block(bool predicate, int32_t *counter) {
    const int block_count = __syncthreads_count(predicate);
    if (threadIdx.x == 0 && block_count > 0) {
        atomicAdd(counter, block_count);
    }
}

// ---- statistics ----

__global__ void accumulate_statistics_kernel(const int32_t *__restrict__ radius,
                                             const float *__restrict__ screen_gradients, int32_t count, float half_w,
                                             float half_h, float *__restrict__ gradient_sum,
                                             int32_t *__restrict__ gradient_count, float *__restrict__ max_radius) {
    const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i >= count || radius[i] == 0) {
        return;
    }
    const float gu = __fmul_rn(screen_gradients[kScreenGradientStride * i + 0], half_w);
    const float gv = __fmul_rn(screen_gradients[kScreenGradientStride * i + 1], half_h);
    gradient_sum[i] = __fadd_rn(gradient_sum[i], __fsqrt_rn(__fadd_rn(__fmul_rn(gu, gu), __fmul_rn(gv, gv))));
    gradient_count[i] += 1;
    max_radius[i] = fmaxf(max_radius[i], static_cast<float>(radius[i]));
}

// ---- plan ----

// Densification.decide, the mean gradient as CpuSplatSession.meanGradients computes it, and the
// sort key of each candidate as dropLowestGradients builds it.
__global__ void decide_kernel(const float *__restrict__ log_scales, const float *__restrict__ gradient_sum,
                              const int32_t *__restrict__ gradient_count, int32_t count, float gradient_threshold,
                              float percent_dense, float scene_extent, uint8_t *__restrict__ action,
                              uint64_t *__restrict__ sort_keys, int32_t *__restrict__ counters) {
    const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    bool candidate = false;
    if (i < count) {
        const int32_t views = gradient_count[i];
        const float mean = views == 0 ? 0.0f : __fdiv_rn(gradient_sum[i], static_cast<float>(views));
        candidate = mean >= gradient_threshold;
        uint8_t decided = kKeep;
        uint64_t key = kNotACandidate;
        if (candidate) {
            const float dense_limit = __fmul_rn(percent_dense, scene_extent);
            const float largest = max_scale(log_scales[3 * i], log_scales[3 * i + 1], log_scales[3 * i + 2]);
            decided = largest <= dense_limit ? kClone : kSplit;
            // ((long) floatToRawIntBits(mean) << 32) | i, in signed order.
            const uint64_t bits = static_cast<uint64_t>(__float_as_uint(mean));
            key = ((bits << 32) | static_cast<uint64_t>(i)) ^ kSignBit;
        }
        action[i] = decided;
        if (sort_keys != nullptr) {
            sort_keys[i] = key;
        }
    }
    count_in_block(candidate, counters + kCandidates);
}

// dropLowestGradients: the first (candidates - budget) sorted keys lose their action.
__global__ void drop_lowest_kernel(const uint64_t *__restrict__ sorted_keys, int32_t count, int32_t budget,
                                   const int32_t *__restrict__ counters, uint8_t *__restrict__ action) {
    const int64_t k = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    const int64_t drop = static_cast<int64_t>(counters[kCandidates]) - budget;
    if (k < count && k < drop) {
        action[static_cast<uint32_t>(sorted_keys[k] ^ kSignBit)] = kKeep;
    }
}

// Densification.keepFlags, and the cloned and split counts after the cap.
__global__ void keep_flags_kernel(const float *__restrict__ log_scales, const float *__restrict__ opacity_logits,
                                  const uint8_t *__restrict__ action, const float *__restrict__ max_radius,
                                  int32_t count, DensifyLimits limits, int32_t *__restrict__ flags,
                                  int32_t *__restrict__ counters) {
    const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    uint8_t decided = kKeep;
    if (i < count) {
        decided = action[i];
        const int64_t n = count;
        const float min_logit = logit_as_twin(limits.min_opacity);
        const float world_limit = __fmul_rn(limits.max_world_scale, limits.scene_extent);
        const bool prune_on_screen = limits.max_screen_radius > 0.0f;
        const bool prune_in_world = limits.max_world_scale > 0.0f;
        const bool transparent = opacity_logits[i] < min_logit;
        const float s0 = log_scales[3 * i], s1 = log_scales[3 * i + 1], s2 = log_scales[3 * i + 2];
        if (decided == kSplit) {
            const bool child_too_large =
                prune_in_world && max_scale(split_log_scale(s0), split_log_scale(s1), split_log_scale(s2)) > world_limit;
            flags[i] = 0;
            flags[n + i] = 0;
            flags[2 * n + i] = transparent || child_too_large ? 0 : 2;
        } else {
            const bool too_large = prune_in_world && max_scale(s0, s1, s2) > world_limit;
            // Only the originals have a screen radius: clones are new since the last statistics.
            const bool large_on_screen = prune_on_screen && max_radius[i] > limits.max_screen_radius;
            flags[i] = transparent || too_large || large_on_screen ? 0 : 1;
            flags[n + i] = decided == kClone && !(transparent || too_large) ? 1 : 0;
            flags[2 * n + i] = 0;
        }
    }
    count_in_block(decided == kClone, counters + kCloned);
    count_in_block(decided == kSplit, counters + kSplitCount);
}

// The output count: the exclusive sum's last entry plus the last flag.
__global__ void kept_count_kernel(const int32_t *__restrict__ flags, const int32_t *__restrict__ offsets, int64_t last,
                                  int32_t *__restrict__ counters) {
    counters[kKept] = offsets[last] + flags[last];
}

// ---- apply ----

struct ArraysView {
    float *means, *log_scales, *rotations, *opacity_logits, *sh_dc, *sh_rest;
};

__host__ ArraysView view_of(const GaussianArrays &a) {
    return {a.means, a.log_scales, a.rotations, a.opacity_logits, a.sh_dc, a.sh_rest};
}

// Densification.copy.
__device__ void copy_gaussian(const ArraysView &from, int64_t i, const ArraysView &to, int64_t j) {
    for (int k = 0; k < 3; ++k) {
        to.means[3 * j + k] = from.means[3 * i + k];
        to.log_scales[3 * j + k] = from.log_scales[3 * i + k];
        to.sh_dc[3 * j + k] = from.sh_dc[3 * i + k];
    }
    for (int k = 0; k < 4; ++k) {
        to.rotations[4 * j + k] = from.rotations[4 * i + k];
    }
    to.opacity_logits[j] = from.opacity_logits[i];
    for (int k = 0; k < 3 * kShRestCoefficients; ++k) {
        to.sh_rest[3 * kShRestCoefficients * j + k] = from.sh_rest[3 * kShRestCoefficients * i + k];
    }
}

// The zero moments of a fresh Gaussian (the twin's output arrays start zeroed; these do not).
__device__ void zero_gaussian(const ArraysView &to, int64_t j) {
    for (int k = 0; k < 3; ++k) {
        to.means[3 * j + k] = 0.0f;
        to.log_scales[3 * j + k] = 0.0f;
        to.sh_dc[3 * j + k] = 0.0f;
    }
    for (int k = 0; k < 4; ++k) {
        to.rotations[4 * j + k] = 0.0f;
    }
    to.opacity_logits[j] = 0.0f;
    for (int k = 0; k < 3 * kShRestCoefficients; ++k) {
        to.sh_rest[3 * kShRestCoefficients * j + k] = 0.0f;
    }
}

// Projection.rotation of a unit quaternion, expression for expression.
__device__ void rotation_matrix(float w, float x, float y, float z, float r[9]) {
    r[0] = __fsub_rn(1.0f, __fmul_rn(2.0f, __fadd_rn(__fmul_rn(y, y), __fmul_rn(z, z))));
    r[1] = __fmul_rn(2.0f, __fsub_rn(__fmul_rn(x, y), __fmul_rn(w, z)));
    r[2] = __fmul_rn(2.0f, __fadd_rn(__fmul_rn(x, z), __fmul_rn(w, y)));
    r[3] = __fmul_rn(2.0f, __fadd_rn(__fmul_rn(x, y), __fmul_rn(w, z)));
    r[4] = __fsub_rn(1.0f, __fmul_rn(2.0f, __fadd_rn(__fmul_rn(x, x), __fmul_rn(z, z))));
    r[5] = __fmul_rn(2.0f, __fsub_rn(__fmul_rn(y, z), __fmul_rn(w, x)));
    r[6] = __fmul_rn(2.0f, __fsub_rn(__fmul_rn(x, z), __fmul_rn(w, y)));
    r[7] = __fmul_rn(2.0f, __fadd_rn(__fmul_rn(y, z), __fmul_rn(w, x)));
    r[8] = __fsub_rn(1.0f, __fmul_rn(2.0f, __fadd_rn(__fmul_rn(x, x), __fmul_rn(y, y))));
}

// Densification.writeGaussian: what source Gaussian i becomes, at the indices of the prefix sum.
__global__ void write_kernel(ArraysView params, ArraysView moment1, ArraysView moment2, int32_t count,
                             const uint8_t *__restrict__ action, const int32_t *__restrict__ flags,
                             const int32_t *__restrict__ offsets, uint64_t seed, uint64_t call_index,
                             ArraysView out_params, ArraysView out_moment1, ArraysView out_moment2) {
    const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i >= count) {
        return;
    }
    const int64_t n = count;
    if (action[i] != kSplit) {
        if (flags[i] != 0) {
            const int64_t j = offsets[i];
            copy_gaussian(params, i, out_params, j);
            copy_gaussian(moment1, i, out_moment1, j);
            copy_gaussian(moment2, i, out_moment2, j);
        }
        if (flags[n + i] != 0) {
            const int64_t j = offsets[n + i];
            copy_gaussian(params, i, out_params, j);
            zero_gaussian(out_moment1, j);
            zero_gaussian(out_moment2, j);
        }
        return;
    }
    if (flags[2 * n + i] == 0) {
        return;
    }
    const float qw = params.rotations[4 * i], qx = params.rotations[4 * i + 1];
    const float qy = params.rotations[4 * i + 2], qz = params.rotations[4 * i + 3];
    // (float) Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz): float sums left to right; the
    // double square root rounded to float equals the float one.
    const float squared = __fadd_rn(__fadd_rn(__fadd_rn(__fmul_rn(qw, qw), __fmul_rn(qx, qx)), __fmul_rn(qy, qy)),
                                    __fmul_rn(qz, qz));
    const float qn = __fsqrt_rn(squared);
    float r[9];
    rotation_matrix(__fdiv_rn(qw, qn), __fdiv_rn(qx, qn), __fdiv_rn(qy, qn), __fdiv_rn(qz, qn), r);
    for (int child = 0; child < 2; ++child) {
        const int64_t j = offsets[2 * n + i] + child;
        copy_gaussian(params, i, out_params, j);
        zero_gaussian(out_moment1, j);
        zero_gaussian(out_moment2, j);
        float s[3];
        for (int k = 0; k < 3; ++k) {
            const float log_scale = params.log_scales[3 * i + k];
            const float scale = exp_as_twin(log_scale);
            const float sample = counter_normal(seed, call_index, static_cast<uint64_t>(i),
                                                static_cast<uint64_t>(3 * child + k));
            s[k] = __fmul_rn(sample, scale);
            out_params.log_scales[3 * j + k] = split_log_scale(log_scale);
        }
        for (int k = 0; k < 3; ++k) {
            // mean + r0 * s0 + r1 * s1 + r2 * s2, summed left to right as Java does.
            float m = __fadd_rn(params.means[3 * i + k], __fmul_rn(r[3 * k], s[0]));
            m = __fadd_rn(m, __fmul_rn(r[3 * k + 1], s[1]));
            out_params.means[3 * j + k] = __fadd_rn(m, __fmul_rn(r[3 * k + 2], s[2]));
        }
    }
}

}  // namespace

cudaError_t accumulate_densify_statistics(const ProjectedArrays &projected, const float *screen_gradients,
                                          int32_t count, int32_t width, int32_t height, float *gradient_sum,
                                          int32_t *gradient_count, float *max_radius, cudaStream_t stream) {
    if (count <= 0) {
        return count == 0 ? cudaSuccess : cudaErrorInvalidValue;
    }
    // 0.5f * width in float, as the twin computes it.
    const float half_w = 0.5f * static_cast<float>(width);
    const float half_h = 0.5f * static_cast<float>(height);
    accumulate_statistics_kernel<<<blocks_for(count), kThreadsPerBlock, 0, stream>>>(
        projected.radius, screen_gradients, count, half_w, half_h, gradient_sum, gradient_count, max_radius);
    return cudaGetLastError();
}

cudaError_t Densifier::plan(const ModelArrays &model, const float *gradient_sum, const int32_t *gradient_count,
                            const float *max_radius, const DensifyLimits &limits, DensifyCountsHost *counts,
                            cudaStream_t stream) {
    const int32_t n = model.params.count;
    planned_source_ = -1;
    planned_count_ = -1;
    // 3n flags are scanned with int32 indices and sums.
    if (n < 0 || n > INT32_MAX / 3 || counts == nullptr) {
        return cudaErrorInvalidValue;
    }
    if (n == 0) {
        *counts = {0, 0, 0, 0};
        planned_source_ = 0;
        planned_count_ = 0;
        return cudaSuccess;
    }
    const int64_t flag_count = 3 * static_cast<int64_t>(n);
    const int32_t budget = limits.max_gaussians > n ? limits.max_gaussians - n : 0;
    // Candidates never outnumber the Gaussians, so with room for all of them there is nothing to sort.
    const bool may_cap = budget < n;
    size_t sort_bytes = 0;
    size_t scan_bytes = 0;
    cudaError_t error = cudaSuccess;
    if (may_cap) {
        error = cub::DeviceRadixSort::SortKeys(nullptr, sort_bytes, static_cast<const uint64_t *>(nullptr),
                                               static_cast<uint64_t *>(nullptr), n, 0, 64, stream);
        if (error != cudaSuccess) {
            return error;
        }
    }
    error = cub::DeviceScan::ExclusiveSum(nullptr, scan_bytes, static_cast<const int32_t *>(nullptr),
                                          static_cast<int32_t *>(nullptr), static_cast<int32_t>(flag_count), stream);
    if (error != cudaSuccess) {
        return error;
    }
    const size_t n_bytes = static_cast<size_t>(n);
    if ((error = action_.ensure(n_bytes)) != cudaSuccess ||
        (may_cap && (error = sort_keys_.ensure(2 * n_bytes * sizeof(uint64_t))) != cudaSuccess) ||
        (error = keep_.ensure(static_cast<size_t>(flag_count) * sizeof(int32_t))) != cudaSuccess ||
        (error = offsets_.ensure(static_cast<size_t>(flag_count) * sizeof(int32_t))) != cudaSuccess ||
        (error = temp_.ensure(sort_bytes > scan_bytes ? sort_bytes : scan_bytes)) != cudaSuccess ||
        (error = host_counts_.ensure(kCounterSlots * sizeof(int32_t))) != cudaSuccess) {
        return error;
    }
    uint8_t *action = action_.as<uint8_t>();
    uint64_t *keys = may_cap ? sort_keys_.as<uint64_t>() : nullptr;  // written only when a cap may apply
    uint64_t *sorted_keys = may_cap ? keys + n : nullptr;
    int32_t *flags = keep_.as<int32_t>();
    int32_t *offsets = offsets_.as<int32_t>();
    int32_t *counters = host_counts_.as<int32_t>();
    if ((error = cudaMemsetAsync(counters, 0, kCounterSlots * sizeof(int32_t), stream)) != cudaSuccess) {
        return error;
    }
    const unsigned int blocks = blocks_for(n);
    decide_kernel<<<blocks, kThreadsPerBlock, 0, stream>>>(model.params.log_scales, gradient_sum, gradient_count, n,
                                                           limits.gradient_threshold, limits.percent_dense,
                                                           limits.scene_extent, action, keys, counters);
    if ((error = cudaGetLastError()) != cudaSuccess) {
        return error;
    }
    if (may_cap) {
        error = cub::DeviceRadixSort::SortKeys(temp_.data, sort_bytes, keys, sorted_keys, n, 0, 64, stream);
        if (error != cudaSuccess) {
            return error;
        }
        drop_lowest_kernel<<<blocks, kThreadsPerBlock, 0, stream>>>(sorted_keys, n, budget, counters, action);
        if ((error = cudaGetLastError()) != cudaSuccess) {
            return error;
        }
    }
    keep_flags_kernel<<<blocks, kThreadsPerBlock, 0, stream>>>(model.params.log_scales, model.params.opacity_logits,
                                                               action, max_radius, n, limits, flags, counters);
    if ((error = cudaGetLastError()) != cudaSuccess) {
        return error;
    }
    error = cub::DeviceScan::ExclusiveSum(temp_.data, scan_bytes, flags, offsets, static_cast<int32_t>(flag_count),
                                          stream);
    if (error != cudaSuccess) {
        return error;
    }
    kept_count_kernel<<<1, 1, 0, stream>>>(flags, offsets, flag_count - 1, counters);
    if ((error = cudaGetLastError()) != cudaSuccess) {
        return error;
    }
    // The one read-back of a densification: four integers.
    int32_t host[kCounterSlots];
    if ((error = cudaMemcpyAsync(host, counters, sizeof(host), cudaMemcpyDeviceToHost, stream)) != cudaSuccess ||
        (error = cudaStreamSynchronize(stream)) != cudaSuccess) {
        return error;
    }
    counts->cloned = host[kCloned];
    counts->split = host[kSplitCount];
    counts->count = host[kKept];
    counts->pruned = n + host[kCloned] + host[kSplitCount] - host[kKept];
    planned_source_ = n;
    planned_count_ = host[kKept];
    return cudaSuccess;
}

cudaError_t Densifier::apply(const ModelArrays &source, const float * /*max_radius: planned already*/,
                             const DensifyLimits & /*limits: planned already*/, uint64_t seed, int64_t call_index,
                             const ModelArrays &destination, cudaStream_t stream) {
    const int32_t n = source.params.count;
    // apply() writes what the last plan() decided, for the model it planned.
    if (planned_source_ < 0 || n != planned_source_ || destination.params.count != planned_count_ ||
        destination.moment1.count != planned_count_ || destination.moment2.count != planned_count_) {
        return cudaErrorInvalidValue;
    }
    if (n == 0) {
        return cudaSuccess;
    }
    write_kernel<<<blocks_for(n), kThreadsPerBlock, 0, stream>>>(
        view_of(source.params), view_of(source.moment1), view_of(source.moment2), n, action_.as<uint8_t>(),
        keep_.as<int32_t>(), offsets_.as<int32_t>(), seed, static_cast<uint64_t>(call_index),
        view_of(destination.params), view_of(destination.moment1), view_of(destination.moment2));
    return cudaGetLastError();
}

void Densifier::release() {
    action_.release();
    offsets_.release();
    keep_.release();
    sort_keys_.release();
    temp_.release();
    host_counts_.release();
    planned_source_ = -1;
    planned_count_ = -1;
}

}  // namespace f3d::splat

// ---- the ABI wrappers for the twin tests (forge3d_cuda.h, section "splat densification") ----

namespace {

using f3d::splat::DensifyLimits;
using f3d::splat::GaussianArrays;

constexpr int64_t kFloatsPerGaussian = 3 + 3 + 4 + 1 + 3 + 3 * f3d::splat::kShRestCoefficients;

// The six arrays of a model buffer (see the header): views into one allocation.
GaussianArrays model_arrays(const f3d_buffer *buffer, int32_t count) {
    float *base = static_cast<float *>(buffer->data);
    const int64_t n = count;
    return {count, base, base + 3 * n, base + 6 * n, base + 10 * n, base + 11 * n, base + 14 * n};
}

int32_t check_limits(const char *caller, const DensifyLimits &limits) {
    if (!(limits.scene_extent > 0.0f) || !(limits.min_opacity >= 0.0f && limits.min_opacity < 1.0f) ||
        limits.max_gaussians < 1) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT,
                         "%s: scene_extent %g must be > 0, min_opacity %g in [0, 1), max_gaussians %d >= 1", caller,
                         limits.scene_extent, limits.min_opacity, limits.max_gaussians);
    }
    return F3D_OK;
}

// Statistics and limits shared by plan and apply.
int32_t check_plan_inputs(const char *caller, const f3d_stream *stream, const f3d_buffer *params, int32_t count,
                          const f3d_buffer *gradient_sum, const f3d_buffer *gradient_count,
                          const f3d_buffer *max_radius, const DensifyLimits &limits) {
    if (count < 0 || count > INT32_MAX / 3) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: count %d is outside 0..%d", caller, count, INT32_MAX / 3);
    }
    F3D_CHECK(f3d::check_buffers(caller, stream,
                                 {{"params", params, kFloatsPerGaussian * count, sizeof(float)},
                                  {"gradient_sum", gradient_sum, count, sizeof(float)},
                                  {"gradient_count", gradient_count, count, sizeof(int32_t)},
                                  {"max_radius", max_radius, count, sizeof(float)}}));
    return check_limits(caller, limits);
}

// Releases the densifier's scratch on every path out of an ABI call.
struct ScopedDensifier {
    f3d::splat::Densifier densifier;
    ~ScopedDensifier() { densifier.release(); }
};

int32_t plan_on(f3d::splat::Densifier &densifier, const char *caller, f3d_stream *stream, const f3d_buffer *params,
                int32_t count, const f3d_buffer *gradient_sum, const f3d_buffer *gradient_count,
                const f3d_buffer *max_radius, const DensifyLimits &limits, f3d::splat::DensifyCountsHost *counts) {
    f3d::splat::ModelArrays model{};
    model.params = model_arrays(params, count);
    cudaError_t error = densifier.plan(model, static_cast<const float *>(gradient_sum->data),
                                       static_cast<const int32_t *>(gradient_count->data),
                                       static_cast<const float *>(max_radius->data), limits, counts, stream->stream);
    if (error != cudaSuccess) {
        // The plan's scratch: an action byte, 3 keep flags and 3 offsets per Gaussian, and the
        // sort's 2 keys when the cap may apply (plus CUB's temporary storage).
        const bool may_cap = limits.max_gaussians - static_cast<int64_t>(count) < count;
        const long long scratch_bytes = static_cast<long long>(count) * (1 + 24 + (may_cap ? 16 : 0));
        return f3d::fail_cuda(error, "%s: planning the densification of %d Gaussians (about %lld bytes of scratch)",
                              caller, count, scratch_bytes);
    }
    return F3D_OK;
}

}  // namespace

extern "C" F3D_API int32_t f3d_splat_densify_statistics(f3d_stream *stream, const f3d_buffer *radius,
                                                        const f3d_buffer *screen_gradients, int32_t count,
                                                        int32_t width, int32_t height, f3d_buffer *gradient_sum,
                                                        f3d_buffer *gradient_count, f3d_buffer *max_radius) {
    const char *caller = "f3d_splat_densify_statistics";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    if (count < 0 || width < 1 || height < 1) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: count %d must be >= 0 and the image %d x %d not empty",
                         caller, count, width, height);
    }
    F3D_CHECK(f3d::check_buffer_args(
        caller, stream,
        {{"radius", radius, count, sizeof(int32_t)},
         {"screen_gradients", screen_gradients, static_cast<int64_t>(f3d::splat::kScreenGradientStride) * count,
          sizeof(float)},
         {"gradient_sum", gradient_sum, count, sizeof(float)},
         {"gradient_count", gradient_count, count, sizeof(int32_t)},
         {"max_radius", max_radius, count, sizeof(float)}}));
    if (count == 0) {
        return F3D_OK;
    }
    F3D_CHECK(f3d::use_device(stream->device, caller));
    f3d::splat::ProjectedArrays projected{};
    projected.radius = static_cast<int32_t *>(radius->data);
    F3D_CHECK_CUDA(f3d::splat::accumulate_densify_statistics(
                       projected, static_cast<const float *>(screen_gradients->data), count, width, height,
                       static_cast<float *>(gradient_sum->data), static_cast<int32_t *>(gradient_count->data),
                       static_cast<float *>(max_radius->data), stream->stream),
                   "%s: launch over %d Gaussians", caller, count);
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_splat_densify_plan(f3d_stream *stream, const f3d_buffer *params, int32_t count,
                                                  const f3d_buffer *gradient_sum, const f3d_buffer *gradient_count,
                                                  const f3d_buffer *max_radius, float gradient_threshold,
                                                  float percent_dense, float min_opacity, float max_screen_radius,
                                                  float max_world_scale, float scene_extent, int32_t max_gaussians,
                                                  int32_t *cloned, int32_t *split, int32_t *pruned,
                                                  int32_t *densified_count) {
    const char *caller = "f3d_splat_densify_plan";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_REQUIRE_NOT_NULL(caller, cloned);
    F3D_REQUIRE_NOT_NULL(caller, split);
    F3D_REQUIRE_NOT_NULL(caller, pruned);
    F3D_REQUIRE_NOT_NULL(caller, densified_count);
    const DensifyLimits limits{gradient_threshold, percent_dense,  min_opacity, max_screen_radius,
                               max_world_scale,    scene_extent,   max_gaussians};
    F3D_CHECK(check_plan_inputs(caller, stream, params, count, gradient_sum, gradient_count, max_radius, limits));
    F3D_CHECK(f3d::use_device(stream->device, caller));
    ScopedDensifier scoped;
    f3d::splat::DensifyCountsHost counts{};
    F3D_CHECK(plan_on(scoped.densifier, caller, stream, params, count, gradient_sum, gradient_count, max_radius,
                      limits, &counts));
    *cloned = counts.cloned;
    *split = counts.split;
    *pruned = counts.pruned;
    *densified_count = counts.count;
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_splat_densify_apply(
    f3d_stream *stream, const f3d_buffer *params, const f3d_buffer *moment1, const f3d_buffer *moment2, int32_t count,
    const f3d_buffer *gradient_sum, const f3d_buffer *gradient_count, const f3d_buffer *max_radius,
    float gradient_threshold, float percent_dense, float min_opacity, float max_screen_radius, float max_world_scale,
    float scene_extent, int32_t max_gaussians, int64_t seed, int64_t call_index, f3d_buffer *out_params,
    f3d_buffer *out_moment1, f3d_buffer *out_moment2, int32_t densified_count) {
    const char *caller = "f3d_splat_densify_apply";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    const DensifyLimits limits{gradient_threshold, percent_dense,  min_opacity, max_screen_radius,
                               max_world_scale,    scene_extent,   max_gaussians};
    F3D_CHECK(check_plan_inputs(caller, stream, params, count, gradient_sum, gradient_count, max_radius, limits));
    F3D_CHECK(f3d::check_buffers(caller, stream,
                                 {{"moment1", moment1, kFloatsPerGaussian * count, sizeof(float)},
                                  {"moment2", moment2, kFloatsPerGaussian * count, sizeof(float)}}));
    if (densified_count < 0) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: densified_count %d < 0", caller, densified_count);
    }
    const int64_t out_floats = kFloatsPerGaussian * densified_count;
    F3D_CHECK(f3d::check_buffers(caller, stream,
                                 {{"out_params", out_params, out_floats, sizeof(float)},
                                  {"out_moment1", out_moment1, out_floats, sizeof(float)},
                                  {"out_moment2", out_moment2, out_floats, sizeof(float)}}));
    // The outputs are written while every input is read.
    F3D_CHECK(f3d::check_distinct(caller, {{"out_params", out_params}, {"out_moment1", out_moment1},
                                           {"out_moment2", out_moment2}, {"params", params}, {"moment1", moment1},
                                           {"moment2", moment2}, {"gradient_sum", gradient_sum},
                                           {"gradient_count", gradient_count}, {"max_radius", max_radius}}));
    F3D_CHECK(f3d::use_device(stream->device, caller));
    ScopedDensifier scoped;
    f3d::splat::DensifyCountsHost counts{};
    F3D_CHECK(plan_on(scoped.densifier, caller, stream, params, count, gradient_sum, gradient_count, max_radius,
                      limits, &counts));
    if (counts.count != densified_count) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: densified_count %d is not the planned count %d", caller,
                         densified_count, counts.count);
    }
    f3d::splat::ModelArrays source{model_arrays(params, count), model_arrays(moment1, count),
                                   model_arrays(moment2, count)};
    f3d::splat::ModelArrays destination{model_arrays(out_params, densified_count),
                                        model_arrays(out_moment1, densified_count),
                                        model_arrays(out_moment2, densified_count)};
    cudaError_t error = scoped.densifier.apply(source, static_cast<const float *>(max_radius->data), limits,
                                               static_cast<uint64_t>(seed), call_index, destination, stream->stream);
    if (error == cudaSuccess) {
        error = cudaStreamSynchronize(stream->stream);  // the scratch is freed on return
    }
    if (error != cudaSuccess) {
        return f3d::fail_cuda(error, "%s: writing %d Gaussians from %d", caller, densified_count, count);
    }
    return F3D_OK;
}
