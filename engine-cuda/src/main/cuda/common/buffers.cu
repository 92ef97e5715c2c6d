// Device buffers that know their size, and bounds-checked copies between them and host memory.
#include <new>

#include "handles.cuh"

extern "C" F3D_API int32_t f3d_buffer_alloc(int32_t device, int64_t size_bytes, f3d_buffer **buffer) {
    F3D_REQUIRE_NOT_NULL("f3d_buffer_alloc", buffer);
    *buffer = nullptr;
    if (size_bytes < 1) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "f3d_buffer_alloc: size %lld bytes < 1",
                         static_cast<long long>(size_bytes));
    }
    F3D_CHECK(f3d::check_driver());
    F3D_CHECK(f3d::use_device(device, "f3d_buffer_alloc"));
    f3d_buffer *created = new (std::nothrow) f3d_buffer{device, size_bytes, nullptr};
    if (created == nullptr) {
        return f3d::fail(F3D_ERROR_OUT_OF_MEMORY, "f3d_buffer_alloc: no host memory for the handle");
    }
    cudaError_t error = cudaMalloc(&created->data, static_cast<size_t>(size_bytes));
    if (error != cudaSuccess) {
        delete created;
        // Out of memory is not sticky, but cudaMalloc also records it as the runtime's last error;
        // clear it so the launch check after a later kernel does not report it again.
        cudaGetLastError();
        return f3d::fail_cuda(error, "cudaMalloc of %lld bytes on device %d", static_cast<long long>(size_bytes),
                              device);
    }
    *buffer = created;
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_buffer_free(f3d_buffer *buffer) {
    if (buffer == nullptr) {
        return F3D_OK;
    }
    int32_t status = f3d::use_device(buffer->device, "f3d_buffer_free");
    cudaError_t error = status == F3D_OK ? cudaFree(buffer->data) : cudaSuccess;
    int32_t device = buffer->device;
    long long size = static_cast<long long>(buffer->size_bytes);
    delete buffer;  // the handle is gone whatever CUDA said: Java never uses it again
    if (status != F3D_OK) {
        return status;
    }
    if (error != cudaSuccess) {
        return f3d::fail_cuda(error, "cudaFree of %lld bytes on device %d", size, device);
    }
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_buffer_size(const f3d_buffer *buffer, int64_t *size_bytes) {
    F3D_REQUIRE_NOT_NULL("f3d_buffer_size", buffer);
    F3D_REQUIRE_NOT_NULL("f3d_buffer_size", size_bytes);
    *size_bytes = buffer->size_bytes;
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_copy_host_to_device(f3d_stream *stream, f3d_buffer *destination, int64_t offset_bytes,
                                                   const void *source, int64_t size_bytes) {
    const char *caller = "f3d_copy_host_to_device";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_REQUIRE_NOT_NULL(caller, destination);
    F3D_CHECK(f3d::check_range(caller, destination, offset_bytes, size_bytes));
    F3D_CHECK(f3d::check_same_device(caller, stream, destination));
    if (size_bytes == 0) {
        return F3D_OK;
    }
    F3D_REQUIRE_NOT_NULL(caller, source);
    F3D_CHECK(f3d::use_device(stream->device, caller));
    char *target = static_cast<char *>(destination->data) + offset_bytes;
    F3D_CHECK_CUDA(cudaMemcpyAsync(target, source, static_cast<size_t>(size_bytes), cudaMemcpyHostToDevice,
                                   stream->stream),
                   "cudaMemcpyAsync of %lld bytes to device", static_cast<long long>(size_bytes));
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_copy_device_to_host(f3d_stream *stream, void *destination, const f3d_buffer *source,
                                                   int64_t offset_bytes, int64_t size_bytes) {
    const char *caller = "f3d_copy_device_to_host";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_REQUIRE_NOT_NULL(caller, source);
    F3D_CHECK(f3d::check_range(caller, source, offset_bytes, size_bytes));
    F3D_CHECK(f3d::check_same_device(caller, stream, source));
    if (size_bytes == 0) {
        return F3D_OK;
    }
    F3D_REQUIRE_NOT_NULL(caller, destination);
    F3D_CHECK(f3d::use_device(stream->device, caller));
    const char *origin = static_cast<const char *>(source->data) + offset_bytes;
    F3D_CHECK_CUDA(cudaMemcpyAsync(destination, origin, static_cast<size_t>(size_bytes), cudaMemcpyDeviceToHost,
                                   stream->stream),
                   "cudaMemcpyAsync of %lld bytes to host", static_cast<long long>(size_bytes));
    return F3D_OK;
}
