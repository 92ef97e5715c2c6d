package dev.forge3d.engine.splat;

import java.util.Arrays;

/**
 * The CPU twin of the tile rasteriser kernels. Forward: per pixel, front-to-back alpha
 * compositing of the tile's depth-ordered Gaussians, alpha = min(0.99, opacity * exp(power)),
 * skipped under 1/255, stopping before the transmittance would fall under 1e-4; the background
 * fills the rest. Backward: exact gradients of the loss with respect to each Gaussian's pixel
 * position, conic, opacity and colour, walking each pixel's contributors back to front.
 *
 * <p>Both run one tile per task. The backward pass writes per-entry (tile, Gaussian) gradients,
 * accumulated in pixel order inside the tile, and {@link #reduce} sums them per Gaussian in entry
 * order: the result does not depend on the number of threads.
 */
final class Rasteriser {
    static final float MAX_ALPHA = 0.99f;
    static final float MIN_ALPHA = 1f / 255f;
    static final float MIN_TRANSMITTANCE = 1e-4f;

    private Rasteriser() {
    }

    /**
     * Composites one tile. The loop runs Gaussian-major (each Gaussian over the pixels of its
     * bounding box, front to back) with per-pixel state, which performs for every pixel exactly
     * the operations of the pixel-major loop in the same order, so the result is identical; it
     * just skips the pixels a Gaussian cannot reach.
     *
     * @param image         3 x width x height, planar RGB, written for every pixel of the tile
     * @param finalT        per pixel: transmittance left after the last contributor
     * @param contributors  per pixel: entries walked up to and including the last contributor
     */
    static void forwardTile(int tile, TileBinning bins, ProjectedGaussians p, int width, int height,
                            float[] background, float[] image, float[] finalT, int[] contributors, TileScratch s) {
        int x0 = (tile % bins.tilesX) * Projection.TILE;
        int y0 = (tile / bins.tilesX) * Projection.TILE;
        int x1 = Math.min(width, x0 + Projection.TILE);
        int y1 = Math.min(height, y0 + Projection.TILE);
        int count = s.gather(bins, tile, p);
        int tw = x1 - x0;
        int pixels = tw * (y1 - y0);
        float[] t = s.pixelT;
        Arrays.fill(t, 0, pixels, 1f);
        Arrays.fill(s.pixelR, 0, pixels, 0f);
        Arrays.fill(s.pixelG, 0, pixels, 0f);
        Arrays.fill(s.pixelB, 0, pixels, 0f);
        Arrays.fill(s.pixelLast, 0, pixels, 0);
        Arrays.fill(s.pixelDone, 0, pixels, false);
        for (int j = 0; j < count; j++) {
            int bx0 = Math.max(x0, (int) Math.ceil(s.xLo[j] - 0.5f));
            int bx1 = Math.min(x1 - 1, (int) Math.floor(s.xHi[j] - 0.5f));
            int by0 = Math.max(y0, (int) Math.ceil(s.yLo[j] - 0.5f));
            int by1 = Math.min(y1 - 1, (int) Math.floor(s.yHi[j] - 0.5f));
            float u = s.u[j], v = s.v[j], a = s.a[j], b = s.b[j], c = s.c[j];
            float opacity = s.opacity[j], minPower = s.minPower[j];
            for (int py = by0; py <= by1; py++) {
                float dy = v - (py + 0.5f);
                int rowBase = (py - y0) * tw - x0;
                for (int px = bx0; px <= bx1; px++) {
                    int q = rowBase + px;
                    if (s.pixelDone[q]) {
                        continue;
                    }
                    float dx = u - (px + 0.5f);
                    float power = -0.5f * (a * dx * dx + c * dy * dy) - b * dx * dy;
                    if (power > 0 || power < minPower) {
                        continue;
                    }
                    float alpha = Math.min(MAX_ALPHA, opacity * (float) Math.exp(power));
                    if (alpha < MIN_ALPHA) {
                        continue;
                    }
                    float next = t[q] * (1 - alpha);
                    if (next < MIN_TRANSMITTANCE) {
                        s.pixelDone[q] = true;
                        continue;
                    }
                    float weight = alpha * t[q];
                    s.pixelR[q] += s.red[j] * weight;
                    s.pixelG[q] += s.green[j] * weight;
                    s.pixelB[q] += s.blue[j] * weight;
                    t[q] = next;
                    s.pixelLast[q] = j + 1;
                }
            }
        }
        int plane = width * height;
        for (int py = y0; py < y1; py++) {
            for (int px = x0; px < x1; px++) {
                int q = (py - y0) * tw + (px - x0);
                int pixel = py * width + px;
                image[pixel] = s.pixelR[q] + t[q] * background[0];
                image[plane + pixel] = s.pixelG[q] + t[q] * background[1];
                image[2 * plane + pixel] = s.pixelB[q] + t[q] * background[2];
                finalT[pixel] = t[q];
                contributors[pixel] = s.pixelLast[q];
            }
        }
    }

