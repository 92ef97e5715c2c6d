// The colour bake: one thread per texel, the twin of TextureBaker.sampleTexelRows.
//
// The arithmetic is TextureBaker's, in double, operation for operation and in Java's left-to-right
// order. The explicit __d*_rn intrinsics keep nvcc from contracting a*b+c into a fused
// multiply-add (Java never does), so the projections, the facing comparison and the bilinear
// weights round as on the CPU; double division and floor are IEEE-exact on both.
#include <cfloat>
#include <cstdint>

#include "../common/handles.cuh"

namespace {

constexpr int kThreadsPerBlock = 256;
constexpr int kCameraDoubles = F3D_TEXTURE_BAKE_CAMERA_DOUBLES;
constexpr int kMaxViews = F3D_TEXTURE_BAKE_MAX_VIEWS;
constexpr int32_t kMaxSide = 16384;

// The views' cameras, sizes and pixel offsets, passed by value in the kernel's parameters
// (16 * 16 * 8 + 2 * 16 * 4 + 16 * 8 + 4 bytes, about 2.3 KB, under the 4 KB parameter limit).
struct BakeViews {
    double camera[kMaxViews][kCameraDoubles];
    int32_t width[kMaxViews];
    int32_t height[kMaxViews];
    int64_t offset[kMaxViews];
    int32_t count;
};

__device__ int bilinear_rgb(const int32_t *__restrict__ rgb, int64_t offset, int32_t w, int32_t h, double u,
                            double v) {
    if (isnan(u) || isnan(v)) {
        return 0;  // Java's Math.round(NaN) is 0 in every channel (a point on the camera plane)
    }
    const double x = fmax(0.0, fmin(static_cast<double>(w - 1), __dadd_rn(u, -0.5)));
    const double y = fmax(0.0, fmin(static_cast<double>(h - 1), __dadd_rn(v, -0.5)));
    const int32_t x0 = static_cast<int32_t>(x), y0 = static_cast<int32_t>(y);
    const int32_t x1 = min(x0 + 1, w - 1), y1 = min(y0 + 1, h - 1);
    const double tx = __dadd_rn(x, -static_cast<double>(x0)), ty = __dadd_rn(y, -static_cast<double>(y0));
    const double sx = __dadd_rn(1.0, -tx), sy = __dadd_rn(1.0, -ty);
    const int32_t p00 = rgb[offset + static_cast<int64_t>(y0) * w + x0];
    const int32_t p10 = rgb[offset + static_cast<int64_t>(y0) * w + x1];
    const int32_t p01 = rgb[offset + static_cast<int64_t>(y1) * w + x0];
    const int32_t p11 = rgb[offset + static_cast<int64_t>(y1) * w + x1];
    int out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        const double c00 = (p00 >> shift) & 0xFF, c10 = (p10 >> shift) & 0xFF;
        const double c01 = (p01 >> shift) & 0xFF, c11 = (p11 >> shift) & 0xFF;
        const double top = __dadd_rn(__dmul_rn(c00, sx), __dmul_rn(c10, tx));
        const double bottom = __dadd_rn(__dmul_rn(c01, sx), __dmul_rn(c11, tx));
        const double c = __dadd_rn(__dmul_rn(top, sy), __dmul_rn(bottom, ty));
        // Java's Math.round, the nearest integer with ties up. Not floor(c + 0.5): for c just below
        // 0.5 (0.49999999999999994, from c00 = 1, the others 0, tx = 0.5, ty = 2^-53) the sum
        // rounds to 1.0 where Java gives 0. c - floor(c) is exact for c >= 0, so the tie test is too.
        const double whole = floor(c);
        const int rounded = static_cast<int>(whole) + (__dadd_rn(c, -whole) >= 0.5 ? 1 : 0);
        out |= (rounded & 0xFF) << shift;
    }
    return out;
}

// Java's (int) cast of a double: NaN gives 0, out-of-range values saturate (a plain CUDA cast
// of those is undefined).
__device__ int32_t java_int(double value) {
    if (isnan(value)) {
        return 0;
    }
    if (value >= 2147483647.0) {
        return INT32_MAX;
    }
    if (value <= -2147483648.0) {
        return INT32_MIN;
    }
    return static_cast<int32_t>(value);
}

