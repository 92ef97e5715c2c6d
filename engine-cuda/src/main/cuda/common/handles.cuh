// What the opaque handles of forge3d_cuda.h hold, and the checks every entry point runs on them.
#pragma once

#include <cuda_runtime.h>

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
