package dev.forge3d.engine.splat;

/** The per-image-size buffers of a render and its backward pass, reused across steps. */
final class FrameBuffers {
    final int width;
    final int height;
    final TileBinning bins;
    final float[] image;
    final float[] imageGradient;
    final float[] finalT;
    final int[] contributors;
    final PhotometricLoss loss;
    float[] entryGradients = new float[0];

    FrameBuffers(int width, int height) {
        this.width = width;
        this.height = height;
        bins = new TileBinning(width, height);
        image = new float[3 * width * height];
        imageGradient = new float[3 * width * height];
        finalT = new float[width * height];
        contributors = new int[width * height];
        loss = new PhotometricLoss(width, height);
    }

    void ensureEntries(int entries) {
        if (entryGradients.length < ScreenGradients.STRIDE * entries) {
            entryGradients = new float[ScreenGradients.STRIDE * Math.max(entries, entryGradients.length
                    / ScreenGradients.STRIDE * 3 / 2)];
        }
    }
}
