package dev.forge3d.engine.estimate;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.Estimate;
import dev.forge3d.api.Matching;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.OutputFormat;
import dev.forge3d.api.Resolution;
import dev.forge3d.api.ScanParams;

import java.util.EnumSet;

/**
 * First-order cost model of the two jobs. Each term is a per-unit cost times the work the
 * parameters imply. The CPU costs are calibrated on the 2-core runs recorded in docs/perf
 * (2026-11-21): the demo's scan (120 frames of 640 x 360 at downscale 2, 1,500 steps), the
 * stone_sign poses bench (80 frames of 800 x 450) and the 4-view high_poly mesh job. The CUDA
 * costs still come from the targets in the project's issues (80 steps per second at 1297 x 840
 * with 1M Gaussians), as no GPU run is recorded yet.
 */
public final class CostModel {
    private static final int SIFT_FEATURES = 8_192;
    private static final int SEQUENTIAL_OVERLAP = 10;
    private static final int VOCAB_TREE_TOP_K = 20;
    private static final long MAX_GAUSSIANS = 3_000_000;
    /** Gaussians at the end of training per training pixel (the demo ends at 41k for 57.6k pixels). */
    private static final double GAUSSIANS_PER_PIXEL = 0.75;
    private static final int GAUSSIAN_BYTES_CPU = 59 * 4 * 4; // parameters, gradients, two Adam moments
    private static final int GAUSSIAN_BYTES_GPU = 1_200;
    private static final long GPU_CONTEXT_BYTES = 300L << 20;
    private static final long JVM_BASE_BYTES = 200L << 20;

    /** Decoding, per source pixel of an extracted frame (demo 0.7 s, stone_sign 1.5 s). */
    private static final double CPU_EXTRACT_PER_SOURCE_PIXEL = 3.5e-8;
    /** SIFT, core-seconds per frame pixel (demo 1.6 s, stone_sign 1.5 s on two cores). */
    private static final double CPU_FEATURES_PER_PIXEL = 4.4e-7;
    /** Matching, core-seconds per pair at {@link #MATCHING_REFERENCE_PIXELS}, growing with the features squared. */
    private static final double CPU_MATCHING_PER_PAIR = 0.016;
    private static final double MATCHING_REFERENCE_PIXELS = 90_000;
    /** SIFT features found in a frame of {@link #MATCHING_REFERENCE_PIXELS} (stone_sign: about 960). */
    private static final double FEATURES_AT_REFERENCE = 1_000;
    /** Incremental mapping, seconds per frame (demo 4.5 s for 120, stone_sign 3.4 s for 80). */
    private static final double CPU_MAPPING_PER_FRAME = 0.04;
    /** Training, core-seconds per step per Gaussian and per pixel (demo 59 ms a step on two cores). */
    private static final double CPU_STEP_PER_GAUSSIAN = 4e-7, CPU_STEP_PER_PIXEL = 1.7e-6;
    /**
     * Mesh stages (4 views of 512 x 512, high_poly, 1024 texture: about 1.5, 2.3, 0.3 and 0.4 s
     * warm; at 500,000 faces the simplification, the bake and the outputs grow with the faces).
     */
    private static final double CPU_SEGMENTATION_PER_VIEW = 0.35;
    /** The view size the mesh constants are measured at; larger views cost more in segmentation. */
    private static final long MESH_REFERENCE_VIEW_PIXELS = 512L * 512;
    /**
     * Segmentation's seconds and the job's bytes per pixel beyond the reference views: four views
     * of 1024, 2048 and 4096 squared took 2.6, 3.8 and 12.7 s in segmentation and 0.56, 0.71 and
     * 2.5 GB resident (the 23rd session, two cores); every stage before the bake holds a view's
     * pixels several times over.
     */
    private static final double CPU_SEGMENTATION_PER_EXTRA_PIXEL = 1.5e-7;
    private static final long MESH_BYTES_PER_VIEW_PIXEL = 32;
    /**
     * Decoding the pixels a photo loses when it is shrunk to the working size (the segmentation
     * term counts the decoding of those it keeps): four PNGs of 9000 x 9000 took 14 s more than
     * four of 4096 x 4096 (the 23rd session).
     */
    private static final double CPU_DECODE_PER_SHRUNK_PIXEL = 5e-8;
    private static final double CPU_GEOMETRY_PER_VOXEL_VIEW = 7e-8;
    private static final double CPU_SIMPLIFY_PER_VOXEL = 1.5e-8, CPU_SIMPLIFY_PER_FACE = 2e-6;
    private static final double CPU_BAKE_PER_TEXEL_VIEW = 1.5e-7, CPU_BAKE_PER_FACE = 2.5e-6;
    /** The mesh every format but GLB is written from (corners unwelded, quads paired), per face. */
    private static final double CPU_EXPORT_MESH_PER_FACE = 2e-6;
    /**
     * A mesh job's extra seconds in a process that has run none, while OpenCV's native libraries
     * load and the JIT compiles the stages, most of it in segmentation and geometry, which grow with
     * the views (scripts/bench-mesh.sh on two cores, cold then warm: the synthetic 4-view job 7.3
     * then 3.9 s, one 625 px photo 2.9 then 1.4 s). The stage constants above are warm; the scan's
     * are fitted to whole CLI runs, whose warm-up is a second or two of minutes.
     */
    private static final double MESH_WARM_UP_SECONDS = 0.9, MESH_WARM_UP_PER_VIEW = 0.6;

    private final int cores;

    public CostModel(int cores) {
        this.cores = Math.max(1, cores);
    }

