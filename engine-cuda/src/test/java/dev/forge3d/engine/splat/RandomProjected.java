package dev.forge3d.engine.splat;

import dev.forge3d.cuda.internal.CudaTileRasteriser;

import java.util.SplittableRandom;

/**
 * Fresh random screen-space Gaussians, shaped like Projection.forward's output: covariances with
 * the 0.3 px low-pass, three-sigma radii and tile rectangles computed as Projection computes them,
 * some Gaussians culled, centres partly off the image, opacities up to the 0.99 alpha cap, and a
 * share of repeated depths so that key ties (broken by Gaussian order) are exercised.
 */
final class RandomProjected {
    private RandomProjected() {
    }

    static ProjectedGaussians generate(int count, int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ProjectedGaussians p = new ProjectedGaussians(Math.max(1, count));
        int tile = Projection.TILE;
        int tilesX = (width + tile - 1) / tile;
        int tilesY = (height + tile - 1) / tile;
        double maxScale = Math.max(1.0, 0.08 * Math.min(width, height));
        for (int i = 0; i < count; i++) {
            if (random.nextDouble() < 0.1) {
                continue; // culled: radius and tiles touched stay 0
            }
            float u = (float) ((random.nextDouble() * 1.4 - 0.2) * width);
            float v = (float) ((random.nextDouble() * 1.4 - 0.2) * height);
            double sx = 0.3 * Math.pow(maxScale / 0.3, random.nextDouble());
            double sy = 0.3 * Math.pow(maxScale / 0.3, random.nextDouble());
            double angle = random.nextDouble() * Math.PI;
            double cos = Math.cos(angle), sin = Math.sin(angle);
            float a = (float) (cos * cos * sx * sx + sin * sin * sy * sy + 0.3);
            float b = (float) (cos * sin * (sx * sx - sy * sy));
            float c = (float) (sin * sin * sx * sx + cos * cos * sy * sy + 0.3);
            float det = a * c - b * b;
            if (!(det > 0)) {
                continue;
            }
            float mid = 0.5f * (a + c);
            float lambda = mid + (float) Math.sqrt(Math.max(0.1f, mid * mid - det));
            int radius = (int) Math.ceil(3 * Math.sqrt(lambda));
            int minX = clamp((int) Math.floor((u - radius) / tile), tilesX);
            int maxX = clamp((int) Math.floor((u + radius) / tile) + 1, tilesX);
            int minY = clamp((int) Math.floor((v - radius) / tile), tilesY);
            int maxY = clamp((int) Math.floor((v + radius) / tile) + 1, tilesY);
            int touched = (maxX - minX) * (maxY - minY);
            if (touched == 0) {
                continue;
            }
            p.radius[i] = radius;
            p.tilesTouched[i] = touched;
            p.tileRect[4 * i] = minX;
            p.tileRect[4 * i + 1] = minY;
            p.tileRect[4 * i + 2] = maxX;
            p.tileRect[4 * i + 3] = maxY;
            p.mean2d[2 * i] = u;
            p.mean2d[2 * i + 1] = v;
            // Every eighth Gaussian repeats an earlier depth: equal keys in a shared tile.
            p.depth[i] = i >= 8 && i % 8 == 0 ? p.depth[i - 5] : (float) (0.2 + 30 * random.nextDouble());
            p.conic[3 * i] = c / det;
            p.conic[3 * i + 1] = -b / det;
            p.conic[3 * i + 2] = a / det;
            p.opacity[i] = random.nextDouble() < 0.2 ? (float) (0.99 + 0.0099 * random.nextDouble())
                    : (float) (0.02 + 0.97 * random.nextDouble());
            for (int k = 0; k < 3; k++) {
                p.rgb[3 * i + k] = (float) random.nextDouble();
            }
        }
        return p;
    }

    static CudaTileRasteriser.ProjectedHost toHost(ProjectedGaussians p, int count) {
        return new CudaTileRasteriser.ProjectedHost(count, p.mean2d, p.conic, p.depth, p.tileRect, p.tilesTouched,
                p.rgb, p.opacity);
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(max, value));
    }
}