// ((a0 * x + a1 * y) + a2 * z) + a3, rounded step by step as Java evaluates it.
__device__ double affine(const double *a, double x, double y, double z) {
    return __dadd_rn(__dadd_rn(__dadd_rn(__dmul_rn(a[0], x), __dmul_rn(a[1], y)), __dmul_rn(a[2], z)), a[3]);
}

// The best-facing visible view's colour at a point, or -1 when no view sees it.
__device__ int sample(const BakeViews &views, const int32_t *__restrict__ rgb, const uint8_t *__restrict__ mask,
                      const float *__restrict__ depth, double tolerance, double x, double y, double z, double nx,
                      double ny, double nz) {
    int best = -1;
    double best_facing = 0.0, best_u = 0.0, best_v = 0.0;
    for (int v = 0; v < views.count; ++v) {
        const double *k = views.camera[v];
        const double facing =
            -__dadd_rn(__dadd_rn(__dmul_rn(nx, k[12]), __dmul_rn(ny, k[13])), __dmul_rn(nz, k[14]));
        if (facing <= best_facing) {
            continue;
        }
        double u = affine(k, x, y, z);
        double w = affine(k + 4, x, y, z);
        const double d = affine(k + 8, x, y, z);
        if (k[15] != 0.0) {
            u = __ddiv_rn(u, d);
            w = __ddiv_rn(w, d);
        }
        const int32_t px = java_int(floor(u)), py = java_int(floor(w));
        if (px < 0 || py < 0 || px >= views.width[v] || py >= views.height[v]) {
            continue;
        }
        const int64_t at = views.offset[v] + static_cast<int64_t>(py) * views.width[v] + px;
        if (mask[at] == 0 || d > __dadd_rn(static_cast<double>(depth[at]), tolerance)) {
            continue;
        }
        best = v;
        best_facing = facing;
        best_u = u;
        best_v = w;
    }
    return best < 0 ? -1
                    : bilinear_rgb(rgb, views.offset[best], views.width[best], views.height[best], best_u, best_v);
}

__global__ void texture_bake_kernel(int32_t size, const uint8_t *__restrict__ covered,
                                    const float *__restrict__ position, const float *__restrict__ normal,
                                    const BakeViews views, const int32_t *__restrict__ view_rgb,
                                    const uint8_t *__restrict__ view_mask, const float *__restrict__ view_depth,
                                    double tolerance, int32_t mirror_planes, int32_t *__restrict__ out_rgb,
                                    uint8_t *__restrict__ out_seen) {
    const int64_t texels = static_cast<int64_t>(size) * size;
    const int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
    for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < texels; t += stride) {
        int colour = -1;
        if (covered[t] != 0) {
            const double px = position[3 * t], py = position[3 * t + 1], pz = position[3 * t + 2];
            const double nx = normal[3 * t], ny = normal[3 * t + 1], nz = normal[3 * t + 2];
            colour = sample(views, view_rgb, view_mask, view_depth, tolerance, px, py, pz, nx, ny, nz);
            if (colour < 0 && (mirror_planes & F3D_MIRROR_LEFT_RIGHT) != 0) {
                colour = sample(views, view_rgb, view_mask, view_depth, tolerance, -px, py, pz, -nx, ny, nz);
            }
            if (colour < 0 && (mirror_planes & F3D_MIRROR_FRONT_BACK) != 0) {
                colour = sample(views, view_rgb, view_mask, view_depth, tolerance, px, py, -pz, nx, ny, -nz);
            }
        }
        out_rgb[t] = colour < 0 ? 0 : colour;
        out_seen[t] = static_cast<uint8_t>(colour >= 0 ? 1 : 0);
    }
}

}  // namespace

