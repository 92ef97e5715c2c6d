// Projection and SH evaluation, forward and backward: one thread per Gaussian.
//
// Each kernel is Projection.forward / Projection.backward of engine-native transcribed expression
// for expression on sfloat (strict_float.cuh), with the twin's parenthesisation and its double
// steps (exp, the sigmoid, the radius's ceil) in double, so the float outputs round as the JVM
// rounds them and the integer outputs (radius, tile rectangle) come out identical.
#include "../common/handles.cuh"
#include "kernel_args.cuh"
#include "sh.cuh"
#include "splat_ops.cuh"
#include "strict_float.cuh"

namespace f3d::splat {
namespace {

constexpr int kThreadsPerBlock = 128;
constexpr float kNear = 0.2f;       // Projection.NEAR
constexpr float kLowPass = 0.3f;    // Projection.LOW_PASS
constexpr float kFovMargin = 0.15f; // Projection.FOV_MARGIN
constexpr int kShRestStride = 3 * kShRestCoefficients;  // 45 floats of sh_rest per Gaussian

// The camera-dependent constants both kernels start from.
struct ViewLimits {
    sfloat lo_x, hi_x, lo_y, hi_y;
};

__device__ __forceinline__ ViewLimits view_limits(const Camera &camera) {
    const sfloat width = static_cast<float>(camera.width);
    const sfloat height = static_cast<float>(camera.height);
    const sfloat margin = kFovMargin;
    ViewLimits limits;
    limits.lo_x = -(sfloat(camera.cx) + margin * width) / camera.fx;
    limits.hi_x = (width - camera.cx + margin * width) / camera.fx;
    limits.lo_y = -(sfloat(camera.cy) + margin * height) / camera.fy;
    limits.hi_y = (height - camera.cy + margin * height) / camera.fy;
    return limits;
}

// Projection.rotation: row-major rotation matrix of the normalised quaternion w x y z.
__device__ __forceinline__ void rotation(sfloat w, sfloat x, sfloat y, sfloat z, sfloat r[9]) {
    r[0] = 1 - 2 * (y * y + z * z);
    r[1] = 2 * (x * y - w * z);
    r[2] = 2 * (x * z + w * y);
    r[3] = 2 * (x * y + w * z);
    r[4] = 1 - 2 * (x * x + z * z);
    r[5] = 2 * (y * z - w * x);
    r[6] = 2 * (x * z - w * y);
    r[7] = 2 * (y * z + w * x);
    r[8] = 1 - 2 * (x * x + y * y);
}

// Projection.sigmoid, in double as the twin computes it.
__device__ __forceinline__ float sigmoid(float x) {
    return static_cast<float>(1.0 / (1.0 + exp(-static_cast<double>(x))));
}

__device__ __forceinline__ int clamp_tile(int tile, int tiles) { return min(tiles, max(0, tile)); }

// Math.floor(value / TILE) of the twin, as an int.
__device__ __forceinline__ int tile_of(sfloat value) { return java_int(floorf((value / kTileSize).v)); }

// The SH colour of the twin's colour(): sum_k Y_k(d) c_k per channel, before the + 0.5 and clamp.
__device__ __forceinline__ sfloat sh_sum(const sfloat basis[sh::kMaxCoefficients], int coefficients,
                                         const float *__restrict__ sh_dc, const float *__restrict__ sh_rest,
                                         int64_t gaussian, int channel) {
    sfloat sum = basis[0] * sh_dc[3 * gaussian + channel];
    for (int k = 1; k < coefficients; ++k) {
        sum += basis[k] * sh_rest[kShRestStride * gaussian + 3 * (k - 1) + channel];
    }
    return sum;
}

struct ConstGaussians {
    const float *__restrict__ means;
    const float *__restrict__ log_scales;
    const float *__restrict__ rotations;
    const float *__restrict__ opacity_logits;
    const float *__restrict__ sh_dc;
    const float *__restrict__ sh_rest;
};

ConstGaussians read_only(const GaussianArrays &g) {
    return {g.means, g.log_scales, g.rotations, g.opacity_logits, g.sh_dc, g.sh_rest};
}

__global__ void __launch_bounds__(kThreadsPerBlock)
    project_forward_kernel(ConstGaussians g, int32_t count, int sh_degree, Camera camera, ProjectedArrays out) {
    const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i >= count) {
        return;
    }
    const float *w = camera.world_to_camera;
    const sfloat fx = camera.fx;
    const sfloat fy = camera.fy;
    const ViewLimits limits = view_limits(camera);
    const int tiles_x = (camera.width + kTileSize - 1) / kTileSize;
    const int tiles_y = (camera.height + kTileSize - 1) / kTileSize;