    /**
     * Estimate for a scan of {@code frames} frames of {@code width} x {@code height} pixels before
     * downscaling: {@code params.frames()} for a video that has that many, every photo of a folder.
     */
    public Estimate scan(ScanParams params, int frames, int width, int height, DeviceKind backend) {
        boolean gpu = backend == DeviceKind.CUDA;
        double pixels = (double) width * height / (params.downscale() * params.downscale());
        long gaussians = Math.min(MAX_GAUSSIANS, (long) (GAUSSIANS_PER_PIXEL * pixels));

        // Extraction, features and mapping run on the CPU whatever the backend.
        double extract = frames * width * (double) height * CPU_EXTRACT_PER_SOURCE_PIXEL;
        double features = frames * pixels * CPU_FEATURES_PER_PIXEL / cores;
        double featureRatio = Math.min(pixels, MATCHING_REFERENCE_PIXELS * SIFT_FEATURES / FEATURES_AT_REFERENCE)
                / MATCHING_REFERENCE_PIXELS;
        double matching = matchedPairs(params.matching(), frames)
                * (gpu ? 0.003 : CPU_MATCHING_PER_PAIR * featureRatio * featureRatio / cores);
        double sfm = frames * CPU_MAPPING_PER_FRAME;
        double stepSeconds = gpu ? gaussians * 6e-9 + pixels * 5e-9
                : (gaussians * CPU_STEP_PER_GAUSSIAN + pixels * CPU_STEP_PER_PIXEL) / cores;
        double seconds = extract + features + matching + sfm + params.steps() * stepSeconds;

        long imageCache = (long) (frames * pixels * 3);
        long descriptors = (long) frames * SIFT_FEATURES * (128 + 16);
        long host = JVM_BASE_BYTES + descriptors + imageCache * (gpu ? 1 : 4) + (gpu ? 0 : gaussians * GAUSSIAN_BYTES_CPU);
        long device = gpu ? GPU_CONTEXT_BYTES + imageCache + gaussians * GAUSSIAN_BYTES_GPU : 0;
        return new Estimate(backend.wireName(), seconds, host, device);
    }

    /**
     * A mesh job's views as its estimate counts them: how many, their pixels all together as
     * decoded, and as the job works on them (shrunk to its working size).
     */
    public record MeshViews(int count, long decodedPixels, long workingPixels) {
        /** {@code count} views of {@code width x height}, worked on at that size. */
        public static MeshViews of(int count, int width, int height) {
            long pixels = (long) count * width * height;
            return new MeshViews(count, pixels, pixels);
        }
    }

    /**
     * Estimate for a mesh job from its views; {@code warm} when the process has already run a mesh
     * job, so that libraries are loaded and the stages compiled.
     */
    public Estimate mesh(MeshParams params, MeshViews photos, DeviceKind backend, boolean warm) {
        int views = photos.count();
        long reference = views * MESH_REFERENCE_VIEW_PIXELS;
        boolean gpu = backend == DeviceKind.CUDA;
        long voxels = (long) Math.pow(params.resolution() == Resolution.HIGH_POLY ? 256 : 64, 3);
        long texels = (long) params.textureSize() * params.textureSize();
        double perVoxel = gpu ? 2e-10 : CPU_GEOMETRY_PER_VOXEL_VIEW / cores;
        double perTexel = gpu ? 1e-8 : CPU_BAKE_PER_TEXEL_VIEW / cores;
        int faces = params.faces();
        double segmentation = views * CPU_SEGMENTATION_PER_VIEW
                + (photos.decodedPixels() - photos.workingPixels()) * CPU_DECODE_PER_SHRUNK_PIXEL
                + Math.max(0, photos.workingPixels() - reference) * CPU_SEGMENTATION_PER_EXTRA_PIXEL;
        double simplify = faces * CPU_SIMPLIFY_PER_FACE + voxels * CPU_SIMPLIFY_PER_VOXEL;
        double bake = texels * views * perTexel + faces * CPU_BAKE_PER_FACE + (params.pbr() ? texels * 2 * perTexel : 0);
        double outputs = params.outputs().stream().mapToDouble(format -> writeSeconds(format, faces)).sum();
        if (!params.outputs().equals(EnumSet.of(OutputFormat.GLB))) {
            outputs += faces * CPU_EXPORT_MESH_PER_FACE;
        }
        double seconds = segmentation + voxels * views * perVoxel + simplify + bake + outputs
                + (warm ? 0 : MESH_WARM_UP_SECONDS + views * MESH_WARM_UP_PER_VIEW);

        long volume = voxels * 4 * 2;
        long textures = texels * 4 * (params.pbr() ? 3 : 1);
        long host = JVM_BASE_BYTES + (gpu ? 0 : volume) + textures + voxels / 8 * 64
                + photos.workingPixels() * MESH_BYTES_PER_VIEW_PIXEL;
        long device = gpu ? GPU_CONTEXT_BYTES + volume + textures : 0;
        return new Estimate(backend.wireName(), seconds, host, device);
    }

    /**
     * Writing one format on the CPU, measured at 20,000 and 500,000 faces on two cores: FBX goes
     * through assimp, MP4 renders and encodes 120 frames of the textured mesh.
     */
    private static double writeSeconds(OutputFormat format, int faces) {
        return switch (format) {
            case GLB -> 0.05 + faces * 1e-7;
            case OBJ, USDZ -> 0.1 + faces * 5e-7;
            case FBX -> 0.5 + faces * 9e-6;
            case MP4 -> 0.9 + faces * 9e-6;
        };
    }

    private static long matchedPairs(Matching matching, int frames) {
        return switch (matching) {
            case SEQUENTIAL -> (long) frames * SEQUENTIAL_OVERLAP + frames / 10 * 5;
            case VOCAB_TREE -> (long) frames * VOCAB_TREE_TOP_K;
            case EXHAUSTIVE -> (long) frames * (frames - 1) / 2;
        };
    }
}
