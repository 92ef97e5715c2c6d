// Explicit streams: every asynchronous operation of the ABI names the stream it runs on.
#include <new>

#include "handles.cuh"

extern "C" F3D_API int32_t f3d_stream_create(int32_t device, f3d_stream **stream) {
    F3D_REQUIRE_NOT_NULL("f3d_stream_create", stream);
    *stream = nullptr;
    F3D_CHECK(f3d::check_driver());
    F3D_CHECK(f3d::use_device(device, "f3d_stream_create"));
    f3d_stream *created = new (std::nothrow) f3d_stream{device, nullptr};
    if (created == nullptr) {
        return f3d::fail(F3D_ERROR_OUT_OF_MEMORY, "f3d_stream_create: no host memory for the handle");
    }
    // Non-blocking: work on it never waits for the legacy default stream that other libraries use.
    cudaError_t error = cudaStreamCreateWithFlags(&created->stream, cudaStreamNonBlocking);
    if (error != cudaSuccess) {
        delete created;
        return f3d::fail_cuda(error, "cudaStreamCreateWithFlags(device %d)", device);
    }
    *stream = created;
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_stream_synchronize(f3d_stream *stream) {
    F3D_REQUIRE_NOT_NULL("f3d_stream_synchronize", stream);
    F3D_CHECK_CUDA(cudaStreamSynchronize(stream->stream), "cudaStreamSynchronize(device %d)", stream->device);
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_stream_destroy(f3d_stream *stream) {
    if (stream == nullptr) {
        return F3D_OK;
    }
    // Whatever fails, the stream and its handle are released: Java has let go of it and never retries.
    int32_t status = f3d::use_device(stream->device, "f3d_stream_destroy");
    cudaError_t synchronized = cudaStreamSynchronize(stream->stream);
    cudaError_t destroyed = cudaStreamDestroy(stream->stream);
    int32_t device = stream->device;
    delete stream;
    if (status != F3D_OK) {
        return status;
    }
    if (synchronized != cudaSuccess) {
        return f3d::fail_cuda(synchronized, "f3d_stream_destroy: pending work on device %d failed", device);
    }
    if (destroyed != cudaSuccess) {
        return f3d::fail_cuda(destroyed, "cudaStreamDestroy(device %d)", device);
    }
    return F3D_OK;
}
