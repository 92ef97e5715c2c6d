// The splat training session: all training state resident on one device, and one ABI call per
// training step that chains the launchers of splat_ops.cuh in the order CpuSplatSession runs its
// CPU twins (projection, binning, rasterisation, loss, the backward passes, densification
// statistics, Adam per parameter group), copying back only the loss.
//
// Memory: the model (params and both Adam moments) is one allocation of exactly its Gaussian
// count, replaced whole by each densification; the per-Gaussian and per-pixel work buffers are
// grow-only (DeviceScratch), so a step allocates nothing once the model and image sizes settle.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <new>
#include <vector>

#include "../common/handles.cuh"
#include "adam.cuh"
#include "splat_ops.cuh"

namespace f3d::splat {
namespace {

// Floats per Gaussian in one SplatArrays block: means 3, log-scales 3, rotations 4, opacity 1,
// sh_dc 3, sh_rest 45.
constexpr int64_t kFloatsPerGaussian = 3 + 3 + 4 + 1 + 3 + 3 * kShRestCoefficients;
constexpr int32_t kMaxImages = 65536;
constexpr int kBlockThreads = 256;
// Adam's constants: AdamHyperParams.withLearningRate, which CpuSplatSession uses for every group.
constexpr float kBeta1 = 0.9f;
constexpr float kBeta2 = 0.999f;
constexpr float kEpsilon = 1e-15f;

// One SplatArrays-shaped block of count Gaussians starting at base, groups back to back.
GaussianArrays arrays_at(float *base, int32_t count) {
    const int64_t n = count;
    GaussianArrays arrays;
    arrays.count = count;
    arrays.means = base;
    arrays.log_scales = base == nullptr ? nullptr : base + 3 * n;
    arrays.rotations = base == nullptr ? nullptr : base + 6 * n;
    arrays.opacity_logits = base == nullptr ? nullptr : base + 10 * n;
    arrays.sh_dc = base == nullptr ? nullptr : base + 11 * n;
    arrays.sh_rest = base == nullptr ? nullptr : base + 14 * n;
    return arrays;
}

// The six groups of a block as (pointer, float count) pairs, in SplatLearningRates order.
struct Group {
    float *data;
    int64_t floats;
};

void groups_of(const GaussianArrays &a, Group out[6]) {
    const int64_t n = a.count;
    out[0] = {a.means, 3 * n};
    out[1] = {a.log_scales, 3 * n};
    out[2] = {a.rotations, 4 * n};
    out[3] = {a.opacity_logits, n};
    out[4] = {a.sh_dc, 3 * n};
    out[5] = {a.sh_rest, 3 * kShRestCoefficients * n};
}

// Params, moment1 and moment2 of count Gaussians in one allocation.
struct Model {
    float *block = nullptr;
    int32_t count = 0;

    static int64_t bytes_for(int32_t count) { return 3 * kFloatsPerGaussian * count * static_cast<int64_t>(sizeof(float)); }
    int64_t bytes() const { return bytes_for(count); }
    ModelArrays arrays() const {
        const int64_t stride = kFloatsPerGaussian * count;
        return ModelArrays{arrays_at(block, count), arrays_at(block == nullptr ? nullptr : block + stride, count),
                           arrays_at(block == nullptr ? nullptr : block + 2 * stride, count)};
    }
    void release() {
        if (block != nullptr) {
            cudaFree(block);
            block = nullptr;
        }
        count = 0;
    }
};

struct Image {
    float *data = nullptr;
    int32_t width = 0;
    int32_t height = 0;
};

__global__ void cap_opacity_kernel(float *__restrict__ logits, int32_t count, float cap) {
    const int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
    for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < count; i += stride) {
        const float logit = logits[i];
        // Math.min(logit, cap) of the CPU twin: a NaN stays NaN.
        logits[i] = logit > cap ? cap : logit;
    }
}

unsigned int blocks_for(int64_t count) {
    const int64_t needed = (count + kBlockThreads - 1) / kBlockThreads;
    return static_cast<unsigned int>(needed < 65535 ? needed : 65535);
}

}  // namespace
}  // namespace f3d::splat

using f3d::splat::DeviceScratch;

struct f3d_splat_session {
    int32_t device = 0;
    int32_t flags = 0;
    cudaStream_t stream = nullptr;
    float scene_extent = 0;
    int32_t max_gaussians = 0;
    float background[3] = {0, 0, 0};
    uint64_t seed = 0;
    int64_t densify_calls = 0;  // the call index of the next densification's split samples
    int32_t adam_step = 0;
    // The first failure that left the session unusable (0 while none), and its message.
    int32_t broken_status = F3D_OK;
    char broken_message[256] = "";

    f3d::splat::Model model;
    // Per Gaussian, grow-only: gradients (one SplatArrays block), the projection, the screen-space
    // gradients, and the densification statistics.
    DeviceScratch gradients, projected, screen_gradients, gradient_sum, gradient_count, max_radius;
    // Per pixel, grow-only: the rendered image, its gradient, final transmittance, contributors.
    DeviceScratch rendered, image_gradient, final_t, contributors;
    DeviceScratch entry_gradients, device_loss;
    float *host_loss = nullptr;  // pinned: the one value a step copies back
    std::vector<f3d::splat::Image> images;
    f3d::splat::TileBinner binner;
    f3d::splat::PhotometricLossKernels loss;
    f3d::splat::Densifier densifier;