    /**
     * Writes {@link ScreenGradients#STRIDE} gradient floats per entry of the tile into
     * {@code entryGradients}. Gaussian-major, back to front, with per-pixel state: per pixel the
     * same operations as walking its contributors backwards, and each entry's sums taken over
     * its pixels in row-major order.
     *
     * @param imageGradient dL/d image, planar like the image
     */
    static void backwardTile(int tile, TileBinning bins, ProjectedGaussians p, int width, int height,
                             float[] background, float[] imageGradient, float[] finalT, int[] contributors,
                             float[] entryGradients, TileScratch s) {
        int x0 = (tile % bins.tilesX) * Projection.TILE;
        int y0 = (tile / bins.tilesX) * Projection.TILE;
        int x1 = Math.min(width, x0 + Projection.TILE);
        int y1 = Math.min(height, y0 + Projection.TILE);
        int from = bins.tileStart[tile];
        int stride = ScreenGradients.STRIDE;
        int plane = width * height;
        int count = s.gather(bins, tile, p);
        int tw = x1 - x0;
        float[] t = s.pixelT;
        for (int py = y0; py < y1; py++) {
            for (int px = x0; px < x1; px++) {
                int q = (py - y0) * tw + (px - x0);
                int pixel = py * width + px;
                t[q] = finalT[pixel];
                s.pixelFinalT[q] = finalT[pixel];
                s.pixelLast[q] = contributors[pixel];
                s.pixelR[q] = 0;
                s.pixelG[q] = 0;
                s.pixelB[q] = 0;
                float gR = imageGradient[pixel];
                float gG = imageGradient[plane + pixel];
                float gB = imageGradient[2 * plane + pixel];
                s.gradR[q] = gR;
                s.gradG[q] = gG;
                s.gradB[q] = gB;
                s.backgroundDot[q] = background[0] * gR + background[1] * gG + background[2] * gB;
            }
        }
        for (int j = count - 1; j >= 0; j--) {
            int bx0 = Math.max(x0, (int) Math.ceil(s.xLo[j] - 0.5f));
            int bx1 = Math.min(x1 - 1, (int) Math.floor(s.xHi[j] - 0.5f));
            int by0 = Math.max(y0, (int) Math.ceil(s.yLo[j] - 0.5f));
            int by1 = Math.min(y1 - 1, (int) Math.floor(s.yHi[j] - 0.5f));
            float u = s.u[j], v = s.v[j], ca = s.a[j], cb = s.b[j], cc = s.c[j];
            float opacity = s.opacity[j], minPower = s.minPower[j];
            float cr = s.red[j], cg = s.green[j], cbl = s.blue[j];
            // This entry's sums, in row-major pixel order, stored once after its pixels.
            float dU = 0, dV = 0, dA = 0, dB = 0, dC = 0, dOpacity = 0, dRed = 0, dGreen = 0, dBlue = 0;
            for (int py = by0; py <= by1; py++) {
                float dy = v - (py + 0.5f);
                int rowBase = (py - y0) * tw - x0;
                for (int px = bx0; px <= bx1; px++) {
                    int q = rowBase + px;
                    if (j >= s.pixelLast[q]) {
                        continue;
                    }
                    float dx = u - (px + 0.5f);
                    float power = -0.5f * (ca * dx * dx + cc * dy * dy) - cb * dx * dy;
                    if (power > 0 || power < minPower) {
                        continue;
                    }
                    float gauss = (float) Math.exp(power);
                    float raw = opacity * gauss;
                    float alpha = Math.min(MAX_ALPHA, raw);
                    if (alpha < MIN_ALPHA) {
                        continue;
                    }
                    float gR = s.gradR[q];
                    float gG = s.gradG[q];
                    float gB = s.gradB[q];
                    float tFinal = s.pixelFinalT[q];
                    float backgroundDot = s.backgroundDot[q];
                    float ti = t[q] / (1 - alpha);
                    t[q] = ti;
                    float weight = alpha * ti;
                    // C = sum_i c_i a_i T_i + T_final bg; dC/da_i = T_i (c_i - behind_i) - T_final bg / (1 - a_i),
                    // with behind_i the colour composited behind Gaussian i (background excluded).
                    float behindR = s.pixelR[q], behindG = s.pixelG[q], behindB = s.pixelB[q];
                    float dAlpha = ti * ((cr - behindR) * gR + (cg - behindG) * gG + (cbl - behindB) * gB)
                            - tFinal / (1 - alpha) * backgroundDot;
                    s.pixelR[q] = alpha * cr + (1 - alpha) * behindR;
                    s.pixelG[q] = alpha * cg + (1 - alpha) * behindG;
                    s.pixelB[q] = alpha * cbl + (1 - alpha) * behindB;
                    dRed += weight * gR;
                    dGreen += weight * gG;
                    dBlue += weight * gB;
                    if (raw >= MAX_ALPHA) {
                        continue; // alpha is capped: constant in opacity, position and conic
                    }
                    dOpacity += gauss * dAlpha;
                    float dPower = raw * dAlpha;
                    // power = -0.5 (a dx^2 + c dy^2) - b dx dy, with dx = u - pu.
                    dU += dPower * (-ca * dx - cb * dy);
                    dV += dPower * (-cc * dy - cb * dx);
                    dA += dPower * (-0.5f * dx * dx);
                    dB += dPower * (-dx * dy);
                    dC += dPower * (-0.5f * dy * dy);
                }
            }
            int e = stride * (from + j);
            entryGradients[e + ScreenGradients.MEAN_U] = dU;
            entryGradients[e + ScreenGradients.MEAN_V] = dV;
            entryGradients[e + ScreenGradients.CONIC_A] = dA;
            entryGradients[e + ScreenGradients.CONIC_B] = dB;
            entryGradients[e + ScreenGradients.CONIC_C] = dC;
            entryGradients[e + ScreenGradients.OPACITY] = dOpacity;
            entryGradients[e + ScreenGradients.RGB] = dRed;
            entryGradients[e + ScreenGradients.RGB + 1] = dGreen;
            entryGradients[e + ScreenGradients.RGB + 2] = dBlue;
        }
    }

