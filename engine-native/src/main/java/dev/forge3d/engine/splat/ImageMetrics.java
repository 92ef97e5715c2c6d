package dev.forge3d.engine.splat;

/** Image quality of a render against its ground truth (planar RGB floats in 0..1). */
public final class ImageMetrics {
    private ImageMetrics() {
    }

    /** Peak signal-to-noise ratio in dB, with the render clamped to 0..1 as it would be saved. */
    public static double psnr(float[] image, float[] target) {
        double sum = 0;
        for (int i = 0; i < image.length; i++) {
            double d = Math.min(1f, Math.max(0f, image[i])) - target[i];
            sum += d * d;
        }
        double mse = sum / image.length;
        return 10 * Math.log10(1 / Math.max(mse, 1e-12));
    }

    /** Mean SSIM (11x11 Gaussian window, sigma 1.5), the render clamped to 0..1. */
    public static double ssim(float[] image, float[] target, int width, int height) {
        float[] clamped = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            clamped[i] = Math.min(1f, Math.max(0f, image[i]));
        }
        try (WorkerPool pool = new WorkerPool(1)) {
            return new PhotometricLoss(width, height).ssim(clamped, target, pool);
        }
    }
}
