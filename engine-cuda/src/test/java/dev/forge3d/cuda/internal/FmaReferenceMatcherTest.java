package dev.forge3d.cuda.internal;

import dev.forge3d.engine.cpu.CpuDescriptorMatcher;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GPU test's reference implements the CPU twin's contract: on integer SIFT descriptors, where
 * every distance is exact whatever the summation order, it gives the twin's matches, ties and all.
 */
class FmaReferenceMatcherTest {

    @Test
    void givesTheCpuTwinsMatchesOnIntegerSiftDescriptors() {
        assumeTrue(GpuDescriptorMatcherTest.openBlasLoads(), "the CPU twin needs OpenBLAS, which is not on this class path");
        int[][] sizes = {{1, 1}, {7, 1}, {65, 64}, {300, 200}};
        for (int[] size : sizes) {
            for (float ratio : new float[] {0.8f, 1f}) {
                float[][] sets = GpuDescriptorMatcherTest.plantedSets(new SplittableRandom(size[0] + 31L * size[1]),
                        size[0], size[1], true);
                int[] expected = new CpuDescriptorMatcher(false).match(sets[0], size[0], sets[1], size[1], 128,
                        ratio);
                int[] actual = new FmaReferenceMatcher().match(sets[0], size[0], sets[1], size[1], 128, ratio);
                assertTrue(size[1] < 100 || expected.length > 20, "planted matches are found");
                assertArrayEquals(expected, actual, size[0] + " x " + size[1] + ", ratio " + ratio);
            }
        }
    }
}