    int64_t baseline_free_bytes = 0;
    int64_t lowest_free_bytes = 0;

    bool skips_kernels() const { return (flags & F3D_SPLAT_SESSION_SKIP_KERNELS) != 0; }
};

namespace f3d::splat {
namespace {

constexpr int32_t kKnownFlags = F3D_SPLAT_SESSION_SKIP_KERNELS | F3D_SPLAT_SESSION_TRACK_MEMORY;

// Records a failure that leaves the session unusable; argument errors do not, since they are
// caught before anything is enqueued.
int32_t mark_broken(f3d_splat_session *session, int32_t status) {
    if (status != F3D_OK && status != F3D_ERROR_INVALID_ARGUMENT && session->broken_status == F3D_OK) {
        session->broken_status = status;
        f3d_last_error(session->broken_message, sizeof session->broken_message);
    }
    return status;
}

int32_t check_usable(const char *caller, const f3d_splat_session *session) {
    if (session == nullptr) {
        return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: session is null", caller);
    }
    if (session->broken_status != F3D_OK) {
        return fail(F3D_ERROR_INTERNAL, "%s: the session is unusable after an earlier failure: %s", caller,
                    session->broken_message);
    }
    return F3D_OK;
}

int32_t free_bytes(int64_t *free_out) {
    size_t free_memory = 0;
    size_t total_memory = 0;
    cudaError_t error = cudaMemGetInfo(&free_memory, &total_memory);
    if (error != cudaSuccess) {
        return fail_cuda(error, "cudaMemGetInfo");
    }
    *free_out = static_cast<int64_t>(free_memory);
    return F3D_OK;
}

int32_t track_memory(f3d_splat_session *session) {
    if ((session->flags & F3D_SPLAT_SESSION_TRACK_MEMORY) == 0) {
        return F3D_OK;
    }
    int64_t now = 0;
    F3D_CHECK(free_bytes(&now));
    if (now < session->lowest_free_bytes) {
        session->lowest_free_bytes = now;
    }
    return F3D_OK;
}

// A failed allocation as F3D_ERROR_OUT_OF_MEMORY naming the Gaussian count and the bytes asked for.
int32_t fail_allocation(cudaError_t error, const char *caller, const char *what, int32_t gaussians, int64_t bytes) {
    cudaGetLastError();  // an allocation error is not sticky: clear it so later launch checks are not blamed
    return fail_cuda(error, "%s: allocating %s for %d Gaussians: %lld bytes asked for", caller, what, gaussians,
                     static_cast<long long>(bytes));
}

int32_t ensure(DeviceScratch &scratch, int64_t bytes, const char *caller, const char *what, int32_t gaussians) {
    const size_t needed = static_cast<size_t>(bytes > 0 ? bytes : 1);
    cudaError_t error = scratch.ensure(needed);
    if (error != cudaSuccess) {
        // DeviceScratch asks for half again as much as needed, so that growth is rare.
        return fail_allocation(error, caller, what, gaussians, static_cast<int64_t>(needed + needed / 2));
    }
    return F3D_OK;
}

// The launcher's own error: an allocation inside it is out of memory (its scratch), anything else
// a CUDA error, both naming the stage and the Gaussian count (and the image size, when there is one).
int32_t fail_stage(cudaError_t error, const char *caller, const char *stage, int32_t gaussians, int32_t width = 0,
                   int32_t height = 0) {
    char where[64] = "";
    if (width > 0) {
        snprintf(where, sizeof where, " at %dx%d", width, height);
    }
    if (error == cudaErrorMemoryAllocation) {
        cudaGetLastError();
        int64_t free_now = 0;
        size_t free_memory = 0;
        size_t total_memory = 0;
        if (cudaMemGetInfo(&free_memory, &total_memory) == cudaSuccess) {
            free_now = static_cast<int64_t>(free_memory);
        }
        return fail_cuda(error,
                         "%s: %s of %d Gaussians%s could not allocate %lld bytes of scratch (%lld bytes free)",
                         caller, stage, gaussians, where,
                         static_cast<long long>(DeviceScratch::last_failed_request()),
                         static_cast<long long>(free_now));
    }
    return fail_cuda(error, "%s: %s of %d Gaussians%s", caller, stage, gaussians, where);
}

// The per-Gaussian work buffers for the model's count, and the statistics zeroed when zero_statistics.
int32_t ensure_gaussian_buffers(f3d_splat_session *s, const char *caller, bool zero_statistics) {
    const int32_t n = s->model.count;
    const int64_t floats = sizeof(float);
    F3D_CHECK(ensure(s->gradients, kFloatsPerGaussian * n * floats, caller, "gradients", n));
    F3D_CHECK(ensure(s->projected, 16 * static_cast<int64_t>(n) * 4, caller, "projected Gaussians", n));
    F3D_CHECK(ensure(s->screen_gradients, kScreenGradientStride * static_cast<int64_t>(n) * floats, caller,
                     "screen-space gradients", n));
    F3D_CHECK(ensure(s->gradient_sum, n * floats, caller, "densification statistics", n));
    F3D_CHECK(ensure(s->gradient_count, n * static_cast<int64_t>(sizeof(int32_t)), caller,
                     "densification statistics", n));
    F3D_CHECK(ensure(s->max_radius, n * floats, caller, "densification statistics", n));
    if (zero_statistics && n > 0) {
        cudaError_t error = cudaMemsetAsync(s->gradient_sum.data, 0, n * sizeof(float), s->stream);
        if (error == cudaSuccess) {
            error = cudaMemsetAsync(s->gradient_count.data, 0, n * sizeof(int32_t), s->stream);
        }
        if (error == cudaSuccess) {
            error = cudaMemsetAsync(s->max_radius.data, 0, n * sizeof(float), s->stream);
        }
        if (error != cudaSuccess) {
            return fail_cuda(error, "%s: zeroing the densification statistics of %d Gaussians", caller, n);
        }
    }
    return F3D_OK;
}

int32_t ensure_pixel_buffers(f3d_splat_session *s, const char *caller, int32_t width, int32_t height) {
    const int64_t pixels = static_cast<int64_t>(width) * height;
    const int32_t n = s->model.count;
    F3D_CHECK(ensure(s->rendered, 3 * pixels * static_cast<int64_t>(sizeof(float)), caller, "the rendered image", n));
    F3D_CHECK(ensure(s->image_gradient, 3 * pixels * static_cast<int64_t>(sizeof(float)), caller,
                     "the image gradient", n));
    F3D_CHECK(ensure(s->final_t, pixels * static_cast<int64_t>(sizeof(float)), caller, "the final transmittance", n));
    F3D_CHECK(ensure(s->contributors, pixels * static_cast<int64_t>(sizeof(int32_t)), caller,
                     "the per-pixel contributor counts", n));
    return F3D_OK;
}

// The projected arrays laid out in the projected scratch, 16 words per Gaussian in all.
ProjectedArrays projected_of(const f3d_splat_session *s) {
    const int64_t n = s->model.count;
    char *base = static_cast<char *>(s->projected.data);
    ProjectedArrays p;
    p.mean2d = reinterpret_cast<float *>(base);
    p.conic = reinterpret_cast<float *>(base + 2 * n * 4);
    p.depth = reinterpret_cast<float *>(base + 5 * n * 4);
    p.radius = reinterpret_cast<int32_t *>(base + 6 * n * 4);
    p.tile_rect = reinterpret_cast<int32_t *>(base + 7 * n * 4);
    p.tiles_touched = reinterpret_cast<int32_t *>(base + 11 * n * 4);
    p.rgb = reinterpret_cast<float *>(base + 12 * n * 4);
    p.opacity = reinterpret_cast<float *>(base + 15 * n * 4);
    return p;
}

int32_t check_view(const char *caller, const float *view, int32_t width, int32_t height) {
    F3D_REQUIRE_NOT_NULL(caller, view);
    if (width < 1 || height < 1 || width > 65535 || height > 65535) {
        return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: image size %dx%d is outside 1..65535", caller, width, height);
    }
    // The rasteriser indexes its three planes with 32-bit offsets.
    if (3 * static_cast<int64_t>(width) * height > INT32_MAX) {
        return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: image %d x %d has more than %d pixels", caller, width, height,
                    INT32_MAX / 3);
    }
    for (int k = 0; k < F3D_SPLAT_VIEW_FLOATS; ++k) {
        if (!std::isfinite(view[k])) {
            return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: view value %d is not finite", caller, k);
        }
    }
    if (!(view[0] > 0.0f) || !(view[1] > 0.0f)) {
        return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: focal lengths %g and %g must be > 0", caller, view[0], view[1]);
    }
    return F3D_OK;
}

Camera camera_of(const float *view, int32_t width, int32_t height) {
    Camera camera;
    camera.width = width;
    camera.height = height;
    camera.fx = view[0];
    camera.fy = view[1];
    camera.cx = view[2];
    camera.cy = view[3];
    memcpy(camera.world_to_camera, view + 4, sizeof camera.world_to_camera);
    memcpy(camera.centre, view + 16, sizeof camera.centre);
    return camera;
}

int32_t check_sh_degree(const char *caller, int32_t sh_degree) {
    if (sh_degree < 0 || sh_degree > 3) {
        return fail(F3D_ERROR_INVALID_ARGUMENT, "%s: SH degree %d is outside 0..3", caller, sh_degree);
    }
    return F3D_OK;
}

int32_t synchronize(f3d_splat_session *s, const char *caller) {
    cudaError_t error = cudaStreamSynchronize(s->stream);
    if (error != cudaSuccess) {
        return fail_cuda(error, "%s: the session's work on device %d failed", caller, s->device);
    }
    return F3D_OK;
}

// Projection, binning and the forward rasterisation into s->rendered (sized by the caller).
int32_t enqueue_forward(f3d_splat_session *s, const char *caller, const Camera &camera, int32_t sh_degree) {
    const int32_t n = s->model.count;
    const ModelArrays model = s->model.arrays();
    const ProjectedArrays projected = projected_of(s);
    cudaError_t error = project_forward(model.params, sh_degree, camera, projected, s->stream);
    if (error != cudaSuccess) {
        return fail_stage(error, caller, "projection", n, camera.width, camera.height);
    }
    const int32_t tiles_x = (camera.width + kTileSize - 1) / kTileSize;
    const int32_t tiles_y = (camera.height + kTileSize - 1) / kTileSize;
    error = s->binner.bin(projected, n, tiles_x, tiles_y, s->stream);
    if (error != cudaSuccess) {
        return fail_stage(error, caller, "tile binning", n, camera.width, camera.height);
    }
    error = rasterise_forward(s->binner, projected, camera.width, camera.height, s->background,
                              s->rendered.as<float>(), s->final_t.as<float>(), s->contributors.as<int32_t>(),
                              s->stream);
    if (error != cudaSuccess) {
        return fail_stage(error, caller, "forward rasterisation", n, camera.width, camera.height);
    }
    return F3D_OK;
}

// Loss, backward passes, densification statistics and Adam: the rest of a step after the forward pass.
int32_t enqueue_backward_and_update(f3d_splat_session *s, const char *caller, const Camera &camera, int32_t sh_degree,
                                    const Image &target, const float *learning_rates) {
    const int32_t n = s->model.count;
    const int32_t width = camera.width;
    const int32_t height = camera.height;
    const ModelArrays model = s->model.arrays();
    const ProjectedArrays projected = projected_of(s);
    const GaussianArrays gradients = arrays_at(s->gradients.as<float>(), n);
    cudaError_t error = s->loss.loss_and_gradient(s->rendered.as<float>(), target.data, width, height,
                                                  s->image_gradient.as<float>(), s->device_loss.as<float>(),
                                                  s->stream);
    if (error != cudaSuccess) {
        return fail_stage(error, caller, "the photometric loss", n, width, height);
    }
    error = rasterise_backward(s->binner, projected, n, width, height, s->background, s->image_gradient.as<float>(),
                               s->final_t.as<float>(), s->contributors.as<int32_t>(), s->entry_gradients,
                               s->screen_gradients.as<float>(), s->stream);
    if (error != cudaSuccess) {
        return fail_stage(error, caller, "backward rasterisation", n, width, height);
    }
    error = project_backward(model.params, sh_degree, camera, projected, s->screen_gradients.as<float>(), gradients,
                             s->stream);
    if (error != cudaSuccess) {
        return fail_stage(error, caller, "backward projection", n, width, height);
    }
    error = accumulate_densify_statistics(projected, s->screen_gradients.as<float>(), n, width, height,
                                          s->gradient_sum.as<float>(), s->gradient_count.as<int32_t>(),
                                          s->max_radius.as<float>(), s->stream);
    if (error != cudaSuccess) {
        return fail_stage(error, caller, "densification statistics", n, width, height);
    }
    // Bias corrections as CpuFusedAdam computes them: in double, then rounded to float.
    const float bias_correction1 = static_cast<float>(1.0 - std::pow(static_cast<double>(kBeta1), s->adam_step));
    const float bias_correction2 = static_cast<float>(1.0 - std::pow(static_cast<double>(kBeta2), s->adam_step));
    Group params[6], grads[6], moment1[6], moment2[6];
    groups_of(model.params, params);
    groups_of(gradients, grads);
    groups_of(model.moment1, moment1);
    groups_of(model.moment2, moment2);
    for (int g = 0; g < 6; ++g) {
        error = launch_adam_update(params[g].data, grads[g].data, moment1[g].data, moment2[g].data, params[g].floats,
                                   learning_rates[g], kBeta1, kBeta2, kEpsilon, bias_correction1, bias_correction2,
                                   s->stream);
        if (error != cudaSuccess) {
            return fail_stage(error, caller, "Adam", n, width, height);
        }
    }
    return F3D_OK;
}

int32_t allocate_model(Model &model, int32_t count, const char *caller) {
    model.count = count;
    model.block = nullptr;
    if (count == 0) {
        return F3D_OK;
    }
    const int64_t bytes = Model::bytes_for(count);
    cudaError_t error = cudaMalloc(&model.block, static_cast<size_t>(bytes));
    if (error != cudaSuccess) {
        model.block = nullptr;
        model.count = 0;
        return fail_allocation(error, caller, "parameters and Adam moments", count, bytes);
    }
    return F3D_OK;
}

void release_all(f3d_splat_session *s) {
    s->binner.release();
    s->loss.release();
    s->densifier.release();
    for (DeviceScratch *scratch : {&s->gradients, &s->projected, &s->screen_gradients, &s->gradient_sum,
                                   &s->gradient_count, &s->max_radius, &s->rendered, &s->image_gradient, &s->final_t,
                                   &s->contributors, &s->entry_gradients, &s->device_loss}) {
        scratch->release();
    }
    for (Image &image : s->images) {
        if (image.data != nullptr) {
            cudaFree(image.data);
        }
    }
    s->images.clear();
    s->model.release();
    if (s->host_loss != nullptr) {
        cudaFreeHost(s->host_loss);
        s->host_loss = nullptr;
    }
}

int32_t create_on_device(f3d_splat_session *s, int32_t count, const float *const arrays[6], const char *caller) {
    cudaError_t error = cudaStreamCreateWithFlags(&s->stream, cudaStreamNonBlocking);
    if (error != cudaSuccess) {
        s->stream = nullptr;
        return fail_cuda(error, "%s: cudaStreamCreateWithFlags(device %d)", caller, s->device);
    }
    error = cudaMallocHost(&s->host_loss, sizeof(float));
    if (error != cudaSuccess) {
        s->host_loss = nullptr;
        return fail_allocation(error, caller, "the pinned loss", count, sizeof(float));
    }
    *s->host_loss = 0.0f;
    F3D_CHECK(ensure(s->device_loss, sizeof(float), caller, "the loss", count));
    error = cudaMemsetAsync(s->device_loss.data, 0, sizeof(float), s->stream);
    if (error != cudaSuccess) {
        return fail_cuda(error, "%s: zeroing the loss", caller);
    }
    F3D_CHECK(allocate_model(s->model, count, caller));
    if (count > 0) {
        const ModelArrays model = s->model.arrays();
        Group params[6];
        groups_of(model.params, params);
        for (int g = 0; g < 6 && error == cudaSuccess; ++g) {
            error = cudaMemcpyAsync(params[g].data, arrays[g], params[g].floats * sizeof(float),
                                    cudaMemcpyHostToDevice, s->stream);
        }
        if (error != cudaSuccess) {
            return fail_cuda(error, "%s: uploading %d Gaussians", caller, count);
        }
        // Both moments follow the params in the block: zero them in one call.
        const int64_t params_bytes = kFloatsPerGaussian * count * static_cast<int64_t>(sizeof(float));
        error = cudaMemsetAsync(model.moment1.means, 0, static_cast<size_t>(2 * params_bytes), s->stream);
        if (error != cudaSuccess) {
            return fail_cuda(error, "%s: zeroing the Adam moments of %d Gaussians", caller, count);
        }
    }
    F3D_CHECK(ensure_gaussian_buffers(s, caller, true));
    F3D_CHECK(synchronize(s, caller));
    return track_memory(s);
}

}  // namespace
}  // namespace f3d::splat

