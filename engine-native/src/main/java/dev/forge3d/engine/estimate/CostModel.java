package dev.forge3d.engine.estimate;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.Estimate;
import dev.forge3d.api.Matching;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.Resolution;
import dev.forge3d.api.ScanParams;

/**
 * First-order cost model of the two jobs. Each term is a per-unit cost times the work the
 * parameters imply; the per-unit costs come from the targets in the project's issues (for example
 * 5 CPU training steps per second at 225x400 with 50k Gaussians on 2 cores, 80 GPU steps per second
 * at 1297x840 with 1M Gaussians) and are recalibrated from docs/perf as the stages land.
 */
public final class CostModel {
    private static final int SIFT_FEATURES = 8_192;
    private static final int SEQUENTIAL_OVERLAP = 10;
    private static final int VOCAB_TREE_TOP_K = 20;
    private static final long MAX_GAUSSIANS = 3_000_000;
    private static final int GAUSSIAN_BYTES_CPU = 59 * 4 * 4; // parameters, gradients, two Adam moments
    private static final int GAUSSIAN_BYTES_GPU = 1_200;
    private static final long GPU_CONTEXT_BYTES = 300L << 20;
    private static final long JVM_BASE_BYTES = 200L << 20;

    private final int cores;

    public CostModel(int cores) {
        this.cores = Math.max(1, cores);
    }

    /** Estimate for a scan of frames of {@code width} x {@code height} pixels before downscaling. */
    public Estimate scan(ScanParams params, int width, int height, DeviceKind backend) {
        boolean gpu = backend == DeviceKind.CUDA;
        int frames = params.frames();
        double pixels = (double) width * height / (params.downscale() * params.downscale());
        long gaussians = Math.min(MAX_GAUSSIANS, (long) (2 * pixels));

        double extract = frames * 0.02 + frames * width * (double) height * 2e-9;
        double features = frames * pixels * 7e-7 / cores;
        double matching = matchedPairs(params.matching(), frames) * (gpu ? 0.003 : 0.4 / cores);
        double sfm = frames * 0.3;
        double stepSeconds = gpu ? gaussians * 6e-9 + pixels * 5e-9
                : (gaussians * 3e-6 + pixels * 3e-6) / cores;
        double seconds = extract + features + matching + sfm + params.steps() * stepSeconds;

        long imageCache = (long) (frames * pixels * 3);
        long descriptors = (long) frames * SIFT_FEATURES * (128 + 16);
        long host = JVM_BASE_BYTES + descriptors + imageCache * (gpu ? 1 : 4) + (gpu ? 0 : gaussians * GAUSSIAN_BYTES_CPU);
        long device = gpu ? GPU_CONTEXT_BYTES + imageCache + gaussians * GAUSSIAN_BYTES_GPU : 0;
        return new Estimate(backend.wireName(), seconds, host, device);
    }

    /** Estimate for a mesh job from {@code views} photos. */
    public Estimate mesh(MeshParams params, int views, DeviceKind backend) {
        boolean gpu = backend == DeviceKind.CUDA;
        long voxels = (long) Math.pow(params.resolution() == Resolution.HIGH_POLY ? 256 : 64, 3);
        long texels = (long) params.textureSize() * params.textureSize();
        double perVoxel = gpu ? 2e-10 : 2e-8 / cores;
        double perTexel = gpu ? 1e-8 : 1e-6 / cores;
        double segmentation = views * 0.8;
        double simplify = params.faces() * 2e-6 + voxels * 1e-9;
        double exports = params.outputs().size() * 0.3 + (params.pbr() ? texels * 2 * perTexel : 0);
        double seconds = segmentation + voxels * views * perVoxel + simplify + texels * views * perTexel + exports;

        long volume = voxels * 4 * 2;
        long textures = texels * 4 * (params.pbr() ? 3 : 1);
        long host = JVM_BASE_BYTES + (gpu ? 0 : volume) + textures + voxels / 8 * 64;
        long device = gpu ? GPU_CONTEXT_BYTES + volume + textures : 0;
        return new Estimate(backend.wireName(), seconds, host, device);
    }

    private static long matchedPairs(Matching matching, int frames) {
        return switch (matching) {
            case SEQUENTIAL -> (long) frames * SEQUENTIAL_OVERLAP + frames / 10 * 5;
            case VOCAB_TREE -> (long) frames * VOCAB_TREE_TOP_K;
            case EXHAUSTIVE -> (long) frames * (frames - 1) / 2;
        };
    }
}
