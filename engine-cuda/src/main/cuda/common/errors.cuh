// Status codes and the thread-local last-error message shared by every source file.
#pragma once

#include <cuda_runtime.h>

#include "forge3d_cuda.h"

namespace f3d {

// Records a printf-style message as this thread's last error and returns status, so a failing
// check reads `return fail(F3D_ERROR_INVALID_ARGUMENT, "...", ...);`.
int32_t fail(int32_t status, const char *format, ...) __attribute__((format(printf, 2, 3)));

// Like fail(), for a CUDA runtime error: maps it to a status and appends CUDA's own description
// to the context message.
int32_t fail_cuda(cudaError_t error, const char *format, ...) __attribute__((format(printf, 2, 3)));

// The status a CUDA runtime error maps to.
int32_t status_of(cudaError_t error);

}  // namespace f3d