using namespace f3d::splat;

extern "C" F3D_API int32_t f3d_splat_session_create(int32_t device, int32_t count, const float *means,
                                                    const float *log_scales, const float *rotations,
                                                    const float *opacity_logits, const float *sh_dc,
                                                    const float *sh_rest, float scene_extent, int32_t max_gaussians,
                                                    const float *background, int64_t seed, int32_t flags,
                                                    f3d_splat_session **session) {
    const char *caller = "f3d_splat_session_create";
    F3D_REQUIRE_NOT_NULL(caller, session);
    *session = nullptr;
    if (device < 0) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: device %d < 0", caller, device);
    }
    if (count < 0 || max_gaussians < 1 || count > max_gaussians) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: count %d must be in 0..max_gaussians (%d >= 1)", caller,
                         count, max_gaussians);
    }
    if (!(scene_extent > 0.0f) || !std::isfinite(scene_extent)) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: scene extent %g must be finite and > 0", caller, scene_extent);
    }
    if ((flags & ~kKnownFlags) != 0) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: unknown flags 0x%x", caller, flags & ~kKnownFlags);
    }
    F3D_REQUIRE_NOT_NULL(caller, background);
    const float *const arrays[6] = {means, log_scales, rotations, opacity_logits, sh_dc, sh_rest};
    if (count > 0) {
        F3D_REQUIRE_NOT_NULL(caller, means);
        F3D_REQUIRE_NOT_NULL(caller, log_scales);
        F3D_REQUIRE_NOT_NULL(caller, rotations);
        F3D_REQUIRE_NOT_NULL(caller, opacity_logits);
        F3D_REQUIRE_NOT_NULL(caller, sh_dc);
        F3D_REQUIRE_NOT_NULL(caller, sh_rest);
    }
    F3D_CHECK(f3d::check_driver());
    F3D_CHECK(f3d::use_device(device, caller));
    int64_t baseline = 0;
    F3D_CHECK(free_bytes(&baseline));
    f3d_splat_session *created = new (std::nothrow) f3d_splat_session();
    if (created == nullptr) {
        return f3d::fail(F3D_ERROR_OUT_OF_MEMORY, "%s: no host memory for the session", caller);
    }
    created->device = device;
    created->flags = flags;
    created->scene_extent = scene_extent;
    created->max_gaussians = max_gaussians;
    memcpy(created->background, background, sizeof created->background);
    created->seed = static_cast<uint64_t>(seed);
    created->baseline_free_bytes = baseline;
    created->lowest_free_bytes = baseline;
    int32_t status = create_on_device(created, count, arrays, caller);
    if (status != F3D_OK) {
        char message[1024];
        f3d_last_error(message, sizeof message);  // kept: destroying must not replace the reason
        f3d_splat_session_destroy(created);
        return f3d::fail(status, "%s", message);
    }
    *session = created;
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_splat_session_upload_image(f3d_splat_session *session, int32_t index, const float *rgb,
                                                          int32_t width, int32_t height) {
    const char *caller = "f3d_splat_session_upload_image";
    F3D_CHECK(check_usable(caller, session));
    F3D_REQUIRE_NOT_NULL(caller, rgb);
    if (index < 0 || index >= kMaxImages) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: image index %d is outside 0..%d", caller, index,
                         kMaxImages - 1);
    }
    if (width < 1 || height < 1 || width > 65535 || height > 65535) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: image size %dx%d is outside 1..65535", caller, width, height);
    }
    F3D_CHECK(f3d::use_device(session->device, caller));
    if (static_cast<size_t>(index) >= session->images.size()) {
        // std::bad_alloc must not cross extern "C": host memory running out is a status like any other.
        try {
            session->images.resize(static_cast<size_t>(index) + 1);
        } catch (const std::bad_alloc &) {
            return f3d::fail(F3D_ERROR_OUT_OF_MEMORY, "%s: no host memory for %d image slots", caller, index + 1);
        }
    }
    Image &slot = session->images[static_cast<size_t>(index)];
    const int64_t bytes = 3 * static_cast<int64_t>(width) * height * static_cast<int64_t>(sizeof(float));
    if (slot.data == nullptr || slot.width != width || slot.height != height) {
        // The new image first: a failed allocation leaves the slot's old image in place.
        float *data = nullptr;
        cudaError_t error = cudaMalloc(&data, static_cast<size_t>(bytes));
        if (error != cudaSuccess) {
            // Not broken: the model is intact, and the caller may free images or give up.
            return fail_allocation(error, caller, "a training image", session->model.count, bytes);
        }
        if (slot.data != nullptr) {
            const int32_t synced = synchronize(session, caller);  // an earlier copy may still read the old one
            if (synced != F3D_OK) {
                cudaFree(data);
                return mark_broken(session, synced);
            }
            cudaFree(slot.data);
        }
        slot.data = data;
        slot.width = width;
        slot.height = height;
    }
    cudaError_t error = cudaMemcpyAsync(slot.data, rgb, static_cast<size_t>(bytes), cudaMemcpyHostToDevice,
                                        session->stream);
    if (error != cudaSuccess) {
        return mark_broken(session, f3d::fail_cuda(error, "%s: copying image %d (%dx%d)", caller, index, width, height));
    }
    // The host array is the caller's: wait until the copy has read it.
    F3D_CHECK(mark_broken(session, synchronize(session, caller)));
    return mark_broken(session, track_memory(session));
}

