package dev.forge3d.engine.splat;

/**
 * Real spherical harmonics up to degree 3 with the 3DGS constants and sign convention, evaluated
 * at a unit direction, and their derivatives with respect to the direction's components.
 * Coefficient 0 is the DC term; coefficients 1..15 are degrees 1-3 in the 3DGS order.
 */
final class SphericalHarmonics {
    static final float C0 = 0.28209479177387814f;
    static final double C0_DOUBLE = 0.28209479177387814;
    static final float C1 = 0.4886025119029199f;
    static final float[] C2 = {1.0925484305920792f, -1.0925484305920792f, 0.31539156525252005f,
            -1.0925484305920792f, 0.5462742152960396f};
    static final float[] C3 = {-0.5900435899266435f, 2.890611442640554f, -0.4570457994644658f,
            0.3731763325901154f, -0.4570457994644658f, 1.445305721320277f, -0.5900435899266435f};

    private SphericalHarmonics() {
    }

    /** Coefficients used at {@code degree}: 1, 4, 9 or 16. */
    static int coefficients(int degree) {
        return (degree + 1) * (degree + 1);
    }

    /** Writes basis values 0..coefficients(degree)-1 at the unit direction (x, y, z) into {@code out[offset..]}. */
    static void basis(int degree, float x, float y, float z, float[] out, int offset) {
        out[offset + 0] = C0;
        if (degree < 1) {
            return;
        }
        out[offset + 1] = -C1 * y;
        out[offset + 2] = C1 * z;
        out[offset + 3] = -C1 * x;
        if (degree < 2) {
            return;
        }
        float xx = x * x;
        float yy = y * y;
        float zz = z * z;
        out[offset + 4] = C2[0] * x * y;
        out[offset + 5] = C2[1] * y * z;
        out[offset + 6] = C2[2] * (2 * zz - xx - yy);
        out[offset + 7] = C2[3] * x * z;
        out[offset + 8] = C2[4] * (xx - yy);
        if (degree < 3) {
            return;
        }
        out[offset + 9] = C3[0] * y * (3 * xx - yy);
        out[offset + 10] = C3[1] * x * y * z;
        out[offset + 11] = C3[2] * y * (4 * zz - xx - yy);
        out[offset + 12] = C3[3] * z * (2 * zz - 3 * xx - 3 * yy);
        out[offset + 13] = C3[4] * x * (4 * zz - xx - yy);
        out[offset + 14] = C3[5] * z * (xx - yy);
        out[offset + 15] = C3[6] * x * (xx - 3 * yy);
    }

    /**
     * Writes d basis[k] / d(x, y, z) into {@code grad[offset + 3k ..]} for k = 1..coefficients(degree)-1
     * (the DC term does not depend on the direction).
     */
    static void basisGradient(int degree, float x, float y, float z, float[] grad, int offset) {
        if (degree < 1) {
            return;
        }
        set(grad, offset, 1, 0, -C1, 0);
        set(grad, offset, 2, 0, 0, C1);
        set(grad, offset, 3, -C1, 0, 0);
        if (degree < 2) {
            return;
        }
        float xx = x * x;
        float yy = y * y;
        float zz = z * z;
        set(grad, offset, 4, C2[0] * y, C2[0] * x, 0);
        set(grad, offset, 5, 0, C2[1] * z, C2[1] * y);
        set(grad, offset, 6, -2 * C2[2] * x, -2 * C2[2] * y, 4 * C2[2] * z);
        set(grad, offset, 7, C2[3] * z, 0, C2[3] * x);
        set(grad, offset, 8, 2 * C2[4] * x, -2 * C2[4] * y, 0);
        if (degree < 3) {
            return;
        }
        set(grad, offset, 9, 6 * C3[0] * x * y, C3[0] * (3 * xx - 3 * yy), 0);
        set(grad, offset, 10, C3[1] * y * z, C3[1] * x * z, C3[1] * x * y);
        set(grad, offset, 11, -2 * C3[2] * x * y, C3[2] * (4 * zz - xx - 3 * yy), 8 * C3[2] * y * z);
        set(grad, offset, 12, -6 * C3[3] * x * z, -6 * C3[3] * y * z, C3[3] * (6 * zz - 3 * xx - 3 * yy));
        set(grad, offset, 13, C3[4] * (4 * zz - 3 * xx - yy), -2 * C3[4] * x * y, 8 * C3[4] * x * z);
        set(grad, offset, 14, 2 * C3[5] * x * z, -2 * C3[5] * y * z, C3[5] * (xx - yy));
        set(grad, offset, 15, C3[6] * (3 * xx - 3 * yy), -6 * C3[6] * x * y, 0);
    }

    private static void set(float[] grad, int offset, int k, float dx, float dy, float dz) {
        grad[offset + 3 * k] = dx;
        grad[offset + 3 * k + 1] = dy;
        grad[offset + 3 * k + 2] = dz;
    }
}