    out.radius[i] = 0;
    out.tiles_touched[i] = 0;
    const sfloat mx = g.means[3 * i];
    const sfloat my = g.means[3 * i + 1];
    const sfloat mz = g.means[3 * i + 2];
    const sfloat tx = sfloat(w[0]) * mx + sfloat(w[1]) * my + sfloat(w[2]) * mz + w[3];
    const sfloat ty = sfloat(w[4]) * mx + sfloat(w[5]) * my + sfloat(w[6]) * mz + w[7];
    const sfloat tz = sfloat(w[8]) * mx + sfloat(w[9]) * my + sfloat(w[10]) * mz + w[11];
    if (!(tz > kNear)) {
        return;
    }
    // 3D covariance: M = R S, Sigma = M M^T.
    const sfloat qw = g.rotations[4 * i];
    const sfloat qx = g.rotations[4 * i + 1];
    const sfloat qy = g.rotations[4 * i + 2];
    const sfloat qz = g.rotations[4 * i + 3];
    const sfloat qn = java_sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
    if (!(qn > 0.0f)) {
        return;
    }
    sfloat r[9];
    rotation(qw / qn, qx / qn, qy / qn, qz / qn, r);
    const sfloat s0 = java_exp(g.log_scales[3 * i]);
    const sfloat s1 = java_exp(g.log_scales[3 * i + 1]);
    const sfloat s2 = java_exp(g.log_scales[3 * i + 2]);
    const sfloat m00 = r[0] * s0, m01 = r[1] * s1, m02 = r[2] * s2;
    const sfloat m10 = r[3] * s0, m11 = r[4] * s1, m12 = r[5] * s2;
    const sfloat m20 = r[6] * s0, m21 = r[7] * s1, m22 = r[8] * s2;
    const sfloat c00 = m00 * m00 + m01 * m01 + m02 * m02;
    const sfloat c01 = m00 * m10 + m01 * m11 + m02 * m12;
    const sfloat c02 = m00 * m20 + m01 * m21 + m02 * m22;
    const sfloat c11 = m10 * m10 + m11 * m11 + m12 * m12;
    const sfloat c12 = m10 * m20 + m11 * m21 + m12 * m22;
    const sfloat c22 = m20 * m20 + m21 * m21 + m22 * m22;
    // Jacobian of the perspective projection, with the tangents clamped as in 3DGS.
    const sfloat txc = java_min(limits.hi_x, java_max(limits.lo_x, tx / tz)) * tz;
    const sfloat tyc = java_min(limits.hi_y, java_max(limits.lo_y, ty / tz)) * tz;
    const sfloat j00 = fx / tz;
    const sfloat j02 = -fx * txc / (tz * tz);
    const sfloat j11 = fy / tz;
    const sfloat j12 = -fy * tyc / (tz * tz);
    // T = J W (2x3).
    const sfloat t00 = j00 * w[0] + j02 * w[8];
    const sfloat t01 = j00 * w[1] + j02 * w[9];
    const sfloat t02 = j00 * w[2] + j02 * w[10];
    const sfloat t10 = j11 * w[4] + j12 * w[8];
    const sfloat t11 = j11 * w[5] + j12 * w[9];
    const sfloat t12 = j11 * w[6] + j12 * w[10];
    // cov2d = T Sigma T^T + low-pass.
    const sfloat u0 = c00 * t00 + c01 * t01 + c02 * t02;
    const sfloat u1 = c01 * t00 + c11 * t01 + c12 * t02;
    const sfloat u2 = c02 * t00 + c12 * t01 + c22 * t02;
    const sfloat a = t00 * u0 + t01 * u1 + t02 * u2 + kLowPass;
    const sfloat b = t10 * u0 + t11 * u1 + t12 * u2;
    const sfloat v0 = c00 * t10 + c01 * t11 + c02 * t12;
    const sfloat v1 = c01 * t10 + c11 * t11 + c12 * t12;
    const sfloat v2 = c02 * t10 + c12 * t11 + c22 * t12;
    const sfloat c = t10 * v0 + t11 * v1 + t12 * v2 + kLowPass;
    const sfloat det = a * c - b * b;
    if (!(det > 0.0f)) {
        return;
    }
    const sfloat mid = 0.5f * (a + c);
    const sfloat lambda = mid + java_sqrt(java_max(0.1f, mid * mid - det));
    const int radius = java_int(ceil(3.0 * sqrt(static_cast<double>(lambda.v))));
    const sfloat u = fx * tx / tz + camera.cx;
    const sfloat v = fy * ty / tz + camera.cy;
    const sfloat radius_f = static_cast<float>(radius);
    const int min_x = clamp_tile(tile_of(u - radius_f), tiles_x);
    const int max_x = clamp_tile(java_add(tile_of(u + radius_f), 1), tiles_x);
    const int min_y = clamp_tile(tile_of(v - radius_f), tiles_y);
    const int max_y = clamp_tile(java_add(tile_of(v + radius_f), 1), tiles_y);
    const int touched = (max_x - min_x) * (max_y - min_y);
    if (touched == 0) {
        return;
    }
    out.radius[i] = radius;
    out.tiles_touched[i] = touched;
    out.tile_rect[4 * i] = min_x;
    out.tile_rect[4 * i + 1] = min_y;
    out.tile_rect[4 * i + 2] = max_x;
    out.tile_rect[4 * i + 3] = max_y;
    out.mean2d[2 * i] = u.v;
    out.mean2d[2 * i + 1] = v.v;
    out.depth[i] = tz.v;
    out.conic[3 * i] = (c / det).v;
    out.conic[3 * i + 1] = (-b / det).v;
    out.conic[3 * i + 2] = (a / det).v;
    out.opacity[i] = sigmoid(g.opacity_logits[i]);

