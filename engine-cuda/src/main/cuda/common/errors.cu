// The thread-local last error: each failing call writes its message here, and Java reads it
// through f3d_last_error() on the same thread right after the failing call returns.
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "errors.cuh"

namespace {

constexpr int kMessageCapacity = 1024;
thread_local char t_last_error[kMessageCapacity] = "";

void write_message(const char *format, va_list args) {
    vsnprintf(t_last_error, sizeof t_last_error, format, args);
}

}  // namespace

namespace f3d {

int32_t status_of(cudaError_t error) {
    switch (error) {
        case cudaSuccess:
            return F3D_OK;
        case cudaErrorMemoryAllocation:
            return F3D_ERROR_OUT_OF_MEMORY;
        case cudaErrorInsufficientDriver:
        case cudaErrorNoDevice:
        case cudaErrorStubLibrary:
        case cudaErrorSystemDriverMismatch:
        case cudaErrorCompatNotSupportedOnDevice:
        case cudaErrorDevicesUnavailable:
        case cudaErrorInitializationError:
            return F3D_ERROR_NO_DEVICE;
        case cudaErrorInvalidValue:
        case cudaErrorInvalidDevice:
            return F3D_ERROR_INVALID_ARGUMENT;
        default:
            return F3D_ERROR_CUDA;
    }
}

int32_t fail(int32_t status, const char *format, ...) {
    va_list args;
    va_start(args, format);
    write_message(format, args);
    va_end(args);
    return status;
}

int32_t fail_cuda(cudaError_t error, const char *format, ...) {
    va_list args;
    va_start(args, format);
    write_message(format, args);
    va_end(args);
    size_t used = strlen(t_last_error);
    snprintf(t_last_error + used, sizeof t_last_error - used, ": %s (%s)", cudaGetErrorString(error),
             cudaGetErrorName(error));
    return status_of(error);
}

}  // namespace f3d

extern "C" F3D_API int32_t f3d_last_error(char *buffer, int64_t capacity) {
    if (buffer == nullptr || capacity < 1) {
        // Leave the message alone: the caller still wants the error it was asking about.
        return F3D_ERROR_INVALID_ARGUMENT;
    }
    size_t limit = capacity < kMessageCapacity ? static_cast<size_t>(capacity) : kMessageCapacity;
    snprintf(buffer, limit, "%s", t_last_error);
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_abi_version(int32_t *version) {
    if (version == nullptr) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "f3d_abi_version: version is null");
    }
    *version = F3D_ABI_VERSION;
    return F3D_OK;
}
