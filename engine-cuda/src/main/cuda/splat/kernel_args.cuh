// Argument checks of the f3d_splat_* test entry points: every buffer is present, on the stream's
// device, large enough for what the kernel touches, and not passed in two roles (the kernels'
// pointers are __restrict__).
#pragma once

#include <initializer_list>

#include "../common/handles.cuh"
#include "splat_ops.cuh"

namespace f3d::splat {

// One buffer argument: its name for the message, and the bytes the kernel reads or writes.
struct BufferArg {
    const char *name;
    const f3d_buffer *buffer;
    int64_t needed_bytes;
};

inline int32_t check_buffer_args(const char *caller, const f3d_stream *stream, std::initializer_list<BufferArg> args) {
    for (const BufferArg &arg : args) {
        F3D_CHECK(check_holds(caller, arg.name, arg.buffer, stream, arg.needed_bytes, 1));
    }
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

inline int64_t floats(int64_t count) { return count * static_cast<int64_t>(sizeof(float)); }

template <typename T>
T *device_pointer(const f3d_buffer *buffer) {
    return static_cast<T *>(buffer->data);
}

}  // namespace f3d::splat