    // Projection.colour: SH colour for the view direction, + 0.5 and clamped at 0.
    const sfloat dx = mx - camera.centre[0];
    const sfloat dy = my - camera.centre[1];
    const sfloat dz = mz - camera.centre[2];
    const sfloat len = java_sqrt(dx * dx + dy * dy + dz * dz);
    sfloat basis[sh::kMaxCoefficients];
    sh::basis(sh_degree, dx / len, dy / len, dz / len, basis);
    const int coefficients = sh::coefficients(sh_degree);
    for (int ch = 0; ch < 3; ++ch) {
        const sfloat sum = sh_sum(basis, coefficients, g.sh_dc, g.sh_rest, i, ch);
        out.rgb[3 * i + ch] = java_max(0.0f, sum + 0.5f).v;
    }
}

__global__ void __launch_bounds__(kThreadsPerBlock)
    project_backward_kernel(ConstGaussians g, int32_t count, int sh_degree, Camera camera,
                            const int32_t *__restrict__ projected_radius, const float *__restrict__ projected_conic,
                            const float *__restrict__ projected_opacity, const float *__restrict__ screen,
                            GaussianArrays grads) {
    const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i >= count) {
        return;
    }
    // Projection.zero: a culled Gaussian gets zeros, and so does every entry not written below
    // (a clamped colour channel, the SH coefficients above sh_degree).
    float *grad_sh_rest = grads.sh_rest + kShRestStride * i;
    for (int k = 0; k < kShRestStride; ++k) {
        grad_sh_rest[k] = 0.0f;
    }
    for (int k = 0; k < 3; ++k) {
        grads.means[3 * i + k] = 0.0f;
        grads.log_scales[3 * i + k] = 0.0f;
        grads.sh_dc[3 * i + k] = 0.0f;
    }
    for (int k = 0; k < 4; ++k) {
        grads.rotations[4 * i + k] = 0.0f;
    }
    grads.opacity_logits[i] = 0.0f;
    if (projected_radius[i] == 0) {
        return;
    }
    const float *w = camera.world_to_camera;
    const sfloat fx = camera.fx;
    const sfloat fy = camera.fy;
    const ViewLimits limits = view_limits(camera);
    const float *ds = screen + static_cast<int64_t>(kScreenGradientStride) * i;
    const sfloat mx = g.means[3 * i];
    const sfloat my = g.means[3 * i + 1];
    const sfloat mz = g.means[3 * i + 2];
    sfloat d_mx = 0.0f, d_my = 0.0f, d_mz = 0.0f;

    // Opacity: o = sigmoid(logit).
    const sfloat o = projected_opacity[i];
    grads.opacity_logits[i] = (sfloat(ds[5]) * o * (1 - o)).v;