extern "C" F3D_API int32_t f3d_splat_session_step(f3d_splat_session *session, int32_t image_index, const float *view,
                                                  int32_t width, int32_t height, const float *learning_rates,
                                                  int32_t sh_degree, float *loss) {
    const char *caller = "f3d_splat_session_step";
    F3D_CHECK(check_usable(caller, session));
    F3D_REQUIRE_NOT_NULL(caller, learning_rates);
    F3D_REQUIRE_NOT_NULL(caller, loss);
    F3D_CHECK(check_view(caller, view, width, height));
    if (static_cast<int64_t>(width) * height > kMaxLossPixels) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: image %d x %d is over the loss's %lld pixels", caller, width,
                    height, static_cast<long long>(kMaxLossPixels));
    }
    F3D_CHECK(check_sh_degree(caller, sh_degree));
    for (int g = 0; g < F3D_SPLAT_LEARNING_RATES; ++g) {
        if (!(learning_rates[g] >= 0.0f) || !std::isfinite(learning_rates[g])) {
            return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: learning rate %d (%g) must be finite and >= 0", caller,
                             g, learning_rates[g]);
        }
    }
    if (image_index < 0 || static_cast<size_t>(image_index) >= session->images.size()
        || session->images[static_cast<size_t>(image_index)].data == nullptr) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: no image was uploaded under index %d", caller, image_index);
    }
    const Image &target = session->images[static_cast<size_t>(image_index)];
    if (target.width != width || target.height != height) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: image %d is %dx%d but the view is %dx%d", caller,
                         image_index, target.width, target.height, width, height);
    }
    F3D_CHECK(f3d::use_device(session->device, caller));
    F3D_CHECK(mark_broken(session, ensure_gaussian_buffers(session, caller, false)));
    F3D_CHECK(mark_broken(session, ensure_pixel_buffers(session, caller, width, height)));
    const Camera camera = camera_of(view, width, height);
    if (!session->skips_kernels()) {
        F3D_CHECK(mark_broken(session, enqueue_forward(session, caller, camera, sh_degree)));
    }
    // Counted only now, as the twin counts a step only after its forward pass: binning more entries than
    // it supports fails with F3D_ERROR_INVALID_ARGUMENT, which leaves the session usable, and must not
    // have moved Adam's bias corrections on.
    session->adam_step++;
    if (!session->skips_kernels()) {
        F3D_CHECK(mark_broken(session,
                              enqueue_backward_and_update(session, caller, camera, sh_degree, target, learning_rates)));
    }
    cudaError_t error = cudaMemcpyAsync(session->host_loss, session->device_loss.data, sizeof(float),
                                        cudaMemcpyDeviceToHost, session->stream);
    if (error != cudaSuccess) {
        return mark_broken(session, f3d::fail_cuda(error, "%s: copying the loss back", caller));
    }
    F3D_CHECK(mark_broken(session, synchronize(session, caller)));
    *loss = *session->host_loss;
    return mark_broken(session, track_memory(session));
}