    /**
     * A tile's Gaussians gathered into contiguous arrays in depth order, per worker thread, with
     * the power below which alpha is certainly under 1/255 (a pre-filter that saves the exp; the
     * exact alpha test still decides).
     */
    static final class TileScratch {
        float[] u = new float[0];
        float[] v = u, a = u, b = u, c = u, opacity = u, red = u, green = u, blue = u, minPower = u;
        float[] xLo = u, xHi = u, yLo = u, yHi = u;
        /** Per-pixel state of the tile being composited, 16 x 16. */
        final float[] pixelT = new float[Projection.TILE * Projection.TILE];
        final float[] pixelR = new float[Projection.TILE * Projection.TILE];
        final float[] pixelG = new float[Projection.TILE * Projection.TILE];
        final float[] pixelB = new float[Projection.TILE * Projection.TILE];
        final int[] pixelLast = new int[Projection.TILE * Projection.TILE];
        final boolean[] pixelDone = new boolean[Projection.TILE * Projection.TILE];
        final float[] pixelFinalT = new float[Projection.TILE * Projection.TILE];
        final float[] gradR = new float[Projection.TILE * Projection.TILE];
        final float[] gradG = new float[Projection.TILE * Projection.TILE];
        final float[] gradB = new float[Projection.TILE * Projection.TILE];
        final float[] backgroundDot = new float[Projection.TILE * Projection.TILE];