    // Colour: rgb = max(0, sum_k Y_k(d) c_k + 0.5), d = (mean - centre) / |mean - centre|.
    const sfloat ex = mx - camera.centre[0];
    const sfloat ey = my - camera.centre[1];
    const sfloat ez = mz - camera.centre[2];
    const sfloat len = java_sqrt(ex * ex + ey * ey + ez * ez);
    const sfloat nx = ex / len, ny = ey / len, nz = ez / len;
    sfloat basis[sh::kMaxCoefficients];
    sfloat basis_grad[3 * sh::kMaxCoefficients];
    sh::basis(sh_degree, nx, ny, nz, basis);
    sh::basis_gradient(sh_degree, nx, ny, nz, basis_grad);
    const int coefficients = sh::coefficients(sh_degree);
    const float *sh_rest = g.sh_rest + kShRestStride * i;
    sfloat d_dir_x = 0.0f, d_dir_y = 0.0f, d_dir_z = 0.0f;
    for (int ch = 0; ch < 3; ++ch) {
        const sfloat sum = sh_sum(basis, coefficients, g.sh_dc, g.sh_rest, i, ch);
        if ((sum + 0.5f) < 0.0f) {
            continue;  // clamped to zero: no gradient
        }
        const sfloat d_colour = ds[6 + ch];
        grads.sh_dc[3 * i + ch] = (basis[0] * d_colour).v;
        for (int k = 1; k < coefficients; ++k) {
            const sfloat coefficient = sh_rest[3 * (k - 1) + ch];
            grad_sh_rest[3 * (k - 1) + ch] = (basis[k] * d_colour).v;
            d_dir_x += basis_grad[3 * k] * coefficient * d_colour;
            d_dir_y += basis_grad[3 * k + 1] * coefficient * d_colour;
            d_dir_z += basis_grad[3 * k + 2] * coefficient * d_colour;
        }
    }
    const sfloat dot = nx * d_dir_x + ny * d_dir_y + nz * d_dir_z;
    d_mx += (d_dir_x - nx * dot) / len;
    d_my += (d_dir_y - ny * dot) / len;
    d_mz += (d_dir_z - nz * dot) / len;

    // Recompute the forward quantities.
    const sfloat qw = g.rotations[4 * i];
    const sfloat qx = g.rotations[4 * i + 1];
    const sfloat qy = g.rotations[4 * i + 2];
    const sfloat qz = g.rotations[4 * i + 3];
    const sfloat qn = java_sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
    const sfloat nw = qw / qn, nqx = qx / qn, nqy = qy / qn, nqz = qz / qn;
    sfloat r[9];
    rotation(nw, nqx, nqy, nqz, r);
    const sfloat s0 = java_exp(g.log_scales[3 * i]);
    const sfloat s1 = java_exp(g.log_scales[3 * i + 1]);
    const sfloat s2 = java_exp(g.log_scales[3 * i + 2]);
    const sfloat m00 = r[0] * s0, m01 = r[1] * s1, m02 = r[2] * s2;
    const sfloat m10 = r[3] * s0, m11 = r[4] * s1, m12 = r[5] * s2;
    const sfloat m20 = r[6] * s0, m21 = r[7] * s1, m22 = r[8] * s2;
    const sfloat c00 = m00 * m00 + m01 * m01 + m02 * m02;
    const sfloat c01 = m00 * m10 + m01 * m11 + m02 * m12;
    const sfloat c02 = m00 * m20 + m01 * m21 + m02 * m22;
    const sfloat c11 = m10 * m10 + m11 * m11 + m12 * m12;
    const sfloat c12 = m10 * m20 + m11 * m21 + m12 * m22;
    const sfloat c22 = m20 * m20 + m21 * m21 + m22 * m22;
    const sfloat tx = sfloat(w[0]) * mx + sfloat(w[1]) * my + sfloat(w[2]) * mz + w[3];
    const sfloat ty = sfloat(w[4]) * mx + sfloat(w[5]) * my + sfloat(w[6]) * mz + w[7];
    const sfloat tz = sfloat(w[8]) * mx + sfloat(w[9]) * my + sfloat(w[10]) * mz + w[11];
    const sfloat rx = tx / tz;
    const sfloat ry = ty / tz;
    const bool clamp_x = rx < limits.lo_x || rx > limits.hi_x;
    const bool clamp_y = ry < limits.lo_y || ry > limits.hi_y;
    const sfloat txc = java_min(limits.hi_x, java_max(limits.lo_x, rx)) * tz;
    const sfloat tyc = java_min(limits.hi_y, java_max(limits.lo_y, ry)) * tz;
    const sfloat tz2 = tz * tz;
    const sfloat tz3 = tz2 * tz;
    const sfloat j00 = fx / tz;
    const sfloat j02 = -fx * txc / tz2;
    const sfloat j11 = fy / tz;
    const sfloat j12 = -fy * tyc / tz2;
    const sfloat t00 = j00 * w[0] + j02 * w[8];
    const sfloat t01 = j00 * w[1] + j02 * w[9];
    const sfloat t02 = j00 * w[2] + j02 * w[10];
    const sfloat t10 = j11 * w[4] + j12 * w[8];
    const sfloat t11 = j11 * w[5] + j12 * w[9];
    const sfloat t12 = j11 * w[6] + j12 * w[10];

