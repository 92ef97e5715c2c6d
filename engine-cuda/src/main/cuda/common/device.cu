// Driver probe, versions and the device query.
#include <dlfcn.h>

#include <cstdio>
#include <cstring>

#include "handles.cuh"

namespace {

struct DriverProbe {
    int32_t status;
    char reason[512];
};

// The static CUDA runtime loads libcuda.so.1 itself, but its error for a missing driver
// ("CUDA driver version is insufficient") hides the real cause; loading it here first lets the
// Java side report "no CUDA driver: libcuda.so.1: cannot open shared object file".
DriverProbe probe_driver() {
    DriverProbe probe{F3D_OK, ""};
    void *driver = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (driver == nullptr) {
        const char *why = dlerror();
        probe.status = F3D_ERROR_NO_DEVICE;
        snprintf(probe.reason, sizeof probe.reason, "no CUDA driver: %s", why != nullptr ? why : "libcuda.so.1 not found");
        return probe;
    }
    // Kept open on purpose: the runtime uses the same library for the life of the process.
    int driver_version = 0;
    cudaError_t error = cudaDriverGetVersion(&driver_version);
    if (error != cudaSuccess) {
        probe.status = f3d::status_of(error);
        snprintf(probe.reason, sizeof probe.reason, "CUDA driver does not answer: %s (%s)", cudaGetErrorString(error),
                 cudaGetErrorName(error));
        return probe;
    }
    // CUDA's minor-version compatibility lets a 13.x runtime run on any 13.y driver, so only the
    // major version must match.
    if (driver_version / 1000 < CUDART_VERSION / 1000) {
        probe.status = F3D_ERROR_NO_DEVICE;
        snprintf(probe.reason, sizeof probe.reason,
                 "CUDA driver too old: it supports CUDA %d.%d, this library needs %d.x (update the NVIDIA driver)",
                 driver_version / 1000, driver_version % 1000 / 10, CUDART_VERSION / 1000);
    }
    return probe;
}

}  // namespace

namespace f3d {

int32_t check_driver() {
    static const DriverProbe probe = probe_driver();  // thread-safe, runs once
    if (probe.status != F3D_OK) {
        return fail(probe.status, "%s", probe.reason);
    }
    return F3D_OK;
}

int32_t use_device(int32_t device, const char *caller) {
    cudaError_t error = cudaSetDevice(device);
    if (error != cudaSuccess) {
        return fail_cuda(error, "%s: cannot use device %d", caller, device);
    }
    return F3D_OK;
}

}  // namespace f3d

extern "C" F3D_API int32_t f3d_runtime_version(int32_t *version) {
    F3D_REQUIRE_NOT_NULL("f3d_runtime_version", version);
    *version = CUDART_VERSION;  // cudaRuntimeGetVersion() returns the same for a static runtime
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_driver_version(int32_t *version) {
    F3D_REQUIRE_NOT_NULL("f3d_driver_version", version);
    F3D_CHECK(f3d::check_driver());
    int value = 0;
    F3D_CHECK_CUDA(cudaDriverGetVersion(&value), "cudaDriverGetVersion");
    *version = value;
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_device_count(int32_t *count) {
    F3D_REQUIRE_NOT_NULL("f3d_device_count", count);
    F3D_CHECK(f3d::check_driver());
    int value = 0;
    cudaError_t error = cudaGetDeviceCount(&value);
    if (error == cudaErrorNoDevice) {
        *count = 0;
        return F3D_OK;
    }
    if (error != cudaSuccess) {
        return f3d::fail_cuda(error, "cudaGetDeviceCount");
    }
    *count = value;
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_device_name(int32_t device, char *buffer, int64_t capacity) {
    F3D_REQUIRE_NOT_NULL("f3d_device_name", buffer);
    if (capacity < 1) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "f3d_device_name: capacity %lld < 1",
                         static_cast<long long>(capacity));
    }
    F3D_CHECK(f3d::check_driver());
    cudaDeviceProp properties;
    F3D_CHECK_CUDA(cudaGetDeviceProperties(&properties, device), "cudaGetDeviceProperties(device %d)", device);
    snprintf(buffer, static_cast<size_t>(capacity), "%s", properties.name);
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_device_memory(int32_t device, int64_t *total_bytes, int64_t *free_bytes) {
    F3D_REQUIRE_NOT_NULL("f3d_device_memory", total_bytes);
    F3D_REQUIRE_NOT_NULL("f3d_device_memory", free_bytes);
    F3D_CHECK(f3d::check_driver());
    F3D_CHECK(f3d::use_device(device, "f3d_device_memory"));
    size_t free_memory = 0;
    size_t total_memory = 0;
    F3D_CHECK_CUDA(cudaMemGetInfo(&free_memory, &total_memory), "cudaMemGetInfo(device %d)", device);
    *total_bytes = static_cast<int64_t>(total_memory);
    *free_bytes = static_cast<int64_t>(free_memory);
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_device_compute_capability(int32_t device, int32_t *major, int32_t *minor) {
    F3D_REQUIRE_NOT_NULL("f3d_device_compute_capability", major);
    F3D_REQUIRE_NOT_NULL("f3d_device_compute_capability", minor);
    F3D_CHECK(f3d::check_driver());
    int major_value = 0;
    int minor_value = 0;
    cudaError_t error = cudaDeviceGetAttribute(&major_value, cudaDevAttrComputeCapabilityMajor, device);
    if (error == cudaSuccess) {
        error = cudaDeviceGetAttribute(&minor_value, cudaDevAttrComputeCapabilityMinor, device);
    }
    if (error != cudaSuccess) {
        return f3d::fail_cuda(error, "cudaDeviceGetAttribute(device %d)", device);
    }
    *major = major_value;
    *minor = minor_value;
    return F3D_OK;
}
