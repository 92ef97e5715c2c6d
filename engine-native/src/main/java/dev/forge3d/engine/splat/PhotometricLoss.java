package dev.forge3d.engine.splat;

/**
 * The CPU twin of the loss kernels: {@code 0.8 L1 + 0.2 (1 - SSIM)} over planar RGB images, with
 * its exact gradient. SSIM uses an 11x11 Gaussian window (sigma 1.5) applied as two separable
 * passes with zero padding, C1 = 0.01^2 and C2 = 0.03^2, averaged over every pixel and channel
 * (as in 3DGS). The window is symmetric, so the adjoint of a blur is the same blur.
 */
final class PhotometricLoss {
    static final float L1_WEIGHT = 0.8f;
    static final float SSIM_WEIGHT = 0.2f;
    private static final int RADIUS = 5;
    private static final float C1 = 0.01f * 0.01f;
    private static final float C2 = 0.03f * 0.03f;
    static final float[] WINDOW = window();

    final int width;
    final int height;
    private final int plane;
    private final float[] mu1;
    private final float[] mu2;
    private final float[] e11;
    private final float[] e22;
    private final float[] e12;
    private final float[] product;
    private final float[] pass;
    private final double[] channelSums = new double[6];

    PhotometricLoss(int width, int height) {
        this.width = width;
        this.height = height;
        this.plane = width * height;
        mu1 = new float[3 * plane];
        mu2 = new float[3 * plane];
        e11 = new float[3 * plane];
        e22 = new float[3 * plane];
        e12 = new float[3 * plane];
        product = new float[3 * plane];
        pass = new float[3 * plane];
    }

    private static float[] window() {
        float[] w = new float[2 * RADIUS + 1];
        double sum = 0;
        for (int k = -RADIUS; k <= RADIUS; k++) {
            sum += Math.exp(-(k * k) / (2 * 1.5 * 1.5));
        }
        for (int k = -RADIUS; k <= RADIUS; k++) {
            w[k + RADIUS] = (float) (Math.exp(-(k * k) / (2 * 1.5 * 1.5)) / sum);
        }
        return w;
    }

    /** Mean SSIM of {@code image} against {@code target}. */
    float ssim(float[] image, float[] target, WorkerPool pool) {
        pool.forEach(3, ch -> channelStatistics(ch, image, target, false));
        return (float) ((channelSums[0] + channelSums[1] + channelSums[2]) / (3.0 * plane));
    }

    /**
     * Computes the loss and writes dLoss/dimage into {@code gradient}.
     *
     * @return the loss
     */
    float lossAndGradient(float[] image, float[] target, float[] gradient, WorkerPool pool) {
        pool.forEach(3, ch -> {
            channelStatistics(ch, image, target, true);
            channelGradient(ch, image, target, gradient);
        });
        double ssimSum = channelSums[0] + channelSums[1] + channelSums[2];
        double l1Sum = channelSums[3] + channelSums[4] + channelSums[5];
        double n = 3.0 * plane;
        return (float) (L1_WEIGHT * l1Sum / n + SSIM_WEIGHT * (1 - ssimSum / n));
    }

    /**
     * Blurs the statistics of one channel, sums its SSIM map (and L1) into channelSums, and with
     * {@code partials} replaces mu1, e11, e12 by dS/dmu1, dS/dE[xx], dS/dE[xy].
     */
    private void channelStatistics(int ch, float[] x, float[] y, boolean partials) {
        int o = ch * plane;
        blur(x, o, mu1);
        blur(y, o, mu2);
        for (int i = 0; i < plane; i++) {
            product[o + i] = x[o + i] * x[o + i];
        }
        blur(product, o, e11);
        for (int i = 0; i < plane; i++) {
            product[o + i] = y[o + i] * y[o + i];
        }
        blur(product, o, e22);
        for (int i = 0; i < plane; i++) {
            product[o + i] = x[o + i] * y[o + i];
        }
        blur(product, o, e12);
        double ssimSum = 0;
        double l1Sum = 0;
        for (int i = o; i < o + plane; i++) {
            float m1 = mu1[i];
            float m2 = mu2[i];
            float a1 = 2 * m1 * m2 + C1;
            float a2 = 2 * (e12[i] - m1 * m2) + C2;
            float b1 = m1 * m1 + m2 * m2 + C1;
            float b2 = (e11[i] - m1 * m1) + (e22[i] - m2 * m2) + C2;
            float s = a1 * a2 / (b1 * b2);
            ssimSum += s;
            l1Sum += Math.abs(x[i] - y[i]);
            if (partials) {
                mu1[i] = s * (2 * m2 / a1 - 2 * m2 / a2 - 2 * m1 / b1 + 2 * m1 / b2);
                e11[i] = -s / b2;
                e12[i] = 2 * s / a2;
            }
        }
        channelSums[ch] = ssimSum;
        channelSums[3 + ch] = l1Sum;
    }

    private void channelGradient(int ch, float[] x, float[] y, float[] gradient) {
        int o = ch * plane;
        blur(mu1, o, mu2);
        blur(e11, o, e22);
        blur(e12, o, product);
        float ssimScale = -SSIM_WEIGHT / (3f * plane);
        float l1Scale = L1_WEIGHT / (3f * plane);
        for (int i = o; i < o + plane; i++) {
            float dSsim = mu2[i] + 2 * x[i] * e22[i] + y[i] * product[i];
            float diff = x[i] - y[i];
            gradient[i] = ssimScale * dSsim + l1Scale * Math.signum(diff);
        }
    }

    /** Separable Gaussian blur of one channel plane at offset {@code o}, zero padding. */
    private void blur(float[] in, int o, float[] out) {
        float[] w = WINDOW;
        for (int yy = 0; yy < height; yy++) {
            int row = o + yy * width;
            for (int xx = 0; xx < width; xx++) {
                float sum = 0;
                int k0 = Math.max(-RADIUS, -xx);
                int k1 = Math.min(RADIUS, width - 1 - xx);
                for (int k = k0; k <= k1; k++) {
                    sum += w[k + RADIUS] * in[row + xx + k];
                }
                pass[row + xx] = sum;
            }
        }
        for (int yy = 0; yy < height; yy++) {
            int k0 = Math.max(-RADIUS, -yy);
            int k1 = Math.min(RADIUS, height - 1 - yy);
            int row = o + yy * width;
            for (int xx = 0; xx < width; xx++) {
                float sum = 0;
                for (int k = k0; k <= k1; k++) {
                    sum += w[k + RADIUS] * pass[row + k * width + xx];
                }
                out[row + xx] = sum;
            }
        }
    }
}