extern "C" F3D_API int32_t f3d_splat_session_render(f3d_splat_session *session, const float *view, int32_t width,
                                                    int32_t height, int32_t sh_degree, float *image) {
    const char *caller = "f3d_splat_session_render";
    F3D_CHECK(check_usable(caller, session));
    F3D_REQUIRE_NOT_NULL(caller, image);
    F3D_CHECK(check_view(caller, view, width, height));
    F3D_CHECK(check_sh_degree(caller, sh_degree));
    F3D_CHECK(f3d::use_device(session->device, caller));
    F3D_CHECK(mark_broken(session, ensure_gaussian_buffers(session, caller, false)));
    F3D_CHECK(mark_broken(session, ensure_pixel_buffers(session, caller, width, height)));
    const int64_t bytes = 3 * static_cast<int64_t>(width) * height * static_cast<int64_t>(sizeof(float));
    if (!session->skips_kernels()) {
        F3D_CHECK(mark_broken(session, enqueue_forward(session, caller, camera_of(view, width, height), sh_degree)));
        cudaError_t error = cudaMemcpyAsync(image, session->rendered.data, static_cast<size_t>(bytes),
                                            cudaMemcpyDeviceToHost, session->stream);
        if (error != cudaSuccess) {
            return mark_broken(session, f3d::fail_cuda(error, "%s: copying the %dx%d image back", caller, width, height));
        }
    }
    return mark_broken(session, synchronize(session, caller));
}

