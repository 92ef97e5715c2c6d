// PLACEHOLDERS, DELETED WHEN THE SPLAT KERNELS MERGE: link-time stand-ins for the launchers of
// splat_ops.cuh that the training session (session.cu) calls, so that this branch builds before
// projection.cu, binning.cu, rasterise.cu, loss.cu and densify.cu exist. Each launcher returns
// cudaErrorNotSupported, so a session step fails with a clear CUDA error instead of computing
// anything; the release() methods free what their class holds, so destroy stays correct. The
// session's own code (allocation, uploads, Adam, opacity reset, downloads, and the whole step
// with F3D_SPLAT_SESSION_SKIP_KERNELS) does not depend on them.
#include "splat_ops.cuh"

namespace f3d::splat {

cudaError_t project_forward(const GaussianArrays &, int, const Camera &, const ProjectedArrays &, cudaStream_t) {
    return cudaErrorNotSupported;
}

cudaError_t project_backward(const GaussianArrays &, int, const Camera &, const ProjectedArrays &, const float *,
                             const GaussianArrays &, cudaStream_t) {
    return cudaErrorNotSupported;
}

cudaError_t TileBinner::bin(const ProjectedArrays &, int32_t, int32_t, int32_t, cudaStream_t) {
    return cudaErrorNotSupported;
}

void TileBinner::release() {
    for (DeviceScratch *scratch : {&gaussian_offset_, &keys_, &sorted_keys_, &emission_, &sorted_emission_,
                                   &sorted_gaussian_, &tile_ranges_, &sort_temp_, &host_count_}) {
        scratch->release();
    }
}

cudaError_t rasterise_forward(const TileBinner &, const ProjectedArrays &, int32_t, int32_t, const float[3], float *,
                              float *, int32_t *, cudaStream_t) {
    return cudaErrorNotSupported;
}

cudaError_t rasterise_backward(const TileBinner &, const ProjectedArrays &, int32_t, int32_t, int32_t, const float[3],
                               const float *, const float *, const int32_t *, DeviceScratch &, float *, cudaStream_t) {
    return cudaErrorNotSupported;
}

cudaError_t PhotometricLossKernels::loss_and_gradient(const float *, const float *, int32_t, int32_t, float *, float *,
                                                      cudaStream_t) {
    return cudaErrorNotSupported;
}

void PhotometricLossKernels::release() {
    scratch_.release();
}

cudaError_t accumulate_densify_statistics(const ProjectedArrays &, const float *, int32_t, int32_t, int32_t, float *,
                                          int32_t *, float *, cudaStream_t) {
    return cudaErrorNotSupported;
}

cudaError_t Densifier::plan(const ModelArrays &, const float *, const int32_t *, const float *, const DensifyLimits &,
                            DensifyCountsHost *, cudaStream_t) {
    return cudaErrorNotSupported;
}

cudaError_t Densifier::apply(const ModelArrays &, const float *, const DensifyLimits &, uint64_t, int64_t,
                             const ModelArrays &, cudaStream_t) {
    return cudaErrorNotSupported;
}

void Densifier::release() {
    for (DeviceScratch *scratch : {&action_, &offsets_, &keep_, &temp_, &host_counts_}) {
        scratch->release();
    }
}

}  // namespace f3d::splat