        int gather(TileBinning bins, int tile, ProjectedGaussians p) {
            int from = bins.tileStart[tile];
            int count = bins.tileStart[tile + 1] - from;
            if (u.length < count) {
                int n = Math.max(count, u.length * 3 / 2);
                u = new float[n];
                v = new float[n];
                a = new float[n];
                b = new float[n];
                c = new float[n];
                opacity = new float[n];
                red = new float[n];
                green = new float[n];
                blue = new float[n];
                minPower = new float[n];
                xLo = new float[n];
                xHi = new float[n];
                yLo = new float[n];
                yHi = new float[n];
            }
            for (int j = 0; j < count; j++) {
                int g = bins.entryGaussian[from + j];
                u[j] = p.mean2d[2 * g];
                v[j] = p.mean2d[2 * g + 1];
                a[j] = p.conic[3 * g];
                b[j] = p.conic[3 * g + 1];
                c[j] = p.conic[3 * g + 2];
                opacity[j] = p.opacity[g];
                red[j] = p.rgb[3 * g];
                green[j] = p.rgb[3 * g + 1];
                blue[j] = p.rgb[3 * g + 2];
                // opacity * exp(power) < 1/255 for every power below log(1/(255 opacity)); the margin
                // keeps float rounding from skipping a Gaussian the exact test would keep.
                minPower[j] = (float) Math.log(MIN_ALPHA / Math.max(opacity[j], 1e-30f)) - 1e-3f;
                // The ellipse power >= minPower is d^T N d <= -2 minPower; its half extents are
                // sqrt(k Sigma_xx) and sqrt(k Sigma_yy) with Sigma = N^-1. Padded by a pixel
                // fraction: a pre-filter only, the exact tests still decide.
                double det = (double) a[j] * c[j] - (double) b[j] * b[j];
                double k = -2.0 * minPower[j];
                if (!(k > 0) || !(det > 0)) {
                    xLo[j] = Float.POSITIVE_INFINITY;
                    xHi[j] = Float.NEGATIVE_INFINITY;
                    yLo[j] = Float.POSITIVE_INFINITY;
                    yHi[j] = Float.NEGATIVE_INFINITY;
                    continue;
                }
                float ex = (float) (Math.sqrt(k * c[j] / det) * 1.001 + 0.01);
                float ey = (float) (Math.sqrt(k * a[j] / det) * 1.001 + 0.01);
                xLo[j] = u[j] - ex;
                xHi[j] = u[j] + ex;
                yLo[j] = v[j] - ey;
                yHi[j] = v[j] + ey;
            }
            return count;
        }
    }

    /** Sums the per-entry gradients into per-Gaussian ones, in entry order. */
    static void reduce(TileBinning bins, float[] entryGradients, int count, float[] screenGradients) {
        int stride = ScreenGradients.STRIDE;
        Arrays.fill(screenGradients, 0, stride * count, 0f);
        for (int e = 0; e < bins.entries; e++) {
            int g = bins.entryGaussian[e];
            int src = stride * e;
            int dst = stride * g;
            for (int k = 0; k < stride; k++) {
                screenGradients[dst + k] += entryGradients[src + k];
            }
        }
    }
}
