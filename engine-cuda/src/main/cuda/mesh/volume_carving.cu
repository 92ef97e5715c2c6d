// Volume carving: the visual hull field, the GPU twin of VolumeCarving.hullField (engine-native).
//
// One thread per grid sample, as the CPU twin's loop body: project the sample into every view,
// bilinearly sample that view's signed distance to its silhouette, turn pixels into world units
// at the sample's depth, and keep the smallest over the views. The arithmetic is the twin's double
// arithmetic in the same order, as explicitly rounded intrinsics (no fused multiply-add), so the
// field matches it bit for bit.
#include <math_constants.h>

#include "../common/handles.cuh"

namespace {

constexpr int kThreadsPerBlock = 256;
constexpr int64_t kMaxBlocks = 65535;  // larger grids are covered by the grid-stride loop
// Per view in the cameras buffer: the 3 x 4 projection row-major, perspective (0 or 1), pixels per unit.
constexpr int kCameraDoubles = 14;
// Per view in the layout buffer: width, height, offset of the view's first pixel in the distances.
constexpr int kLayoutLongs = 3;

struct Grid {
    int32_t nx, ny, nz;
    int64_t samples;
    double origin_x, origin_y, origin_z, voxel;
};

// VolumeFields.bilinear: pixel centres at i + 0.5, clamped to the border.
__device__ double bilinear(const float *image, int64_t width, int64_t height, double u, double v) {
    const double x = fmax(0.0, fmin(static_cast<double>(width - 1), __dsub_rn(u, 0.5)));
    const double y = fmax(0.0, fmin(static_cast<double>(height - 1), __dsub_rn(v, 0.5)));
    const int64_t x0 = min(static_cast<int64_t>(__double2int_rz(x)), width - 2 < 0 ? int64_t{0} : width - 2);
    const int64_t y0 = min(static_cast<int64_t>(__double2int_rz(y)), height - 2 < 0 ? int64_t{0} : height - 2);
    const int64_t x1 = min(x0 + 1, width - 1);
    const int64_t y1 = min(y0 + 1, height - 1);
    const double tx = __dsub_rn(x, static_cast<double>(x0));
    const double ty = __dsub_rn(y, static_cast<double>(y0));
    const double top = __dadd_rn(__dmul_rn(static_cast<double>(image[y0 * width + x0]), __dsub_rn(1.0, tx)),
                                 __dmul_rn(static_cast<double>(image[y0 * width + x1]), tx));
    const double bottom = __dadd_rn(__dmul_rn(static_cast<double>(image[y1 * width + x0]), __dsub_rn(1.0, tx)),
                                    __dmul_rn(static_cast<double>(image[y1 * width + x1]), tx));
    return __dadd_rn(__dmul_rn(top, __dsub_rn(1.0, ty)), __dmul_rn(bottom, ty));
}

// One row of ViewCamera.project: r[0] x + r[1] y + r[2] z + r[3], added left to right.
__device__ double row(const double *r, double x, double y, double z) {
    return __dadd_rn(__dadd_rn(__dadd_rn(__dmul_rn(r[0], x), __dmul_rn(r[1], y)), __dmul_rn(r[2], z)), r[3]);
}

__global__ void hull_field_kernel(Grid g, const double *__restrict__ cameras, const int64_t *__restrict__ layout,
                                  int32_t view_count, const float *__restrict__ distances, float *__restrict__ field) {
    const int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
    for (int64_t s = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; s < g.samples; s += stride) {
        const int32_t i = static_cast<int32_t>(s % g.nx);
        const int32_t j = static_cast<int32_t>((s / g.nx) % g.ny);
        const int32_t k = static_cast<int32_t>(s / (static_cast<int64_t>(g.nx) * g.ny));
        const double x = __dadd_rn(g.origin_x, __dmul_rn(g.voxel, static_cast<double>(i)));
        const double y = __dadd_rn(g.origin_y, __dmul_rn(g.voxel, static_cast<double>(j)));
        const double z = __dadd_rn(g.origin_z, __dmul_rn(g.voxel, static_cast<double>(k)));
        double value = CUDART_INF;
        for (int32_t v = 0; v < view_count; ++v) {
            const double *c = cameras + static_cast<int64_t>(v) * kCameraDoubles;
            const bool perspective = c[12] != 0.0;
            const double pixels_per_unit = c[13];
            double u = row(c, x, y, z);
            double w = row(c + 4, x, y, z);
            const double depth = row(c + 8, x, y, z);
            if (perspective) {
                u = __ddiv_rn(u, depth);
                w = __ddiv_rn(w, depth);
            }
            double d;
            if (depth <= 0.0) {
                d = -g.voxel;
            } else {
                const int64_t *l = layout + static_cast<int64_t>(v) * kLayoutLongs;
                const double world_per_pixel = perspective ? __ddiv_rn(depth, pixels_per_unit)
                                                           : __ddiv_rn(1.0, pixels_per_unit);
                d = __dmul_rn(bilinear(distances + l[2], l[0], l[1], u, w), world_per_pixel);
            }
            value = fmin(value, d);
        }
        field[s] = __double2float_rn(value);
    }
}

}  // namespace