    // Conic (inverse of cov2d) to cov2d: dCov = -N G N with G the symmetric conic gradient.
    const sfloat na = projected_conic[3 * i];
    const sfloat nb = projected_conic[3 * i + 1];
    const sfloat nc = projected_conic[3 * i + 2];
    const sfloat ga = ds[2];
    const sfloat gb = 0.5f * sfloat(ds[3]);
    const sfloat gc = ds[4];
    // P = G N
    const sfloat p00 = ga * na + gb * nb, p01 = ga * nb + gb * nc;
    const sfloat p10 = gb * na + gc * nb, p11 = gb * nb + gc * nc;
    // dCov = -N P (symmetric); as a full matrix [[dA, dB/2],[dB/2, dC]].
    const sfloat d_a = -(na * p00 + nb * p10);
    const sfloat d_b_half = -(na * p01 + nb * p11);
    const sfloat d_c = -(nb * p01 + nc * p11);

    // cov2d = T Sigma T^T: dSigma = T^T Gc T, dT = 2 Gc T Sigma.
    const sfloat gt00 = d_a * t00 + d_b_half * t10, gt01 = d_a * t01 + d_b_half * t11,
                 gt02 = d_a * t02 + d_b_half * t12;
    const sfloat gt10 = d_b_half * t00 + d_c * t10, gt11 = d_b_half * t01 + d_c * t11,
                 gt12 = d_b_half * t02 + d_c * t12;
    // dSigma_jk = sum_r T_rj (Gc T)_rk
    const sfloat ds00 = t00 * gt00 + t10 * gt10;
    const sfloat ds01 = t00 * gt01 + t10 * gt11;
    const sfloat ds02 = t00 * gt02 + t10 * gt12;
    const sfloat ds11 = t01 * gt01 + t11 * gt11;
    const sfloat ds12 = t01 * gt02 + t11 * gt12;
    const sfloat ds22 = t02 * gt02 + t12 * gt12;
    // dT = 2 (Gc T) Sigma
    const sfloat dt00 = 2 * (gt00 * c00 + gt01 * c01 + gt02 * c02);
    const sfloat dt01 = 2 * (gt00 * c01 + gt01 * c11 + gt02 * c12);
    const sfloat dt02 = 2 * (gt00 * c02 + gt01 * c12 + gt02 * c22);
    const sfloat dt10 = 2 * (gt10 * c00 + gt11 * c01 + gt12 * c02);
    const sfloat dt11 = 2 * (gt10 * c01 + gt11 * c11 + gt12 * c12);
    const sfloat dt12 = 2 * (gt10 * c02 + gt11 * c12 + gt12 * c22);
    // T = J W
    const sfloat d_j00 = dt00 * w[0] + dt01 * w[1] + dt02 * w[2];
    const sfloat d_j02 = dt00 * w[8] + dt01 * w[9] + dt02 * w[10];
    const sfloat d_j11 = dt10 * w[4] + dt11 * w[5] + dt12 * w[6];
    const sfloat d_j12 = dt10 * w[8] + dt11 * w[9] + dt12 * w[10];
    sfloat d_tx = 0.0f, d_ty = 0.0f, d_tz = 0.0f;
    d_tz += -fx / tz2 * d_j00 - fy / tz2 * d_j11;
    if (clamp_x) {
        d_tz += fx * txc / tz3 * d_j02;
    } else {
        d_tx += -fx / tz2 * d_j02;
        d_tz += 2 * fx * tx / tz3 * d_j02;
    }
    if (clamp_y) {
        d_tz += fy * tyc / tz3 * d_j12;
    } else {
        d_ty += -fy / tz2 * d_j12;
        d_tz += 2 * fy * ty / tz3 * d_j12;
    }
    // Pixel position u = fx tx / tz + cx, v = fy ty / tz + cy.
    const sfloat d_u = ds[0];
    const sfloat d_v = ds[1];
    d_tx += fx / tz * d_u;
    d_ty += fy / tz * d_v;
    d_tz += -fx * tx / tz2 * d_u - fy * ty / tz2 * d_v;
    // t = W mean + t: dMean = W^T dt.
    d_mx += sfloat(w[0]) * d_tx + sfloat(w[4]) * d_ty + sfloat(w[8]) * d_tz;
    d_my += sfloat(w[1]) * d_tx + sfloat(w[5]) * d_ty + sfloat(w[9]) * d_tz;
    d_mz += sfloat(w[2]) * d_tx + sfloat(w[6]) * d_ty + sfloat(w[10]) * d_tz;
    grads.means[3 * i] = d_mx.v;
    grads.means[3 * i + 1] = d_my.v;
    grads.means[3 * i + 2] = d_mz.v;

