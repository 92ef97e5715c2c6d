// sfloat: a float whose every operation is rounded on its own, as Java rounds float arithmetic.
//
// nvcc contracts a * b + c into one fused multiply-add (one rounding instead of two) wherever it
// can, and the build has no per-file switch against it. Kernels that must reproduce a CPU twin
// bit for bit (integer outputs such as a radius or a tile rectangle derive from float values, so
// one ulp can change them) write their arithmetic on sfloat: the operators call the __f*_rn
// intrinsics, which are never contracted, so an expression transcribed from the Java twin with
// the same parenthesisation rounds exactly as the JVM does. Division and square root are the
// IEEE-rounded ones, as Java's are.
#pragma once

#include <cuda_runtime.h>

namespace f3d::splat {

struct sfloat {
    float v;

    sfloat() = default;
    __host__ __device__ constexpr sfloat(float value) : v(value) {}  // NOLINT: implicit on purpose
};

__device__ __forceinline__ sfloat operator+(sfloat a, sfloat b) { return sfloat(__fadd_rn(a.v, b.v)); }
__device__ __forceinline__ sfloat operator-(sfloat a, sfloat b) { return sfloat(__fsub_rn(a.v, b.v)); }
__device__ __forceinline__ sfloat operator*(sfloat a, sfloat b) { return sfloat(__fmul_rn(a.v, b.v)); }
__device__ __forceinline__ sfloat operator/(sfloat a, sfloat b) { return sfloat(__fdiv_rn(a.v, b.v)); }
__device__ __forceinline__ sfloat operator-(sfloat a) { return sfloat(-a.v); }
__device__ __forceinline__ sfloat &operator+=(sfloat &a, sfloat b) { return a = a + b; }
__device__ __forceinline__ sfloat &operator-=(sfloat &a, sfloat b) { return a = a - b; }

__device__ __forceinline__ bool operator<(sfloat a, sfloat b) { return a.v < b.v; }
__device__ __forceinline__ bool operator>(sfloat a, sfloat b) { return a.v > b.v; }

// Java's (float) Math.sqrt(x) of a float x: the double square root rounded to float is the
// correctly rounded float square root.
__device__ __forceinline__ sfloat java_sqrt(sfloat a) { return sfloat(__fsqrt_rn(a.v)); }

// Java's (float) Math.exp(x) of a float x: computed in double as the twin does, then rounded.
__device__ __forceinline__ sfloat java_exp(sfloat a) { return sfloat(static_cast<float>(exp(static_cast<double>(a.v)))); }

// Java's Math.max / Math.min on floats: NaN wins, and +0 is larger than -0.
__device__ __forceinline__ sfloat java_max(sfloat a, sfloat b) {
    if (a.v != a.v) {
        return a;
    }
    if (a.v == 0.0f && b.v == 0.0f) {
        return signbit(a.v) ? b : a;
    }
    return a.v >= b.v ? a : b;
}

__device__ __forceinline__ sfloat java_min(sfloat a, sfloat b) {
    if (a.v != a.v) {
        return a;
    }
    if (a.v == 0.0f && b.v == 0.0f) {
        return signbit(a.v) ? a : b;
    }
    return a.v <= b.v ? a : b;
}

// Java's Math.signum on a float: zero (of either sign) and NaN come back unchanged.
__device__ __forceinline__ sfloat java_signum(sfloat a) {
    if (a.v == 0.0f || a.v != a.v) {
        return a;
    }
    return sfloat(copysignf(1.0f, a.v));
}

// Java's (int) of a float or double: truncation toward zero, saturating, NaN to 0. The cvt.rzi
// instruction behind these intrinsics does exactly that.
__device__ __forceinline__ int java_int(float value) { return __float2int_rz(value); }
__device__ __forceinline__ int java_int(double value) { return __double2int_rz(value); }

// Java's int addition wraps on overflow; C++'s is undefined, so go through unsigned.
__device__ __forceinline__ int java_add(int a, int b) {
    return static_cast<int>(static_cast<unsigned int>(a) + static_cast<unsigned int>(b));
}

}  // namespace f3d::splat
