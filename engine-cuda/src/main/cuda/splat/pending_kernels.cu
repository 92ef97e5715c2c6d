// PLACEHOLDERS, DELETED WHEN THE SPLAT KERNELS MERGE: link-time stand-ins for the launchers of
// splat_ops.cuh that the training session (session.cu) calls, so that this branch builds before
// densify.cu exists. Each launcher returns
// cudaErrorNotSupported, so a session step fails with a clear CUDA error instead of computing
// anything; the release() methods free what their class holds, so destroy stays correct. The
// session's own code (allocation, uploads, Adam, opacity reset, downloads, and the whole step
// with F3D_SPLAT_SESSION_SKIP_KERNELS) does not depend on them.
#include "splat_ops.cuh"

namespace f3d::splat {

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