    // Sigma = M M^T: dM = 2 dSigma M.
    const sfloat dm00 = 2 * (ds00 * m00 + ds01 * m10 + ds02 * m20);
    const sfloat dm01 = 2 * (ds00 * m01 + ds01 * m11 + ds02 * m21);
    const sfloat dm02 = 2 * (ds00 * m02 + ds01 * m12 + ds02 * m22);
    const sfloat dm10 = 2 * (ds01 * m00 + ds11 * m10 + ds12 * m20);
    const sfloat dm11 = 2 * (ds01 * m01 + ds11 * m11 + ds12 * m21);
    const sfloat dm12 = 2 * (ds01 * m02 + ds11 * m12 + ds12 * m22);
    const sfloat dm20 = 2 * (ds02 * m00 + ds12 * m10 + ds22 * m20);
    const sfloat dm21 = 2 * (ds02 * m01 + ds12 * m11 + ds22 * m21);
    const sfloat dm22 = 2 * (ds02 * m02 + ds12 * m12 + ds22 * m22);
    // M = R diag(s): d log s_j = s_j sum_i dM_ij R_ij; dR_ij = dM_ij s_j.
    grads.log_scales[3 * i] = (s0 * (dm00 * r[0] + dm10 * r[3] + dm20 * r[6])).v;
    grads.log_scales[3 * i + 1] = (s1 * (dm01 * r[1] + dm11 * r[4] + dm21 * r[7])).v;
    grads.log_scales[3 * i + 2] = (s2 * (dm02 * r[2] + dm12 * r[5] + dm22 * r[8])).v;
    const sfloat dr00 = dm00 * s0, dr01 = dm01 * s1, dr02 = dm02 * s2;
    const sfloat dr10 = dm10 * s0, dr11 = dm11 * s1, dr12 = dm12 * s2;
    const sfloat dr20 = dm20 * s0, dr21 = dm21 * s1, dr22 = dm22 * s2;
    const sfloat dw = 2 * (-nqz * dr01 + nqy * dr02 + nqz * dr10 - nqx * dr12 - nqy * dr20 + nqx * dr21);
    const sfloat dx = 2 * (nqy * dr01 + nqz * dr02 + nqy * dr10 - 2 * nqx * dr11 - nw * dr12 + nqz * dr20 +
                           nw * dr21 - 2 * nqx * dr22);
    const sfloat dy = 2 * (-2 * nqy * dr00 + nqx * dr01 + nw * dr02 + nqx * dr10 + nqz * dr12 - nw * dr20 +
                           nqz * dr21 - 2 * nqy * dr22);
    const sfloat dz = 2 * (-2 * nqz * dr00 - nw * dr01 + nqx * dr02 + nw * dr10 - 2 * nqz * dr11 + nqy * dr12 +
                           nqx * dr20 + nqy * dr21);
    // Through the normalisation q / |q|.
    const sfloat qdot = nw * dw + nqx * dx + nqy * dy + nqz * dz;
    grads.rotations[4 * i] = ((dw - nw * qdot) / qn).v;
    grads.rotations[4 * i + 1] = ((dx - nqx * qdot) / qn).v;
    grads.rotations[4 * i + 2] = ((dy - nqy * qdot) / qn).v;
    grads.rotations[4 * i + 3] = ((dz - nqz * qdot) / qn).v;
}

unsigned int blocks_for(int32_t count) {
    return static_cast<unsigned int>((static_cast<int64_t>(count) + kThreadsPerBlock - 1) / kThreadsPerBlock);
}

bool valid_launch(int32_t count, int sh_degree, const Camera &camera) {
    return count >= 0 && sh_degree >= 0 && sh_degree <= 3 && camera.width > 0 && camera.height > 0;
}

}  // namespace

cudaError_t project_forward(const GaussianArrays &gaussians, int sh_degree, const Camera &camera,
                            const ProjectedArrays &out, cudaStream_t stream) {
    if (!valid_launch(gaussians.count, sh_degree, camera)) {
        return cudaErrorInvalidValue;
    }
    if (gaussians.count == 0) {
        return cudaSuccess;
    }
    project_forward_kernel<<<blocks_for(gaussians.count), kThreadsPerBlock, 0, stream>>>(
        read_only(gaussians), gaussians.count, sh_degree, camera, out);
    return cudaGetLastError();
}

