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
        int plane = width * height;
        for (int py = y0; py < y1; py++) {
            float pv = py + 0.5f;
            for (int px = x0; px < x1; px++) {
                float pu = px + 0.5f;
                float t = 1f;
                float r = 0, gr = 0, b = 0;
                int last = 0;
                for (int j = 0; j < count; j++) {
                    float dx = s.u[j] - pu;
                    float dy = s.v[j] - pv;
                    float power = -0.5f * (s.a[j] * dx * dx + s.c[j] * dy * dy) - s.b[j] * dx * dy;
                    if (power > 0 || power < s.minPower[j]) {
                        continue;
                    }
                    float alpha = Math.min(MAX_ALPHA, s.opacity[j] * (float) Math.exp(power));
                    if (alpha < MIN_ALPHA) {
                        continue;
                    }
                    float next = t * (1 - alpha);
                    if (next < MIN_TRANSMITTANCE) {
                        break;
                    }
                    float weight = alpha * t;
                    r += s.red[j] * weight;
                    gr += s.green[j] * weight;
                    b += s.blue[j] * weight;
                    t = next;
                    last = j + 1;
                }
                int pixel = py * width + px;
                image[pixel] = r + t * background[0];
                image[plane + pixel] = gr + t * background[1];
                image[2 * plane + pixel] = b + t * background[2];
                finalT[pixel] = t;
                contributors[pixel] = last;
            }
        }
    }

    /**
     * Writes {@link ScreenGradients#STRIDE} gradient floats per entry of the tile into
     * {@code entryGradients}.
     *
     * @param imageGradient dL/d image, planar like the image
     */
    static void backwardTile(int tile, TileBinning bins, ProjectedGaussians p, int width, int height,
                             float[] background, float[] imageGradient, float[] finalT, int[] contributors,
                             float[] entryGradients, TileScratch sc) {
        int x0 = (tile % bins.tilesX) * Projection.TILE;
        int y0 = (tile / bins.tilesX) * Projection.TILE;
        int x1 = Math.min(width, x0 + Projection.TILE);
        int y1 = Math.min(height, y0 + Projection.TILE);
        int from = bins.tileStart[tile];
        int to = bins.tileStart[tile + 1];
        int stride = ScreenGradients.STRIDE;
        Arrays.fill(entryGradients, stride * from, stride * to, 0f);
        int plane = width * height;
        sc.gather(bins, tile, p);
        for (int py = y0; py < y1; py++) {
            float pv = py + 0.5f;
            for (int px = x0; px < x1; px++) {
                float pu = px + 0.5f;
                int pixel = py * width + px;
                float tFinal = finalT[pixel];
                float t = tFinal;
                float gR = imageGradient[pixel];
                float gG = imageGradient[plane + pixel];
                float gB = imageGradient[2 * plane + pixel];
                float backgroundDot = background[0] * gR + background[1] * gG + background[2] * gB;
                // The colour composited behind the current Gaussian, background excluded.
                float behindR = 0, behindG = 0, behindB = 0;
                for (int j = contributors[pixel] - 1; j >= 0; j--) {
                    float dx = sc.u[j] - pu;
                    float dy = sc.v[j] - pv;
                    float ca = sc.a[j];
                    float cb = sc.b[j];
                    float cc = sc.c[j];
                    float power = -0.5f * (ca * dx * dx + cc * dy * dy) - cb * dx * dy;
                    if (power > 0 || power < sc.minPower[j]) {
                        continue;
                    }
                    float gauss = (float) Math.exp(power);
                    float raw = sc.opacity[j] * gauss;
                    float alpha = Math.min(MAX_ALPHA, raw);
                    if (alpha < MIN_ALPHA) {
                        continue;
                    }
                    t = t / (1 - alpha);
                    float weight = alpha * t;
                    float cr = sc.red[j];
                    float cg = sc.green[j];
                    float cbl = sc.blue[j];
                    // C = sum_i c_i a_i T_i + T_final bg; dC/da_i = T_i (c_i - behind_i) - T_final bg / (1 - a_i).
                    float dAlpha = t * ((cr - behindR) * gR + (cg - behindG) * gG + (cbl - behindB) * gB)
                            - tFinal / (1 - alpha) * backgroundDot;
                    behindR = alpha * cr + (1 - alpha) * behindR;
                    behindG = alpha * cg + (1 - alpha) * behindG;
                    behindB = alpha * cbl + (1 - alpha) * behindB;
                    int s = stride * (from + j);
                    entryGradients[s + ScreenGradients.RGB] += weight * gR;
                    entryGradients[s + ScreenGradients.RGB + 1] += weight * gG;
                    entryGradients[s + ScreenGradients.RGB + 2] += weight * gB;
                    if (raw >= MAX_ALPHA) {
                        continue; // alpha is capped: constant in opacity, position and conic
                    }
                    entryGradients[s + ScreenGradients.OPACITY] += gauss * dAlpha;
                    float dPower = raw * dAlpha;
                    // power = -0.5 (a dx^2 + c dy^2) - b dx dy, with dx = u - pu.
                    entryGradients[s + ScreenGradients.MEAN_U] += dPower * (-ca * dx - cb * dy);
                    entryGradients[s + ScreenGradients.MEAN_V] += dPower * (-cc * dy - cb * dx);
                    entryGradients[s + ScreenGradients.CONIC_A] += dPower * (-0.5f * dx * dx);
                    entryGradients[s + ScreenGradients.CONIC_B] += dPower * (-dx * dy);
                    entryGradients[s + ScreenGradients.CONIC_C] += dPower * (-0.5f * dy * dy);
                }
            }
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
