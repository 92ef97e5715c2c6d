package dev.forge3d.engine.estimate;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.Estimate;
import dev.forge3d.api.Matching;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.OutputFormat;
import dev.forge3d.api.Resolution;
import dev.forge3d.api.ScanParams;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostModelTest {
    /** The recorded mesh runs' four views, 512 x 512 each. */
    private static final CostModel.MeshViews FOUR_REFERENCE_VIEWS = CostModel.MeshViews.of(4, 512, 512);
    /** InstantMesh's cake, 625 x 625. */
    private static final CostModel.MeshViews ONE_PHOTO = CostModel.MeshViews.of(1, 625, 625);
    private final CostModel model = new CostModel(2);

    private Estimate scan(ScanParams params, DeviceKind device) {
        return model.scan(params, params.frames(), 1920, 1080, device);
    }

    @Test
    void scanCostGrowsWithStepsFramesAndExhaustiveMatching() {
        ScanParams base = ScanParams.builder().steps(5_000).frames(60).build();
        double seconds = scan(base, DeviceKind.CPU).seconds();
        assertTrue(scan(base.toBuilder().steps(10_000).build(), DeviceKind.CPU).seconds() > seconds);
        assertTrue(scan(base.toBuilder().frames(120).build(), DeviceKind.CPU).seconds() > seconds);
        assertTrue(scan(base.toBuilder().matching(Matching.EXHAUSTIVE).build(), DeviceKind.CPU).seconds() > seconds);
        assertTrue(scan(base.toBuilder().downscale(4).build(), DeviceKind.CPU).seconds() < seconds);
    }

    @Test
    void theGpuIsFasterAndOnlyItUsesGpuMemory() {
        Estimate cpu = scan(ScanParams.defaults(), DeviceKind.CPU);
        Estimate cuda = scan(ScanParams.defaults(), DeviceKind.CUDA);
        assertEquals("cpu", cpu.backend());
        assertEquals("cuda", cuda.backend());
        assertTrue(cuda.seconds() < cpu.seconds() / 10);
        assertEquals(0, cpu.peakGpuBytes());
        assertTrue(cuda.peakGpuBytes() > 0);
        assertTrue(cpu.peakHostBytes() > 0);
    }

    @Test
    void meshCostGrowsWithResolutionAndTextureSize() {
        MeshParams low = MeshParams.builder().resolution(Resolution.LOW_POLY).textureSize(512).build();
        MeshParams high = MeshParams.builder().resolution(Resolution.HIGH_POLY).textureSize(2048).build();
        Estimate lowCost = model.mesh(low, FOUR_REFERENCE_VIEWS, DeviceKind.CPU, true);
        Estimate highCost = model.mesh(high, FOUR_REFERENCE_VIEWS, DeviceKind.CPU, true);
        assertTrue(highCost.seconds() > lowCost.seconds());
        assertTrue(highCost.peakHostBytes() > lowCost.peakHostBytes());
    }

    /**
     * Four views of 4096 x 4096 with the default parameters, first in its process (the 23rd
     * session, two cores): 15.2 s, 2.5 GB resident, and as much memory for four of 9000 x 9000,
     * which the job shrinks to 4096; four of 512 x 512 take a few seconds and a few hundred
     * megabytes, which the other constants are measured at.
     */
    @Test
    void meshCostGrowsWithTheViewsPixels() {
        MeshParams defaults = MeshParams.defaults();
        Estimate large = model.mesh(defaults, CostModel.MeshViews.of(4, 4096, 4096), DeviceKind.CPU, false);
        assertWithin(15.2, large.seconds(), 0.3, "four 4096 x 4096 views");
        assertWithin(2.5, large.peakHostBytes() / 1e9, 0.3, "four 4096 x 4096 views, GB");
        // Four of 9000 x 9000, worked on at 4096: 32.5 s, the decode the difference.
        Estimate shrunk = model.mesh(defaults, new CostModel.MeshViews(4, 4L * 9000 * 9000, 4L * 4096 * 4096),
                DeviceKind.CPU, false);
        assertWithin(32.5, shrunk.seconds(), 0.3, "four 9000 x 9000 views");
        assertEquals(large.peakHostBytes(), shrunk.peakHostBytes());
        Estimate reference = model.mesh(defaults, FOUR_REFERENCE_VIEWS, DeviceKind.CPU, false);
        assertTrue(reference.peakHostBytes() < 1e9, reference.toString());
    }

    /**
     * The CPU model reproduces the 2-core runs recorded in docs/perf (2026-11-21) to within 30%:
     * the demo's scan (stage sum 0.7 + 1.6 + 5 + 4.5 + 89 s), the stone_sign poses bench without
     * training (1.5 + 1.5 + 7.3 + 3.4 s; the model's training term is taken off), the 4-view
     * high_poly mesh job (3.4-5.8 s warm, 7.3 s first in its process) and that job at 500,000 faces,
     * GLB alone and with PBR at 2048 and every format (the 14th session's runs), and one photo's job.
     */
    @Test
    void cpuEstimatesMatchTheRecordedRuns() {
        ScanParams demo = ScanParams.builder().frames(120).downscale(2).steps(1_500).build();
        assertWithin(100.8, model.scan(demo, 120, 640, 360, DeviceKind.CPU).seconds(), 0.3, "demo scan");

        ScanParams stone = ScanParams.builder().frames(80).downscale(2).steps(1_000).build();
        ScanParams stoneLonger = stone.toBuilder().steps(2_000).build();
        double oneThousandSteps = model.scan(stoneLonger, 80, 450, 800, DeviceKind.CPU).seconds()
                - model.scan(stone, 80, 450, 800, DeviceKind.CPU).seconds();
        double poses = model.scan(stone, 80, 450, 800, DeviceKind.CPU).seconds() - oneThousandSteps;
        assertWithin(13.7, poses, 0.3, "stone_sign poses");

        MeshParams mesh = MeshParams.builder().resolution(Resolution.HIGH_POLY).faces(20_000).textureSize(1024).build();
        assertWithin(4.6, model.mesh(mesh, FOUR_REFERENCE_VIEWS, DeviceKind.CPU, true).seconds(), 0.3,
                "4-view high_poly mesh");
        // 18th session, scripts/bench-mesh.sh: the same job first in its process 7.3 s, then 5.2 and 3.9 s;
        // one 625 x 625 photo (InstantMesh's cake) first 2.9 s, then 1.4 and 1.7 s.
        assertWithin(7.3, model.mesh(mesh, FOUR_REFERENCE_VIEWS, DeviceKind.CPU, false).seconds(), 0.3,
                "4-view high_poly mesh, cold");
        assertWithin(1.5, model.mesh(mesh, ONE_PHOTO, DeviceKind.CPU, true).seconds(), 0.3,
                "1-view high_poly mesh");
        assertWithin(2.9, model.mesh(mesh, ONE_PHOTO, DeviceKind.CPU, false).seconds(), 0.3,
                "1-view high_poly mesh, cold");
        // 14th session, two cores, warm JVM: 500,000 faces, GLB only 6.4 s; with PBR at 2048 and every format 18.0-19.3 s.
        MeshParams dense = mesh.toBuilder().faces(500_000).build();
        assertWithin(6.4, model.mesh(dense, FOUR_REFERENCE_VIEWS, DeviceKind.CPU, true).seconds(), 0.3,
                "500,000 faces");
        MeshParams everything = dense.toBuilder().pbr(true).textureSize(2048)
                .outputs(EnumSet.allOf(OutputFormat.class)).build();
        assertWithin(18.7, model.mesh(everything, FOUR_REFERENCE_VIEWS, DeviceKind.CPU, true).seconds(), 0.3,
                "500,000 faces, PBR 2048, every format");
    }

    private static void assertWithin(double measured, double estimated, double fraction, String what) {
        assertTrue(Math.abs(estimated - measured) <= fraction * measured,
                what + ": estimated " + estimated + " s, measured " + measured + " s");
    }
}
