package dev.forge3d.engine.splat;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A public seam onto the package-private CPU twins of tile binning and rasterisation
 * ({@link TileBinning#bin}, {@link Rasteriser#forwardTile}, {@link Rasteriser#backwardTile},
 * {@link Rasteriser#reduce}), on plain arrays, for the CUDA kernels' twin tests and the benchmarks
 * that set the two side by side. It runs the twins exactly as CpuSplatSession does, over every
 * tile of one view, and changes nothing about them.
 */
public final class RasteriserTwin implements AutoCloseable {
    private final ProjectedGaussians projected;
    private final int count;
    private final int width;
    private final int height;
    private final WorkerPool pool;
    private final Rasteriser.TileScratch[] scratch;
    private final TileBinning bins;

    /** The forward pass's outputs: planar RGB image, per-pixel final transmittance and contributor count. */
    public record Forward(float[] image, float[] finalT, int[] contributors) {
    }

    private RasteriserTwin(ProjectedGaussians projected, int count, int width, int height, int threads) {
        this.projected = projected;
        this.count = count;
        this.width = width;
        this.height = height;
        this.pool = new WorkerPool(threads);
        this.scratch = new Rasteriser.TileScratch[threads];
        for (int t = 0; t < threads; t++) {
            scratch[t] = new Rasteriser.TileScratch();
        }
        this.bins = new TileBinning(width, height);
    }

    /**
     * Fresh random screen-space Gaussians shaped like Projection.forward's output: covariances
     * with the 0.3 px low-pass, three-sigma radii and tile rectangles computed as Projection
     * computes them, about a tenth culled, centres partly off the image, a fifth of the opacities
     * at or above the 0.99 alpha cap, and every eighth depth repeating an earlier one so that key
     * ties (broken by Gaussian order) occur.
     *
     * Standard deviations are log-uniform from 0.3 px to 8% of the shorter image side, so a few
     * Gaussians span much of the image.
     *
     * @param threads worker threads of the twin, as in a training session
     */
    public static RasteriserTwin randomScene(int count, int width, int height, long seed, int threads) {
        return randomScene(count, width, height, Math.max(1.0, 0.08 * Math.min(width, height)), seed, threads);
    }

    /**
     * As {@link #randomScene(int, int, int, long, int)} with standard deviations log-uniform from
     * 0.3 px to maxSigmaPixels: a few pixels make a dense mid-training scene of a few tiles per Gaussian.
     */
    public static RasteriserTwin randomScene(int count, int width, int height, double maxSigmaPixels, long seed,
                                             int threads) {
        if (count < 0 || width < 1 || height < 1 || threads < 1 || !(maxSigmaPixels >= 0.3)) {
            throw new IllegalArgumentException("count " + count + ", image " + width + " x " + height
                    + ", max sigma " + maxSigmaPixels + ", threads " + threads);
        }
        SplittableRandom random = new SplittableRandom(seed);
        ProjectedGaussians p = new ProjectedGaussians(Math.max(1, count));
        int tile = Projection.TILE;
        int tilesX = (width + tile - 1) / tile;
        int tilesY = (height + tile - 1) / tile;
        double maxScale = maxSigmaPixels;
        for (int i = 0; i < count; i++) {
            if (random.nextDouble() < 0.1) {
                continue; // culled: radius and tiles touched stay 0
            }
            float u = (float) ((random.nextDouble() * 1.4 - 0.2) * width);
            float v = (float) ((random.nextDouble() * 1.4 - 0.2) * height);
            double sx = 0.3 * Math.pow(maxScale / 0.3, random.nextDouble());
            double sy = 0.3 * Math.pow(maxScale / 0.3, random.nextDouble());
            double angle = random.nextDouble() * Math.PI;
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            float a = (float) (cos * cos * sx * sx + sin * sin * sy * sy + 0.3);
            float b = (float) (cos * sin * (sx * sx - sy * sy));
            float c = (float) (sin * sin * sx * sx + cos * cos * sy * sy + 0.3);
            if (!Projection.placeOnScreen(p, i, u, v, a, b, c, tilesX, tilesY)) {
                continue;
            }
            p.depth[i] = i >= 8 && i % 8 == 0 && p.depth[i - 5] > 0 ? p.depth[i - 5]
                    : (float) (0.2 + 30 * random.nextDouble());
            p.opacity[i] = random.nextDouble() < 0.2 ? (float) (0.99 + 0.0099 * random.nextDouble())
                    : (float) (0.02 + 0.97 * random.nextDouble());
            for (int k = 0; k < 3; k++) {
                p.rgb[3 * i + k] = (float) random.nextDouble();
            }
        }
        return new RasteriserTwin(p, count, width, height, threads);
    }

    public int count() {
        return count;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    // The projected arrays themselves (not copies), at least count Gaussians long.

    public float[] mean2d() {
        return projected.mean2d;
    }

    public float[] conic() {
        return projected.conic;
    }

    public float[] depth() {
        return projected.depth;
    }

    public int[] tileRect() {
        return projected.tileRect;
    }

    public int[] tilesTouched() {
        return projected.tilesTouched;
    }

    public float[] rgb() {
        return projected.rgb;
    }

    public float[] opacity() {
        return projected.opacity;
    }

    /** Runs TileBinning.bin; the accessors below read its result. */
    public void bin() {
        bins.bin(projected, count, pool);
    }

    /** After {@link #bin}: per sorted entry the GPU's 64-bit key, tile index high and depth bits low. */
    public long[] sortedKeys() {
        long[] keys = new long[bins.entries];
        for (int t = 0; t < bins.tileCount; t++) {
            for (int e = bins.tileStart[t]; e < bins.tileStart[t + 1]; e++) {
                keys[e] = ((long) t << 32) | (bins.entryKeys[e] >>> 32);
            }
        }
        return keys;
    }

    /** After {@link #bin}: per sorted entry its Gaussian. */
    public int[] entryGaussian() {
        return Arrays.copyOf(bins.entryGaussian, bins.entries);
    }

    /** After {@link #bin}: per tile (row-major) the start and end of its entries. */
    public int[] tileRanges() {
        int[] ranges = new int[2 * bins.tileCount];
        for (int t = 0; t < bins.tileCount; t++) {
            ranges[2 * t] = bins.tileStart[t];
            ranges[2 * t + 1] = bins.tileStart[t + 1];
        }
        return ranges;
    }

    /** Bins, then composites every tile. */
    public Forward forward(float[] background) {
        bin();
        float[] image = new float[3 * width * height];
        float[] finalT = new float[width * height];
        int[] contributors = new int[width * height];
        pool.forEach(bins.tileCount, (tile, worker) -> Rasteriser.forwardTile(tile, bins, projected, width, height,
                background, image, finalT, contributors, scratch[worker]));
        return new Forward(image, finalT, contributors);
    }

    /** Bins, then the backward pass of every tile and the reduction: ScreenGradients.STRIDE floats per Gaussian. */
    public float[] backward(float[] background, float[] imageGradient, float[] finalT, int[] contributors) {
        bin();
        float[] entryGradients = new float[ScreenGradients.STRIDE * Math.max(1, bins.entries)];
        pool.forEach(bins.tileCount, (tile, worker) -> Rasteriser.backwardTile(tile, bins, projected, width, height,
                background, imageGradient, finalT, contributors, entryGradients, scratch[worker]));
        float[] screen = new float[ScreenGradients.STRIDE * count];
        Rasteriser.reduce(bins, entryGradients, count, screen);
        return screen;
    }

    @Override
    public void close() {
        pool.close();
    }
}