cudaError_t project_backward(const GaussianArrays &gaussians, int sh_degree, const Camera &camera,
                             const ProjectedArrays &projected, const float *screen_gradients,
                             const GaussianArrays &grads, cudaStream_t stream) {
    if (!valid_launch(gaussians.count, sh_degree, camera) || grads.count != gaussians.count) {
        return cudaErrorInvalidValue;
    }
    if (gaussians.count == 0) {
        return cudaSuccess;
    }
    project_backward_kernel<<<blocks_for(gaussians.count), kThreadsPerBlock, 0, stream>>>(
        read_only(gaussians), gaussians.count, sh_degree, camera, projected.radius, projected.conic,
        projected.opacity, screen_gradients, grads);
    return cudaGetLastError();
}

}  // namespace f3d::splat

// ---- ABI entry points: the launchers on opaque buffers, for the CPU-twin tests ----

namespace {

using f3d::BufferArg;
using f3d::splat::floats;
using f3d::splat::kShRestStride;

constexpr int kCameraFloats = 19;  // fx fy cx cy, world_to_camera (12), centre (3)

int32_t check_view(const char *caller, int32_t count, int32_t sh_degree, int32_t width, int32_t height,
                   const float *camera) {
    if (count < 0) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: count %d < 0", caller, count);
    }
    if (sh_degree < 0 || sh_degree > 3) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: sh_degree %d is not in 0..3", caller, sh_degree);
    }
    if (width < 1 || height < 1) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: image size %dx%d is not positive", caller, width, height);
    }
    if (camera == nullptr) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: camera is null", caller);
    }
    return F3D_OK;
}

f3d::splat::Camera camera_of(int32_t width, int32_t height, const float *camera) {
    f3d::splat::Camera view;
    view.width = width;
    view.height = height;
    view.fx = camera[0];
    view.fy = camera[1];
    view.cx = camera[2];
    view.cy = camera[3];
    for (int k = 0; k < 12; ++k) {
        view.world_to_camera[k] = camera[4 + k];
    }
    for (int k = 0; k < 3; ++k) {
        view.centre[k] = camera[16 + k];
    }
    static_assert(16 + 3 == kCameraFloats, "camera layout");
    return view;
}

f3d::splat::GaussianArrays gaussians_of(int32_t count, const f3d_buffer *means, const f3d_buffer *log_scales,
                                        const f3d_buffer *rotations, const f3d_buffer *opacity_logits,
                                        const f3d_buffer *sh_dc, const f3d_buffer *sh_rest) {
    using f3d::splat::device_pointer;
    return {count,
            device_pointer<float>(means),
            device_pointer<float>(log_scales),
            device_pointer<float>(rotations),
            device_pointer<float>(opacity_logits),
            device_pointer<float>(sh_dc),
            device_pointer<float>(sh_rest)};
}

}  // namespace

extern "C" F3D_API int32_t f3d_splat_project_forward(
    f3d_stream *stream, const f3d_buffer *means, const f3d_buffer *log_scales, const f3d_buffer *rotations,
    const f3d_buffer *opacity_logits, const f3d_buffer *sh_dc, const f3d_buffer *sh_rest, int32_t count,
    int32_t sh_degree, int32_t width, int32_t height, const float *camera, f3d_buffer *mean2d, f3d_buffer *conic,
    f3d_buffer *depth, f3d_buffer *radius, f3d_buffer *tile_rect, f3d_buffer *tiles_touched, f3d_buffer *rgb,
    f3d_buffer *opacity) {
    const char *caller = "f3d_splat_project_forward";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_CHECK(check_view(caller, count, sh_degree, width, height, camera));
    const int64_t n = count;
    F3D_CHECK(f3d::check_buffer_args(
        caller, stream,
        {BufferArg{"means", means, floats(3 * n)}, BufferArg{"log_scales", log_scales, floats(3 * n)},
         BufferArg{"rotations", rotations, floats(4 * n)}, BufferArg{"opacity_logits", opacity_logits, floats(n)},
         BufferArg{"sh_dc", sh_dc, floats(3 * n)}, BufferArg{"sh_rest", sh_rest, floats(kShRestStride * n)},
         BufferArg{"mean2d", mean2d, floats(2 * n)}, BufferArg{"conic", conic, floats(3 * n)},
         BufferArg{"depth", depth, floats(n)}, BufferArg{"radius", radius, 4 * n},
         BufferArg{"tile_rect", tile_rect, 4 * 4 * n}, BufferArg{"tiles_touched", tiles_touched, 4 * n},
         BufferArg{"rgb", rgb, floats(3 * n)}, BufferArg{"opacity", opacity, floats(n)}}));
    if (count == 0) {
        return F3D_OK;
    }
    F3D_CHECK(f3d::use_device(stream->device, caller));
    using f3d::splat::device_pointer;
    const f3d::splat::ProjectedArrays out{device_pointer<float>(mean2d),       device_pointer<float>(conic),
                                          device_pointer<float>(depth),        device_pointer<int32_t>(radius),
                                          device_pointer<int32_t>(tile_rect),  device_pointer<int32_t>(tiles_touched),
                                          device_pointer<float>(rgb),          device_pointer<float>(opacity)};
    F3D_CHECK_CUDA(f3d::splat::project_forward(
                       gaussians_of(count, means, log_scales, rotations, opacity_logits, sh_dc, sh_rest), sh_degree,
                       camera_of(width, height, camera), out, stream->stream),
                   "%s: launch for %d Gaussians", caller, count);
    return F3D_OK;
}

