// The fused Adam launcher, shared by f3d_adam_update (adam.cu) and the training session
// (session.cu), so that one kernel serves both and matches CpuFusedAdam in one place.
#pragma once

#include <cstdint>

#include <cuda_runtime.h>

namespace f3d::splat {

// Enqueues one Adam step over count floats, in place; returns the launch status (cudaSuccess
// without a launch when count is 0). Pointers must be distinct: the kernel's are __restrict__.
cudaError_t launch_adam_update(float *params, const float *grads, float *moment1, float *moment2, int64_t count,
                               float learning_rate, float beta1, float beta2, float epsilon, float bias_correction1,
                               float bias_correction2, cudaStream_t stream);

}  // namespace f3d::splat
