// The fused Adam update: one pass over params, grads and both moments, in place.
//
// The arithmetic matches CpuFusedAdam operation for operation. The explicit __f*_rn intrinsics
// keep nvcc from contracting a*b+c into a fused multiply-add (Java never does), so with IEEE
// division and square root the GPU and the CPU twin round identically.
#include "../common/handles.cuh"
#include "adam.cuh"

namespace {

constexpr int kThreadsPerBlock = 256;
constexpr int64_t kMaxBlocks = 65535;  // larger arrays are covered by the grid-stride loop

__global__ void adam_update_kernel(float *__restrict__ params, const float *__restrict__ grads,
                                   float *__restrict__ moment1, float *__restrict__ moment2, int64_t count,
                                   float learning_rate, float beta1, float beta2, float epsilon,
                                   float bias_correction1, float bias_correction2) {
    const float one_minus_beta1 = __fsub_rn(1.0f, beta1);
    const float one_minus_beta2 = __fsub_rn(1.0f, beta2);
    const int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
    for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < count; i += stride) {
        const float g = grads[i];
        const float m = __fadd_rn(__fmul_rn(beta1, moment1[i]), __fmul_rn(one_minus_beta1, g));
        const float v = __fadd_rn(__fmul_rn(beta2, moment2[i]), __fmul_rn(__fmul_rn(one_minus_beta2, g), g));
        moment1[i] = m;
        moment2[i] = v;
        const float m_hat = __fdiv_rn(m, bias_correction1);
        const float v_hat = __fdiv_rn(v, bias_correction2);
        const float update = __fdiv_rn(__fmul_rn(learning_rate, m_hat), __fadd_rn(__fsqrt_rn(v_hat), epsilon));
        params[i] = __fsub_rn(params[i], update);
    }
}

}  // namespace

namespace f3d::splat {

cudaError_t launch_adam_update(float *params, const float *grads, float *moment1, float *moment2, int64_t count,
                               float learning_rate, float beta1, float beta2, float epsilon, float bias_correction1,
                               float bias_correction2, cudaStream_t stream) {
    if (count == 0) {
        return cudaSuccess;
    }
    const int64_t blocks_needed = (count + kThreadsPerBlock - 1) / kThreadsPerBlock;
    const unsigned int blocks = static_cast<unsigned int>(blocks_needed < kMaxBlocks ? blocks_needed : kMaxBlocks);
    adam_update_kernel<<<blocks, kThreadsPerBlock, 0, stream>>>(params, grads, moment1, moment2, count, learning_rate,
                                                                 beta1, beta2, epsilon, bias_correction1,
                                                                 bias_correction2);
    return cudaGetLastError();
}

}  // namespace f3d::splat

extern "C" F3D_API int32_t f3d_adam_update(f3d_stream *stream, f3d_buffer *params, const f3d_buffer *grads,
                                           f3d_buffer *moment1, f3d_buffer *moment2, int64_t count,
                                           float learning_rate, float beta1, float beta2, float epsilon,
                                           float bias_correction1, float bias_correction2) {
    const char *caller = "f3d_adam_update";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    if (count < 0) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "f3d_adam_update: count %lld < 0", static_cast<long long>(count));
    }
    F3D_CHECK(f3d::check_buffer_args(caller, stream,
                                     {{"params", params, count, sizeof(float)}, {"grads", grads, count, sizeof(float)},
                                      {"moment1", moment1, count, sizeof(float)},
                                      {"moment2", moment2, count, sizeof(float)}}));
    if (!(bias_correction1 > 0.0f) || !(bias_correction2 > 0.0f)) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "f3d_adam_update: bias corrections %g and %g must be > 0",
                         bias_correction1, bias_correction2);
    }
    if (count == 0) {
        return F3D_OK;
    }
    F3D_CHECK(f3d::use_device(stream->device, caller));
    F3D_CHECK_CUDA(f3d::splat::launch_adam_update(
                       static_cast<float *>(params->data), static_cast<const float *>(grads->data),
                       static_cast<float *>(moment1->data), static_cast<float *>(moment2->data), count, learning_rate,
                       beta1, beta2, epsilon, bias_correction1, bias_correction2, stream->stream),
                   "%s: launch over %lld floats", caller, static_cast<long long>(count));
    return F3D_OK;
}
