// What the opaque handles of forge3d_cuda.h hold, and the checks every entry point runs on them.
#pragma once

#include <cuda_runtime.h>

#include <initializer_list>

#include "errors.cuh"
#include "forge3d_cuda.h"

struct f3d_buffer {
    int32_t device;
    int64_t size_bytes;  // checked against by every copy and kernel
    void *data;
};

struct f3d_stream {
    int32_t device;
    cudaStream_t stream;
};

namespace f3d {

// F3D_OK when the driver can be used, else F3D_ERROR_NO_DEVICE with the reason (driver library
// missing, or too old for this runtime). Probes once per process.
int32_t check_driver();

// Makes device current on this thread: cudaSetDevice is cheap when it already is.
int32_t use_device(int32_t device, const char *caller);

// F3D_OK when [offset, offset + length) lies inside the buffer, without overflowing int64.
inline int32_t check_range(const char *caller, const f3d_buffer *buffer, int64_t offset, int64_t length) {
    if (offset < 0 || length < 0 || offset > buffer->size_bytes || length > buffer->size_bytes - offset) {
        return fail(F3D_ERROR_INVALID_ARGUMENT,
                    "%s: range at offset %lld of %lld bytes is outside the %lld-byte buffer", caller,
                    static_cast<long long>(offset), static_cast<long long>(length),
                    static_cast<long long>(buffer->size_bytes));
    }
    return F3D_OK;
}

inline int32_t check_same_device(const char *caller, const f3d_stream *stream, const f3d_buffer *buffer) {
    if (stream->device != buffer->device) {
        return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: stream is on device %d but a buffer is on device %d", caller,
                    stream->device, buffer->device);
    }
    return F3D_OK;
}

// F3D_OK when the buffer is not null, lives on the stream's device and holds at least `elements`
// elements of `element_bytes` each: the check every kernel entry point runs on its buffers.
inline int32_t check_holds(const char *caller, const char *name, const f3d_buffer *buffer, const f3d_stream *stream,
                           int64_t elements, int64_t element_bytes) {
    if (buffer == nullptr) {
        return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: %s is null", caller, name);
    }
    if (buffer->size_bytes / element_bytes < elements) {
        return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: %s holds %lld bytes, fewer than %lld elements of %lld bytes",
                    caller, name, static_cast<long long>(buffer->size_bytes), static_cast<long long>(elements),
                    static_cast<long long>(element_bytes));
    }
    return check_same_device(caller, stream, buffer);
}

// One buffer argument of an entry point: its name for the messages, and how many elements of
// element_bytes bytes each the kernels touch in it (for check_distinct alone, the name suffices).
struct BufferArg {
    const char *name;
    const f3d_buffer *buffer;
    int64_t elements = 0;
    int64_t element_bytes = 1;
};

// check_holds on every argument, in order: the first that fails sets the message.
inline int32_t check_buffers(const char *caller, const f3d_stream *stream, std::initializer_list<BufferArg> args) {
    for (const BufferArg &arg : args) {
        int32_t status = check_holds(caller, arg.name, arg.buffer, stream, arg.elements, arg.element_bytes);
        if (status != F3D_OK) {
            return status;
        }
    }
    return F3D_OK;
}

// F3D_OK when no buffer is passed in two of these roles: the kernels' pointers are __restrict__,
// so one buffer read and written under two names would be undefined behaviour.
inline int32_t check_distinct(const char *caller, std::initializer_list<BufferArg> args) {
    for (const BufferArg *a = args.begin(); a != args.end(); ++a) {
        for (const BufferArg *b = a + 1; b != args.end(); ++b) {
            if (a->buffer == b->buffer) {
                return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: the same buffer is passed as %s and %s", caller, a->name,
                            b->name);
            }
        }
    }
    return F3D_OK;
}

// check_buffers, then check_distinct: every buffer is present, on the stream's device, large
// enough, and in one role only.
inline int32_t check_buffer_args(const char *caller, const f3d_stream *stream, std::initializer_list<BufferArg> args) {
    int32_t status = check_buffers(caller, stream, args);
    return status != F3D_OK ? status : check_distinct(caller, args);
}

}  // namespace f3d

// Returns from the enclosing function when a check fails; the check has set the last error.
#define F3D_CHECK(expression)                  \
    do {                                       \
        int32_t f3d_status_ = (expression);    \
        if (f3d_status_ != F3D_OK) {           \
            return f3d_status_;                \
        }                                      \
    } while (0)

#define F3D_REQUIRE_NOT_NULL(caller, pointer)                                                        \
    do {                                                                                             \
        if ((pointer) == nullptr) {                                                                  \
            return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: %s is null", caller, #pointer);       \
        }                                                                                            \
    } while (0)

// Returns from the enclosing function when a CUDA call fails, with fail_cuda's status and the
// printf-style context message: `F3D_CHECK_CUDA(cudaGetLastError(), "%s: launch", caller);`.
#define F3D_CHECK_CUDA(expression, ...)                         \
    do {                                                        \
        const cudaError_t f3d_error_ = (expression);            \
        if (f3d_error_ != cudaSuccess) {                        \
            return f3d::fail_cuda(f3d_error_, __VA_ARGS__);     \
        }                                                       \
    } while (0)