extern "C" F3D_API int32_t f3d_volume_hull_field(f3d_stream *stream, int32_t nx, int32_t ny, int32_t nz,
                                                 double origin_x, double origin_y, double origin_z, double voxel,
                                                 int32_t view_count, const double *cameras, const int64_t *layout,
                                                 const f3d_buffer *distances, f3d_buffer *field) {
    const char *caller = "f3d_volume_hull_field";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_REQUIRE_NOT_NULL(caller, cameras);
    F3D_REQUIRE_NOT_NULL(caller, layout);
    F3D_REQUIRE_NOT_NULL(caller, distances);
    F3D_REQUIRE_NOT_NULL(caller, field);
    if (nx < 2 || ny < 2 || nz < 2 || !(voxel > 0.0)) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: grid %d x %d x %d with voxel %g", caller, nx, ny, nz, voxel);
    }
    if (view_count < 1 || view_count > 64) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: %d views, want 1..64", caller, view_count);
    }
    // nx ny fits int64, nx ny nz may not: a wrapped product would pass the field's size check.
    const int64_t plane = static_cast<int64_t>(nx) * ny;
    if (plane > INT64_MAX / nz) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: grid %d x %d x %d has more samples than int64 counts",
                         caller, nx, ny, nz);
    }
    const int64_t samples = plane * nz;
    F3D_CHECK(f3d::check_buffers(caller, stream, {{"field", field, samples, sizeof(float)}}));
    const int64_t distance_floats = distances->size_bytes / static_cast<int64_t>(sizeof(float));
    for (int32_t v = 0; v < view_count; ++v) {
        const int64_t width = layout[kLayoutLongs * v];
        const int64_t height = layout[kLayoutLongs * v + 1];
        const int64_t offset = layout[kLayoutLongs * v + 2];
        if (width < 1 || height < 1 || width > (INT64_C(1) << 20) || height > (INT64_C(1) << 20) || offset < 0
            || offset > distance_floats || width * height > distance_floats - offset) {
            return f3d::fail(F3D_ERROR_INVALID_ARGUMENT,
                             "%s: view %d of %lld x %lld pixels at offset %lld is outside the %lld distances", caller,
                             v, static_cast<long long>(width), static_cast<long long>(height),
                             static_cast<long long>(offset), static_cast<long long>(distance_floats));
        }
        if (!(cameras[kCameraDoubles * v + 13] > 0.0)) {
            return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: view %d has pixels per unit %g", caller, v,
                             cameras[kCameraDoubles * v + 13]);
        }
    }
    F3D_CHECK(f3d::check_same_device(caller, stream, distances));
    F3D_CHECK(f3d::check_distinct(caller, {{"distances", distances}, {"field", field}}));
    F3D_CHECK(f3d::use_device(stream->device, caller));
    // The small per-view tables travel with the launch: copied to the device on the stream, freed after it.
    const size_t camera_bytes = sizeof(double) * kCameraDoubles * view_count;
    const size_t layout_bytes = sizeof(int64_t) * kLayoutLongs * view_count;
    void *tables = nullptr;
    const cudaError_t allocated = cudaMallocAsync(&tables, camera_bytes + layout_bytes, stream->stream);
    if (allocated != cudaSuccess) {
        cudaGetLastError();  // not sticky, but recorded: a later call's launch check would report it
        return f3d::fail_cuda(allocated, "%s: %zu bytes of view tables", caller, camera_bytes + layout_bytes);
    }
    auto *device_cameras = static_cast<double *>(tables);
    auto *device_layout = reinterpret_cast<int64_t *>(static_cast<char *>(tables) + camera_bytes);
    cudaError_t error = cudaMemcpyAsync(device_cameras, cameras, camera_bytes, cudaMemcpyHostToDevice, stream->stream);
    if (error == cudaSuccess) {
        error = cudaMemcpyAsync(device_layout, layout, layout_bytes, cudaMemcpyHostToDevice, stream->stream);
    }
    if (error == cudaSuccess) {
        const int64_t blocks_needed = (samples + kThreadsPerBlock - 1) / kThreadsPerBlock;
        const unsigned int blocks = static_cast<unsigned int>(blocks_needed < kMaxBlocks ? blocks_needed : kMaxBlocks);
        const Grid g{nx, ny, nz, samples, origin_x, origin_y, origin_z, voxel};
        hull_field_kernel<<<blocks, kThreadsPerBlock, 0, stream->stream>>>(
            g, device_cameras, device_layout, view_count, static_cast<const float *>(distances->data),
            static_cast<float *>(field->data));
        error = cudaGetLastError();
    }
    // Pageable host tables: the copies have read them when cudaMemcpyAsync returns, so the caller
    // may free them; the device copy is freed in stream order after the kernel.
    const cudaError_t freed = cudaFreeAsync(tables, stream->stream);
    if (error != cudaSuccess || freed != cudaSuccess) {
        return f3d::fail_cuda(error != cudaSuccess ? error : freed, "%s: launch over %lld samples", caller,
                              static_cast<long long>(samples));
    }
    return F3D_OK;
}
