package dev.forge3d.engine.estimate;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.Estimate;
import dev.forge3d.api.Matching;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.Resolution;
import dev.forge3d.api.ScanParams;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostModelTest {
    private final CostModel model = new CostModel(2);

    private Estimate scan(ScanParams params, DeviceKind device) {
        return model.scan(params, 1920, 1080, device);
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
        assertTrue(model.mesh(high, 4, DeviceKind.CPU).seconds() > model.mesh(low, 4, DeviceKind.CPU).seconds());
        assertTrue(model.mesh(high, 4, DeviceKind.CPU).peakHostBytes() > model.mesh(low, 4, DeviceKind.CPU).peakHostBytes());
    }
}
