package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatView;

/**
 * The CPU twin of the projection kernels: EWA splatting of each 3D Gaussian into the image
 * (with the 0.3 px low-pass), its tile rectangle, SH colour for the view direction and the
 * activated opacity; and the exact backward pass from screen-space gradients to every
 * parameter. Each Gaussian is independent, so both run over any range of Gaussians.
 */
final class Projection {
    static final float NEAR = 0.2f;
    static final float LOW_PASS = 0.3f;
    static final int TILE = 16;
    /** Tangent limit beyond the image edge (3DGS: 1.3 x the half field of view). */
    private static final float FOV_MARGIN = 0.15f;

    /** Scratch layout: rotation 0..8, SH basis, SH basis gradient. */
    static final int BASIS = 9;
    static final int BASIS_GRAD = BASIS + 16;
    static final int SCRATCH_FLOATS = BASIS_GRAD + 48;

    private Projection() {
    }

    /** Rotation matrix (row-major 9 floats) of the normalised quaternion w x y z. */
    static void rotation(float w, float x, float y, float z, float[] r) {
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

    static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    /**
     * Projects Gaussians {@code from..to-1} for {@code view} with SH up to {@code shDegree}.
     *
     * @param scratch {@link #SCRATCH_FLOATS} floats per calling thread
     */
    static void forward(SplatArrays g, int shDegree, SplatView view, float[] cameraCentre, ProjectedGaussians out,
                        int from, int to, float[] scratch) {
        float[] w = view.worldToCamera();
        float fx = view.fx();
        float fy = view.fy();
        float loX = -(view.cx() + FOV_MARGIN * view.width()) / fx;
        float hiX = (view.width() - view.cx() + FOV_MARGIN * view.width()) / fx;
        float loY = -(view.cy() + FOV_MARGIN * view.height()) / fy;
        float hiY = (view.height() - view.cy() + FOV_MARGIN * view.height()) / fy;
        int tilesX = (view.width() + TILE - 1) / TILE;
        int tilesY = (view.height() + TILE - 1) / TILE;
        float[] r = scratch;
        for (int i = from; i < to; i++) {
            out.radius[i] = 0;
            out.tilesTouched[i] = 0;
            float mx = g.means()[3 * i];
            float my = g.means()[3 * i + 1];
            float mz = g.means()[3 * i + 2];
            float tx = w[0] * mx + w[1] * my + w[2] * mz + w[3];
            float ty = w[4] * mx + w[5] * my + w[6] * mz + w[7];
            float tz = w[8] * mx + w[9] * my + w[10] * mz + w[11];
            if (!(tz > NEAR)) {
                continue;
            }
            // 3D covariance: M = R S, Sigma = M M^T.
            float qw = g.rotations()[4 * i];
            float qx = g.rotations()[4 * i + 1];
            float qy = g.rotations()[4 * i + 2];
            float qz = g.rotations()[4 * i + 3];
            float qn = (float) Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
            if (!(qn > 0)) {
                continue;
            }
            rotation(qw / qn, qx / qn, qy / qn, qz / qn, r);
            float s0 = (float) Math.exp(g.logScales()[3 * i]);
            float s1 = (float) Math.exp(g.logScales()[3 * i + 1]);
            float s2 = (float) Math.exp(g.logScales()[3 * i + 2]);
            float m00 = r[0] * s0, m01 = r[1] * s1, m02 = r[2] * s2;
            float m10 = r[3] * s0, m11 = r[4] * s1, m12 = r[5] * s2;
            float m20 = r[6] * s0, m21 = r[7] * s1, m22 = r[8] * s2;
            float c00 = m00 * m00 + m01 * m01 + m02 * m02;
            float c01 = m00 * m10 + m01 * m11 + m02 * m12;
            float c02 = m00 * m20 + m01 * m21 + m02 * m22;
            float c11 = m10 * m10 + m11 * m11 + m12 * m12;
            float c12 = m10 * m20 + m11 * m21 + m12 * m22;
            float c22 = m20 * m20 + m21 * m21 + m22 * m22;
            // Jacobian of the perspective projection, with the tangents clamped as in 3DGS.
            float txc = Math.min(hiX, Math.max(loX, tx / tz)) * tz;
            float tyc = Math.min(hiY, Math.max(loY, ty / tz)) * tz;
            float j00 = fx / tz;
            float j02 = -fx * txc / (tz * tz);
            float j11 = fy / tz;
            float j12 = -fy * tyc / (tz * tz);
            // T = J W (2x3).
            float t00 = j00 * w[0] + j02 * w[8];
            float t01 = j00 * w[1] + j02 * w[9];
            float t02 = j00 * w[2] + j02 * w[10];
            float t10 = j11 * w[4] + j12 * w[8];
            float t11 = j11 * w[5] + j12 * w[9];
            float t12 = j11 * w[6] + j12 * w[10];
            // cov2d = T Sigma T^T + low-pass.
            float u0 = c00 * t00 + c01 * t01 + c02 * t02;
            float u1 = c01 * t00 + c11 * t01 + c12 * t02;
            float u2 = c02 * t00 + c12 * t01 + c22 * t02;
            float a = t00 * u0 + t01 * u1 + t02 * u2 + LOW_PASS;
            float b = t10 * u0 + t11 * u1 + t12 * u2;
            float v0 = c00 * t10 + c01 * t11 + c02 * t12;
            float v1 = c01 * t10 + c11 * t11 + c12 * t12;
            float v2 = c02 * t10 + c12 * t11 + c22 * t12;
            float c = t10 * v0 + t11 * v1 + t12 * v2 + LOW_PASS;
            float u = fx * tx / tz + view.cx();
            float v = fy * ty / tz + view.cy();
            if (!placeOnScreen(out, i, u, v, a, b, c, tilesX, tilesY)) {
                continue;
            }
            out.depth[i] = tz;
            out.opacity[i] = sigmoid(g.opacityLogits()[i]);
            colour(g, i, shDegree, mx, my, mz, cameraCentre, scratch, out.rgb);
        }
    }

    /**
     * Writes Gaussian i's screen footprint from its pixel position and 2D covariance a b c: the
     * conic, the three-sigma radius, the tile rectangle and the tiles it touches. Returns false,
     * writing nothing, when the covariance is degenerate or the rectangle misses every tile.
     */
    static boolean placeOnScreen(ProjectedGaussians out, int i, float u, float v, float a, float b, float c,
                                 int tilesX, int tilesY) {
        float det = a * c - b * b;
        if (!(det > 0)) {
            return false;
        }
        float mid = 0.5f * (a + c);
        float lambda = mid + (float) Math.sqrt(Math.max(0.1f, mid * mid - det));
        int radius = (int) Math.ceil(3 * Math.sqrt(lambda));
        int minX = clamp((int) Math.floor((u - radius) / TILE), tilesX);
        int maxX = clamp((int) Math.floor((u + radius) / TILE) + 1, tilesX);
        int minY = clamp((int) Math.floor((v - radius) / TILE), tilesY);
        int maxY = clamp((int) Math.floor((v + radius) / TILE) + 1, tilesY);
        int touched = (maxX - minX) * (maxY - minY);
        if (touched == 0) {
            return false;
        }
        out.radius[i] = radius;
        out.tilesTouched[i] = touched;
        out.tileRect[4 * i] = minX;
        out.tileRect[4 * i + 1] = minY;
        out.tileRect[4 * i + 2] = maxX;
        out.tileRect[4 * i + 3] = maxY;
        out.mean2d[2 * i] = u;
        out.mean2d[2 * i + 1] = v;
        out.conic[3 * i] = c / det;
        out.conic[3 * i + 1] = -b / det;
        out.conic[3 * i + 2] = a / det;
        return true;
    }

    private static int clamp(int tile, int tiles) {
        return Math.min(tiles, Math.max(0, tile));
    }

    /** SH colour of Gaussian i for the view direction, + 0.5 and clamped at 0 as in 3DGS, into rgb[3i..]. */
    private static void colour(SplatArrays g, int i, int degree, float mx, float my, float mz, float[] centre,
                               float[] scratch, float[] rgb) {
        float dx = mx - centre[0];
        float dy = my - centre[1];
        float dz = mz - centre[2];
        float len = (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
        SphericalHarmonics.basis(degree, dx / len, dy / len, dz / len, scratch, BASIS);
        int coefficients = SphericalHarmonics.coefficients(degree);
        for (int ch = 0; ch < 3; ch++) {
            float sum = scratch[BASIS] * g.shDc()[3 * i + ch];
            for (int k = 1; k < coefficients; k++) {
                sum += scratch[BASIS + k] * g.shRest()[45 * i + 3 * (k - 1) + ch];
            }
            rgb[3 * i + ch] = Math.max(0f, sum + 0.5f);
        }
    }

    /**
     * Back-propagates screen-space gradients of Gaussians {@code from..to-1} to their parameters.
     * Every output entry of the range is written (zero for culled Gaussians).
     *
     * @param grads   gradients, shaped like the parameters
     * @param scratch {@link #SCRATCH_FLOATS} floats per calling thread
     */
    static void backward(SplatArrays g, int shDegree, SplatView view, float[] cameraCentre,
                         ProjectedGaussians projected, float[] screen, SplatArrays grads, int from, int to,
                         float[] scratch) {
        float[] w = view.worldToCamera();
        float fx = view.fx();
        float fy = view.fy();
        float loX = -(view.cx() + FOV_MARGIN * view.width()) / fx;
        float hiX = (view.width() - view.cx() + FOV_MARGIN * view.width()) / fx;
        float loY = -(view.cy() + FOV_MARGIN * view.height()) / fy;
        float hiY = (view.height() - view.cy() + FOV_MARGIN * view.height()) / fy;
        float[] r = scratch;
        for (int i = from; i < to; i++) {
            zero(grads, i);
            if (projected.radius[i] == 0) {
                continue;
            }
            int s = ScreenGradients.STRIDE * i;
            float mx = g.means()[3 * i];
            float my = g.means()[3 * i + 1];
            float mz = g.means()[3 * i + 2];
            float dMx = 0, dMy = 0, dMz = 0;

            // Opacity: o = sigmoid(logit).
            float o = projected.opacity[i];
            grads.opacityLogits()[i] = screen[s + ScreenGradients.OPACITY] * o * (1 - o);

            // Colour: rgb = max(0, sum_k Y_k(d) c_k + 0.5), d = (mean - centre) / |mean - centre|.
            float ex = mx - cameraCentre[0];
            float ey = my - cameraCentre[1];
            float ez = mz - cameraCentre[2];
            float len = (float) Math.sqrt(ex * ex + ey * ey + ez * ez);
            float nx = ex / len, ny = ey / len, nz = ez / len;
            SphericalHarmonics.basis(shDegree, nx, ny, nz, scratch, BASIS);
            SphericalHarmonics.basisGradient(shDegree, nx, ny, nz, scratch, BASIS_GRAD);
            int coefficients = SphericalHarmonics.coefficients(shDegree);
            float dDirX = 0, dDirY = 0, dDirZ = 0;
            for (int ch = 0; ch < 3; ch++) {
                float sum = scratch[BASIS] * g.shDc()[3 * i + ch];
                for (int k = 1; k < coefficients; k++) {
                    sum += scratch[BASIS + k] * g.shRest()[45 * i + 3 * (k - 1) + ch];
                }
                if (sum + 0.5f < 0) {
                    continue; // clamped to zero: no gradient
                }
                float dColour = screen[s + ScreenGradients.RGB + ch];
                grads.shDc()[3 * i + ch] = scratch[BASIS] * dColour;
                for (int k = 1; k < coefficients; k++) {
                    float coefficient = g.shRest()[45 * i + 3 * (k - 1) + ch];
                    grads.shRest()[45 * i + 3 * (k - 1) + ch] = scratch[BASIS + k] * dColour;
                    dDirX += scratch[BASIS_GRAD + 3 * k] * coefficient * dColour;
                    dDirY += scratch[BASIS_GRAD + 3 * k + 1] * coefficient * dColour;
                    dDirZ += scratch[BASIS_GRAD + 3 * k + 2] * coefficient * dColour;
                }
            }
            float dot = nx * dDirX + ny * dDirY + nz * dDirZ;
            dMx += (dDirX - nx * dot) / len;
            dMy += (dDirY - ny * dot) / len;
            dMz += (dDirZ - nz * dot) / len;

            // Recompute the forward quantities.
            float qw = g.rotations()[4 * i];
            float qx = g.rotations()[4 * i + 1];
            float qy = g.rotations()[4 * i + 2];
            float qz = g.rotations()[4 * i + 3];
            float qn = (float) Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
            float nw = qw / qn, nqx = qx / qn, nqy = qy / qn, nqz = qz / qn;
            rotation(nw, nqx, nqy, nqz, r);
            float s0 = (float) Math.exp(g.logScales()[3 * i]);
            float s1 = (float) Math.exp(g.logScales()[3 * i + 1]);
            float s2 = (float) Math.exp(g.logScales()[3 * i + 2]);
            float m00 = r[0] * s0, m01 = r[1] * s1, m02 = r[2] * s2;
            float m10 = r[3] * s0, m11 = r[4] * s1, m12 = r[5] * s2;
            float m20 = r[6] * s0, m21 = r[7] * s1, m22 = r[8] * s2;
            float c00 = m00 * m00 + m01 * m01 + m02 * m02;
            float c01 = m00 * m10 + m01 * m11 + m02 * m12;
            float c02 = m00 * m20 + m01 * m21 + m02 * m22;
            float c11 = m10 * m10 + m11 * m11 + m12 * m12;
            float c12 = m10 * m20 + m11 * m21 + m12 * m22;
            float c22 = m20 * m20 + m21 * m21 + m22 * m22;
            float tx = w[0] * mx + w[1] * my + w[2] * mz + w[3];
            float ty = w[4] * mx + w[5] * my + w[6] * mz + w[7];
            float tz = w[8] * mx + w[9] * my + w[10] * mz + w[11];
            float rx = tx / tz;
            float ry = ty / tz;
            boolean clampX = rx < loX || rx > hiX;
            boolean clampY = ry < loY || ry > hiY;
            float txc = Math.min(hiX, Math.max(loX, rx)) * tz;
            float tyc = Math.min(hiY, Math.max(loY, ry)) * tz;
            float tz2 = tz * tz;
            float tz3 = tz2 * tz;
            float j00 = fx / tz;
            float j02 = -fx * txc / tz2;
            float j11 = fy / tz;
            float j12 = -fy * tyc / tz2;
            float t00 = j00 * w[0] + j02 * w[8];
            float t01 = j00 * w[1] + j02 * w[9];
            float t02 = j00 * w[2] + j02 * w[10];
            float t10 = j11 * w[4] + j12 * w[8];
            float t11 = j11 * w[5] + j12 * w[9];
            float t12 = j11 * w[6] + j12 * w[10];

            // Conic (inverse of cov2d) to cov2d: dCov = -N G N with G the symmetric conic gradient.
            float na = projected.conic[3 * i];
            float nb = projected.conic[3 * i + 1];
            float nc = projected.conic[3 * i + 2];
            float ga = screen[s + ScreenGradients.CONIC_A];
            float gb = 0.5f * screen[s + ScreenGradients.CONIC_B];
            float gc = screen[s + ScreenGradients.CONIC_C];
            // P = G N
            float p00 = ga * na + gb * nb, p01 = ga * nb + gb * nc;
            float p10 = gb * na + gc * nb, p11 = gb * nb + gc * nc;
            // dCov = -N P (symmetric); as a full matrix [[dA, dB/2],[dB/2, dC]].
            float dA = -(na * p00 + nb * p10);
            float dBHalf = -(na * p01 + nb * p11);
            float dC = -(nb * p01 + nc * p11);

            // cov2d = T Sigma T^T: dSigma = T^T Gc T, dT = 2 Gc T Sigma.
            float gt00 = dA * t00 + dBHalf * t10, gt01 = dA * t01 + dBHalf * t11, gt02 = dA * t02 + dBHalf * t12;
            float gt10 = dBHalf * t00 + dC * t10, gt11 = dBHalf * t01 + dC * t11, gt12 = dBHalf * t02 + dC * t12;
            // dSigma_jk = sum_r T_rj (Gc T)_rk
            float ds00 = t00 * gt00 + t10 * gt10;
            float ds01 = t00 * gt01 + t10 * gt11;
            float ds02 = t00 * gt02 + t10 * gt12;
            float ds11 = t01 * gt01 + t11 * gt11;
            float ds12 = t01 * gt02 + t11 * gt12;
            float ds22 = t02 * gt02 + t12 * gt12;
            // dT = 2 (Gc T) Sigma
            float dt00 = 2 * (gt00 * c00 + gt01 * c01 + gt02 * c02);
            float dt01 = 2 * (gt00 * c01 + gt01 * c11 + gt02 * c12);
            float dt02 = 2 * (gt00 * c02 + gt01 * c12 + gt02 * c22);
            float dt10 = 2 * (gt10 * c00 + gt11 * c01 + gt12 * c02);
            float dt11 = 2 * (gt10 * c01 + gt11 * c11 + gt12 * c12);
            float dt12 = 2 * (gt10 * c02 + gt11 * c12 + gt12 * c22);
            // T = J W
            float dJ00 = dt00 * w[0] + dt01 * w[1] + dt02 * w[2];
            float dJ02 = dt00 * w[8] + dt01 * w[9] + dt02 * w[10];
            float dJ11 = dt10 * w[4] + dt11 * w[5] + dt12 * w[6];
            float dJ12 = dt10 * w[8] + dt11 * w[9] + dt12 * w[10];
            float dTx = 0, dTy = 0, dTz = 0;
            dTz += -fx / tz2 * dJ00 - fy / tz2 * dJ11;
            if (clampX) {
                dTz += fx * txc / tz3 * dJ02;
            } else {
                dTx += -fx / tz2 * dJ02;
                dTz += 2 * fx * tx / tz3 * dJ02;
            }
            if (clampY) {
                dTz += fy * tyc / tz3 * dJ12;
            } else {
                dTy += -fy / tz2 * dJ12;
                dTz += 2 * fy * ty / tz3 * dJ12;
            }
            // Pixel position u = fx tx / tz + cx, v = fy ty / tz + cy.
            float dU = screen[s + ScreenGradients.MEAN_U];
            float dV = screen[s + ScreenGradients.MEAN_V];
            dTx += fx / tz * dU;
            dTy += fy / tz * dV;
            dTz += -fx * tx / tz2 * dU - fy * ty / tz2 * dV;
            // t = W mean + t: dMean = W^T dt.
            dMx += w[0] * dTx + w[4] * dTy + w[8] * dTz;
            dMy += w[1] * dTx + w[5] * dTy + w[9] * dTz;
            dMz += w[2] * dTx + w[6] * dTy + w[10] * dTz;
            grads.means()[3 * i] = dMx;
            grads.means()[3 * i + 1] = dMy;
            grads.means()[3 * i + 2] = dMz;

            // Sigma = M M^T: dM = 2 dSigma M.
            float dm00 = 2 * (ds00 * m00 + ds01 * m10 + ds02 * m20);
            float dm01 = 2 * (ds00 * m01 + ds01 * m11 + ds02 * m21);
            float dm02 = 2 * (ds00 * m02 + ds01 * m12 + ds02 * m22);
            float dm10 = 2 * (ds01 * m00 + ds11 * m10 + ds12 * m20);
            float dm11 = 2 * (ds01 * m01 + ds11 * m11 + ds12 * m21);
            float dm12 = 2 * (ds01 * m02 + ds11 * m12 + ds12 * m22);
            float dm20 = 2 * (ds02 * m00 + ds12 * m10 + ds22 * m20);
            float dm21 = 2 * (ds02 * m01 + ds12 * m11 + ds22 * m21);
            float dm22 = 2 * (ds02 * m02 + ds12 * m12 + ds22 * m22);
            // M = R diag(s): d log s_j = s_j sum_i dM_ij R_ij; dR_ij = dM_ij s_j.
            grads.logScales()[3 * i] = s0 * (dm00 * r[0] + dm10 * r[3] + dm20 * r[6]);
            grads.logScales()[3 * i + 1] = s1 * (dm01 * r[1] + dm11 * r[4] + dm21 * r[7]);
            grads.logScales()[3 * i + 2] = s2 * (dm02 * r[2] + dm12 * r[5] + dm22 * r[8]);
            float dr00 = dm00 * s0, dr01 = dm01 * s1, dr02 = dm02 * s2;
            float dr10 = dm10 * s0, dr11 = dm11 * s1, dr12 = dm12 * s2;
            float dr20 = dm20 * s0, dr21 = dm21 * s1, dr22 = dm22 * s2;
            float dw = 2 * (-nqz * dr01 + nqy * dr02 + nqz * dr10 - nqx * dr12 - nqy * dr20 + nqx * dr21);
            float dx = 2 * (nqy * dr01 + nqz * dr02 + nqy * dr10 - 2 * nqx * dr11 - nw * dr12 + nqz * dr20
                    + nw * dr21 - 2 * nqx * dr22);
            float dy = 2 * (-2 * nqy * dr00 + nqx * dr01 + nw * dr02 + nqx * dr10 + nqz * dr12 - nw * dr20
                    + nqz * dr21 - 2 * nqy * dr22);
            float dz = 2 * (-2 * nqz * dr00 - nw * dr01 + nqx * dr02 + nw * dr10 - 2 * nqz * dr11 + nqy * dr12
                    + nqx * dr20 + nqy * dr21);
            // Through the normalisation q / |q|.
            float qdot = nw * dw + nqx * dx + nqy * dy + nqz * dz;
            grads.rotations()[4 * i] = (dw - nw * qdot) / qn;
            grads.rotations()[4 * i + 1] = (dx - nqx * qdot) / qn;
            grads.rotations()[4 * i + 2] = (dy - nqy * qdot) / qn;
            grads.rotations()[4 * i + 3] = (dz - nqz * qdot) / qn;
        }
    }

    private static void zero(SplatArrays grads, int i) {
        for (int k = 0; k < 3; k++) {
            grads.means()[3 * i + k] = 0;
            grads.logScales()[3 * i + k] = 0;
            grads.shDc()[3 * i + k] = 0;
        }
        for (int k = 0; k < 4; k++) {
            grads.rotations()[4 * i + k] = 0;
        }
        grads.opacityLogits()[i] = 0;
        java.util.Arrays.fill(grads.shRest(), 45 * i, 45 * i + 45, 0f);
    }
}