extern "C" F3D_API int32_t f3d_splat_session_densify(f3d_splat_session *session, const float *settings,
                                                     int32_t *counts) {
    const char *caller = "f3d_splat_session_densify";
    F3D_CHECK(check_usable(caller, session));
    F3D_REQUIRE_NOT_NULL(caller, settings);
    F3D_REQUIRE_NOT_NULL(caller, counts);
    for (int k = 0; k < F3D_SPLAT_DENSIFY_SETTINGS; ++k) {
        if (!(settings[k] >= 0.0f) || !std::isfinite(settings[k])) {
            return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: densify setting %d (%g) must be finite and >= 0", caller,
                             k, settings[k]);
        }
    }
    F3D_CHECK(f3d::use_device(session->device, caller));
    const int32_t before = session->model.count;
    if (session->skips_kernels()) {
        counts[0] = counts[1] = counts[2] = 0;
        counts[3] = before;
        return F3D_OK;
    }
    const DensifyLimits limits{settings[0], settings[1], settings[2], settings[3], settings[4],
                               session->scene_extent, session->max_gaussians};
    const ModelArrays source = session->model.arrays();
    DensifyCountsHost planned{};
    cudaError_t error = session->densifier.plan(source, session->gradient_sum.as<float>(),
                                                session->gradient_count.as<int32_t>(),
                                                session->max_radius.as<float>(), limits, &planned, session->stream);
    if (error != cudaSuccess) {
        return mark_broken(session, fail_stage(error, caller, "the densification plan", before));
    }
    if (planned.count < 0 || planned.count > session->max_gaussians) {
        return mark_broken(session, f3d::fail(F3D_ERROR_INTERNAL, "%s: the plan asks for %d Gaussians, outside 0..%d",
                                              caller, planned.count, session->max_gaussians));
    }
    Model next;
    int32_t status = allocate_model(next, planned.count, caller);
    if (status != F3D_OK) {
        return mark_broken(session, status);
    }
    // The peak of a densification: both models are allocated.
    status = track_memory(session);
    if (status == F3D_OK) {
        error = session->densifier.apply(source, session->max_radius.as<float>(), limits, session->seed,
                                         session->densify_calls, next.arrays(), session->stream);
        status = error == cudaSuccess ? synchronize(session, caller)
                                      : fail_stage(error, caller, "the densification", before);
    }
    if (status != F3D_OK) {
        next.release();
        return mark_broken(session, status);
    }
    session->model.release();
    session->model = next;
    session->densify_calls++;
    F3D_CHECK(mark_broken(session, ensure_gaussian_buffers(session, caller, true)));
    F3D_CHECK(mark_broken(session, synchronize(session, caller)));
    counts[0] = planned.cloned;
    counts[1] = planned.split;
    counts[2] = planned.pruned;
    counts[3] = session->model.count;
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_splat_session_reset_opacity(f3d_splat_session *session, float max_opacity_logit) {
    const char *caller = "f3d_splat_session_reset_opacity";
    F3D_CHECK(check_usable(caller, session));
    if (std::isnan(max_opacity_logit)) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: the opacity logit cap is NaN", caller);
    }
    F3D_CHECK(f3d::use_device(session->device, caller));
    const int32_t n = session->model.count;
    if (n == 0 || session->skips_kernels()) {
        return F3D_OK;
    }
    const ModelArrays model = session->model.arrays();
    cap_opacity_kernel<<<blocks_for(n), kBlockThreads, 0, session->stream>>>(model.params.opacity_logits, n,
                                                                             max_opacity_logit);
    cudaError_t error = cudaGetLastError();
    if (error == cudaSuccess) {
        error = cudaMemsetAsync(model.moment1.opacity_logits, 0, n * sizeof(float), session->stream);
    }
    if (error == cudaSuccess) {
        error = cudaMemsetAsync(model.moment2.opacity_logits, 0, n * sizeof(float), session->stream);
    }
    if (error != cudaSuccess) {
        return mark_broken(session, f3d::fail_cuda(error, "%s: capping the opacity of %d Gaussians", caller, n));
    }
    return mark_broken(session, synchronize(session, caller));
}

