// Plumbing of the f3d_splat_* test entry points: byte counts for their buffer checks
// (f3d::check_buffer_args) and typed views of their buffers.
#pragma once

#include "../common/handles.cuh"
#include "splat_ops.cuh"

namespace f3d::splat {

inline int64_t floats(int64_t count) { return count * static_cast<int64_t>(sizeof(float)); }

template <typename T>
T *device_pointer(const f3d_buffer *buffer) {
    return static_cast<T *>(buffer->data);
}

}  // namespace f3d::splat