extern "C" F3D_API int32_t f3d_splat_project_backward(
    f3d_stream *stream, const f3d_buffer *means, const f3d_buffer *log_scales, const f3d_buffer *rotations,
    const f3d_buffer *opacity_logits, const f3d_buffer *sh_dc, const f3d_buffer *sh_rest, int32_t count,
    int32_t sh_degree, int32_t width, int32_t height, const float *camera, const f3d_buffer *conic,
    const f3d_buffer *radius, const f3d_buffer *opacity, const f3d_buffer *screen_gradients, f3d_buffer *grad_means,
    f3d_buffer *grad_log_scales, f3d_buffer *grad_rotations, f3d_buffer *grad_opacity_logits, f3d_buffer *grad_sh_dc,
    f3d_buffer *grad_sh_rest) {
    const char *caller = "f3d_splat_project_backward";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_CHECK(check_view(caller, count, sh_degree, width, height, camera));
    const int64_t n = count;
    F3D_CHECK(f3d::check_buffer_args(
        caller, stream,
        {BufferArg{"means", means, floats(3 * n)}, BufferArg{"log_scales", log_scales, floats(3 * n)},
         BufferArg{"rotations", rotations, floats(4 * n)}, BufferArg{"opacity_logits", opacity_logits, floats(n)},
         BufferArg{"sh_dc", sh_dc, floats(3 * n)}, BufferArg{"sh_rest", sh_rest, floats(kShRestStride * n)},
         BufferArg{"conic", conic, floats(3 * n)}, BufferArg{"radius", radius, 4 * n},
         BufferArg{"opacity", opacity, floats(n)},
         BufferArg{"screen_gradients", screen_gradients, floats(f3d::splat::kScreenGradientStride * n)},
         BufferArg{"grad_means", grad_means, floats(3 * n)},
         BufferArg{"grad_log_scales", grad_log_scales, floats(3 * n)},
         BufferArg{"grad_rotations", grad_rotations, floats(4 * n)},
         BufferArg{"grad_opacity_logits", grad_opacity_logits, floats(n)},
         BufferArg{"grad_sh_dc", grad_sh_dc, floats(3 * n)},
         BufferArg{"grad_sh_rest", grad_sh_rest, floats(kShRestStride * n)}}));
    if (count == 0) {
        return F3D_OK;
    }
    F3D_CHECK(f3d::use_device(stream->device, caller));
    using f3d::splat::device_pointer;
    // The backward pass reads only the radius, the conic and the opacity of the forward outputs.
    f3d::splat::ProjectedArrays projected{};
    projected.conic = device_pointer<float>(conic);
    projected.radius = device_pointer<int32_t>(radius);
    projected.opacity = device_pointer<float>(opacity);
    F3D_CHECK_CUDA(f3d::splat::project_backward(
                       gaussians_of(count, means, log_scales, rotations, opacity_logits, sh_dc, sh_rest), sh_degree,
                       camera_of(width, height, camera), projected, device_pointer<float>(screen_gradients),
                       gaussians_of(count, grad_means, grad_log_scales, grad_rotations, grad_opacity_logits,
                                    grad_sh_dc, grad_sh_rest),
                       stream->stream),
                   "%s: launch for %d Gaussians", caller, count);
    return F3D_OK;
}
