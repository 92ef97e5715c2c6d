// Grow-only device scratch for the splat launchers (splat_ops.cuh).
#include "splat_ops.cuh"

namespace f3d::splat {

namespace {
thread_local size_t failed_request = 0;
}

size_t DeviceScratch::last_failed_request() {
    return failed_request;
}

cudaError_t DeviceScratch::ensure(size_t needed) {
    if (needed <= bytes) {
        return cudaSuccess;
    }
    // Grow by half again, so that a model that densifies step after step reallocates rarely.
    size_t grown = needed + needed / 2;
    void *fresh = nullptr;
    cudaError_t error = cudaMalloc(&fresh, grown);
    if (error != cudaSuccess) {
        failed_request = grown;
        cudaGetLastError();  // clear the sticky-free allocation error so later launches are not blamed
        return error;
    }
    release();
    data = fresh;
    bytes = grown;
    return cudaSuccess;
}

void DeviceScratch::release() {
    if (data != nullptr) {
        cudaFree(data);
        data = nullptr;
        bytes = 0;
    }
}

}  // namespace f3d::splat