extern "C" F3D_API int32_t f3d_splat_session_count(const f3d_splat_session *session, int32_t *count) {
    F3D_REQUIRE_NOT_NULL("f3d_splat_session_count", session);
    F3D_REQUIRE_NOT_NULL("f3d_splat_session_count", count);
    *count = session->model.count;
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_splat_session_download(f3d_splat_session *session, float *means, float *log_scales,
                                                      float *rotations, float *opacity_logits, float *sh_dc,
                                                      float *sh_rest) {
    const char *caller = "f3d_splat_session_download";
    F3D_CHECK(check_usable(caller, session));
    const int32_t n = session->model.count;
    if (n == 0) {
        return F3D_OK;
    }
    F3D_REQUIRE_NOT_NULL(caller, means);
    F3D_REQUIRE_NOT_NULL(caller, log_scales);
    F3D_REQUIRE_NOT_NULL(caller, rotations);
    F3D_REQUIRE_NOT_NULL(caller, opacity_logits);
    F3D_REQUIRE_NOT_NULL(caller, sh_dc);
    F3D_REQUIRE_NOT_NULL(caller, sh_rest);
    F3D_CHECK(f3d::use_device(session->device, caller));
    float *const destinations[6] = {means, log_scales, rotations, opacity_logits, sh_dc, sh_rest};
    Group params[6];
    groups_of(session->model.arrays().params, params);
    cudaError_t error = cudaSuccess;
    for (int g = 0; g < 6 && error == cudaSuccess; ++g) {
        error = cudaMemcpyAsync(destinations[g], params[g].data, params[g].floats * sizeof(float),
                                cudaMemcpyDeviceToHost, session->stream);
    }
    if (error != cudaSuccess) {
        return mark_broken(session, f3d::fail_cuda(error, "%s: copying %d Gaussians back", caller, n));
    }
    return mark_broken(session, synchronize(session, caller));
}

extern "C" F3D_API int32_t f3d_splat_session_memory(const f3d_splat_session *session, int64_t *baseline_free_bytes,
                                                    int64_t *lowest_free_bytes, int64_t *held_bytes) {
    const char *caller = "f3d_splat_session_memory";
    F3D_REQUIRE_NOT_NULL(caller, session);
    F3D_REQUIRE_NOT_NULL(caller, baseline_free_bytes);
    F3D_REQUIRE_NOT_NULL(caller, lowest_free_bytes);
    F3D_REQUIRE_NOT_NULL(caller, held_bytes);
    int64_t lowest = session->lowest_free_bytes;
    if ((session->flags & F3D_SPLAT_SESSION_TRACK_MEMORY) == 0) {
        F3D_CHECK(f3d::use_device(session->device, caller));
        F3D_CHECK(free_bytes(&lowest));
    }
    int64_t held = session->model.bytes();
    for (const DeviceScratch *scratch :
         {&session->gradients, &session->projected, &session->screen_gradients, &session->gradient_sum,
          &session->gradient_count, &session->max_radius, &session->rendered, &session->image_gradient,
          &session->final_t, &session->contributors, &session->entry_gradients, &session->device_loss}) {
        held += static_cast<int64_t>(scratch->bytes);
    }
    held += static_cast<int64_t>(session->binner.bytes_held() + session->loss.bytes_held()
                                 + session->densifier.bytes_held());
    for (const Image &image : session->images) {
        held += 3 * static_cast<int64_t>(image.width) * image.height * static_cast<int64_t>(sizeof(float));
    }
    *baseline_free_bytes = session->baseline_free_bytes;
    *lowest_free_bytes = lowest;
    *held_bytes = held;
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_splat_session_destroy(f3d_splat_session *session) {
    if (session == nullptr) {
        return F3D_OK;
    }
    const char *caller = "f3d_splat_session_destroy";
    int32_t status = f3d::use_device(session->device, caller);
    cudaError_t synchronized = cudaSuccess;
    if (status == F3D_OK && session->stream != nullptr) {
        synchronized = cudaStreamSynchronize(session->stream);
    }
    release_all(session);
    cudaError_t destroyed = cudaSuccess;
    if (session->stream != nullptr) {
        destroyed = cudaStreamDestroy(session->stream);
    }
    const int32_t device = session->device;
    delete session;  // the handle is gone whatever CUDA said: Java never uses it again
    if (status != F3D_OK) {
        return status;
    }
    if (synchronized != cudaSuccess) {
        return f3d::fail_cuda(synchronized, "%s: pending work on device %d failed", caller, device);
    }
    if (destroyed != cudaSuccess) {
        return f3d::fail_cuda(destroyed, "%s: cudaStreamDestroy(device %d)", caller, device);
    }
    return F3D_OK;
}