extern "C" F3D_API int32_t f3d_texture_bake(f3d_stream *stream, int32_t size, const f3d_buffer *covered,
                                            const f3d_buffer *position, const f3d_buffer *normal, int32_t view_count,
                                            const double *cameras, const int32_t *view_sizes,
                                            const f3d_buffer *view_rgb, const f3d_buffer *view_mask,
                                            const f3d_buffer *view_depth, double depth_tolerance, int32_t mirror_planes,
                                            f3d_buffer *out_rgb, f3d_buffer *out_seen) {
    const char *caller = "f3d_texture_bake";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_REQUIRE_NOT_NULL(caller, cameras);
    F3D_REQUIRE_NOT_NULL(caller, view_sizes);
    if (size < 1 || size > kMaxSide) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "f3d_texture_bake: size %d outside 1..%d", size, kMaxSide);
    }
    if (view_count < 1 || view_count > kMaxViews) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "f3d_texture_bake: view_count %d outside 1..%d", view_count,
                         kMaxViews);
    }
    if (!(depth_tolerance >= 0.0) || depth_tolerance > DBL_MAX) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "f3d_texture_bake: depth_tolerance %g must be finite, >= 0",
                         depth_tolerance);
    }
    if (mirror_planes < 0 || mirror_planes > (F3D_MIRROR_LEFT_RIGHT | F3D_MIRROR_FRONT_BACK)) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "f3d_texture_bake: mirror_planes %d outside 0..3", mirror_planes);
    }
    BakeViews views{};
    views.count = view_count;
    int64_t pixels = 0;
    for (int v = 0; v < view_count; ++v) {
        const int32_t w = view_sizes[2 * v], h = view_sizes[2 * v + 1];
        if (w < 1 || h < 1 || w > kMaxSide || h > kMaxSide) {
            return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "f3d_texture_bake: view %d is %d x %d, outside 1..%d", v, w,
                             h, kMaxSide);
        }
        views.width[v] = w;
        views.height[v] = h;
        views.offset[v] = pixels;
        pixels += static_cast<int64_t>(w) * h;  // at most 16 * 2^28, no overflow
        for (int i = 0; i < kCameraDoubles; ++i) {
            views.camera[v][i] = cameras[kCameraDoubles * v + i];
        }
    }
    const int64_t texels = static_cast<int64_t>(size) * size;
    F3D_CHECK(f3d::check_buffers(caller, stream,
                                 {{"covered", covered, texels, 1}, {"position", position, 3 * texels, sizeof(float)},
                                  {"normal", normal, 3 * texels, sizeof(float)},
                                  {"view_rgb", view_rgb, pixels, sizeof(int32_t)}, {"view_mask", view_mask, pixels, 1},
                                  {"view_depth", view_depth, pixels, sizeof(float)},
                                  {"out_rgb", out_rgb, texels, sizeof(int32_t)}, {"out_seen", out_seen, texels, 1}}));
    // The outputs are __restrict__ and written: neither may alias another role.
    const f3d_buffer *inputs[] = {covered, position, normal, view_rgb, view_mask, view_depth};
    for (const f3d_buffer *input : inputs) {
        if (input == out_rgb || input == out_seen) {
            return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: an output buffer is also an input", caller);
        }
    }
    F3D_CHECK(f3d::check_distinct(caller, {{"out_rgb", out_rgb}, {"out_seen", out_seen}}));
    F3D_CHECK(f3d::use_device(stream->device, caller));
    const int64_t blocks_needed = (texels + kThreadsPerBlock - 1) / kThreadsPerBlock;
    const unsigned int blocks = static_cast<unsigned int>(blocks_needed < 65535 ? blocks_needed : 65535);
    texture_bake_kernel<<<blocks, kThreadsPerBlock, 0, stream->stream>>>(
        size, static_cast<const uint8_t *>(covered->data), static_cast<const float *>(position->data),
        static_cast<const float *>(normal->data), views, static_cast<const int32_t *>(view_rgb->data),
        static_cast<const uint8_t *>(view_mask->data), static_cast<const float *>(view_depth->data),
        depth_tolerance, mirror_planes, static_cast<int32_t *>(out_rgb->data), static_cast<uint8_t *>(out_seen->data));
    F3D_CHECK_CUDA(cudaGetLastError(), "%s: launch of %u blocks", caller, blocks);
    return F3D_OK;
}
