// Real spherical harmonics up to degree 3 with the 3DGS constants, order and signs: the device
// twin of SphericalHarmonics in engine-native, expression for expression (on sfloat, so that
// each value rounds as the JVM rounds it).
#pragma once

#include "strict_float.cuh"

namespace f3d::splat::sh {

constexpr int kMaxCoefficients = 16;

__device__ __forceinline__ int coefficients(int degree) { return (degree + 1) * (degree + 1); }

// The 3DGS constants, as the twin's float constants.
constexpr float kC0 = 0.28209479177387814f;
constexpr float kC1 = 0.4886025119029199f;
// Scalars rather than arrays: a constexpr scalar is usable in device code as it is.
constexpr float kC2_0 = 1.0925484305920792f, kC2_1 = -1.0925484305920792f, kC2_2 = 0.31539156525252005f,
                kC2_3 = -1.0925484305920792f, kC2_4 = 0.5462742152960396f;
constexpr float kC3_0 = -0.5900435899266435f, kC3_1 = 2.890611442640554f, kC3_2 = -0.4570457994644658f,
                kC3_3 = 0.3731763325901154f, kC3_4 = -0.4570457994644658f, kC3_5 = 1.445305721320277f,
                kC3_6 = -0.5900435899266435f;

// SphericalHarmonics.basis: values 0..coefficients(degree)-1 at the unit direction (x, y, z).
__device__ __forceinline__ void basis(int degree, sfloat x, sfloat y, sfloat z, sfloat out[kMaxCoefficients]) {
    const sfloat c1 = kC1;
    out[0] = kC0;
    if (degree < 1) {
        return;
    }
    out[1] = -c1 * y;
    out[2] = c1 * z;
    out[3] = -c1 * x;
    if (degree < 2) {
        return;
    }
    const sfloat xx = x * x;
    const sfloat yy = y * y;
    const sfloat zz = z * z;
    out[4] = sfloat(kC2_0) * x * y;
    out[5] = sfloat(kC2_1) * y * z;
    out[6] = sfloat(kC2_2) * (2 * zz - xx - yy);
    out[7] = sfloat(kC2_3) * x * z;
    out[8] = sfloat(kC2_4) * (xx - yy);
    if (degree < 3) {
        return;
    }
    out[9] = sfloat(kC3_0) * y * (3 * xx - yy);
    out[10] = sfloat(kC3_1) * x * y * z;
    out[11] = sfloat(kC3_2) * y * (4 * zz - xx - yy);
    out[12] = sfloat(kC3_3) * z * (2 * zz - 3 * xx - 3 * yy);
    out[13] = sfloat(kC3_4) * x * (4 * zz - xx - yy);
    out[14] = sfloat(kC3_5) * z * (xx - yy);
    out[15] = sfloat(kC3_6) * x * (xx - 3 * yy);
}

// SphericalHarmonics.basisGradient: d basis[k] / d(x, y, z) into grad[3k..3k+2] for
// k = 1..coefficients(degree)-1 (the DC term does not depend on the direction).
__device__ __forceinline__ void basis_gradient(int degree, sfloat x, sfloat y, sfloat z,
                                               sfloat grad[3 * kMaxCoefficients]) {
    auto set = [&](int k, sfloat dx, sfloat dy, sfloat dz) {
        grad[3 * k] = dx;
        grad[3 * k + 1] = dy;
        grad[3 * k + 2] = dz;
    };
    const sfloat c1 = kC1;
    if (degree < 1) {
        return;
    }
    set(1, 0.0f, -c1, 0.0f);
    set(2, 0.0f, 0.0f, c1);
    set(3, -c1, 0.0f, 0.0f);
    if (degree < 2) {
        return;
    }
    const sfloat xx = x * x;
    const sfloat yy = y * y;
    const sfloat zz = z * z;
    const sfloat c2_0 = kC2_0, c2_1 = kC2_1, c2_2 = kC2_2, c2_3 = kC2_3, c2_4 = kC2_4;
    set(4, c2_0 * y, c2_0 * x, 0.0f);
    set(5, 0.0f, c2_1 * z, c2_1 * y);
    set(6, -2 * c2_2 * x, -2 * c2_2 * y, 4 * c2_2 * z);
    set(7, c2_3 * z, 0.0f, c2_3 * x);
    set(8, 2 * c2_4 * x, -2 * c2_4 * y, 0.0f);
    if (degree < 3) {
        return;
    }
    const sfloat c3_0 = kC3_0, c3_1 = kC3_1, c3_2 = kC3_2, c3_3 = kC3_3, c3_4 = kC3_4, c3_5 = kC3_5,
                 c3_6 = kC3_6;
    set(9, 6 * c3_0 * x * y, c3_0 * (3 * xx - 3 * yy), 0.0f);
    set(10, c3_1 * y * z, c3_1 * x * z, c3_1 * x * y);
    set(11, -2 * c3_2 * x * y, c3_2 * (4 * zz - xx - 3 * yy), 8 * c3_2 * y * z);
    set(12, -6 * c3_3 * x * z, -6 * c3_3 * y * z, c3_3 * (6 * zz - 3 * xx - 3 * yy));
    set(13, c3_4 * (4 * zz - 3 * xx - yy), -2 * c3_4 * x * y, 8 * c3_4 * x * z);
    set(14, 2 * c3_5 * x * z, -2 * c3_5 * y * z, c3_5 * (xx - yy));
    set(15, c3_6 * (3 * xx - 3 * yy), -6 * c3_6 * x * y, 0.0f);
}

}  // namespace f3d::splat::sh
