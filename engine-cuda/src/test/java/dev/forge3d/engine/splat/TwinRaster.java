package dev.forge3d.engine.splat;

/**
 * Runs the CPU twins (TileBinning.bin, Rasteriser.forwardTile / backwardTile / reduce) on one
 * thread over every tile, as CpuSplatSession does, for the GPU twin tests and benchmarks.
 */
final class TwinRaster {
    record Forward(float[] image, float[] finalT, int[] contributors) {
    }

    private TwinRaster() {
    }

    static TileBinning bin(ProjectedGaussians p, int count, int width, int height) {
        TileBinning bins = new TileBinning(width, height);
        try (WorkerPool pool = new WorkerPool(1)) {
            bins.bin(p, count, pool);
        }
        return bins;
    }

    /** The twin's order as the GPU's 64-bit keys: tile index high, depth bits low. */
    static long[] sortedKeys(TileBinning bins) {
        long[] keys = new long[bins.entries];
        for (int t = 0; t < bins.tileCount; t++) {
            for (int e = bins.tileStart[t]; e < bins.tileStart[t + 1]; e++) {
                keys[e] = ((long) t << 32) | (bins.entryKeys[e] >>> 32);
            }
        }
        return keys;
    }

    static Forward forward(ProjectedGaussians p, int count, int width, int height, float[] background) {
        TileBinning bins = bin(p, count, width, height);
        float[] image = new float[3 * width * height];
        float[] finalT = new float[width * height];
        int[] contributors = new int[width * height];
        Rasteriser.TileScratch scratch = new Rasteriser.TileScratch();
        for (int tile = 0; tile < bins.tileCount; tile++) {
            Rasteriser.forwardTile(tile, bins, p, width, height, background, image, finalT, contributors, scratch);
        }
        return new Forward(image, finalT, contributors);
    }

    /** Screen gradients, ScreenGradients.STRIDE per Gaussian. */
    static float[] backward(ProjectedGaussians p, int count, int width, int height, float[] background,
                            float[] imageGradient, Forward forward) {
        TileBinning bins = bin(p, count, width, height);
        float[] entryGradients = new float[ScreenGradients.STRIDE * Math.max(1, bins.entries)];
        Rasteriser.TileScratch scratch = new Rasteriser.TileScratch();
        for (int tile = 0; tile < bins.tileCount; tile++) {
            Rasteriser.backwardTile(tile, bins, p, width, height, background, imageGradient, forward.finalT(),
                    forward.contributors(), entryGradients, scratch);
        }
        float[] screen = new float[ScreenGradients.STRIDE * count];
        Rasteriser.reduce(bins, entryGradients, count, screen);
        return screen;
    }
}
