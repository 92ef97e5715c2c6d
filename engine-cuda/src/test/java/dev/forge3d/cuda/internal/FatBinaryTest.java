package dev.forge3d.cuda.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The library is a fat binary: machine code (SASS) for Turing to Hopper, sm_75, 80, 86, 89 and 90,
 * and compute_90 PTX that the driver compiles for GPUs newer than that.
 */
class FatBinaryTest {

    @Test
    void libraryHoldsSassForEachTargetAndPtxForTheNewest() throws IOException {
        String singleArchitecture = System.getenv("FORGE3D_CUDA_ARCH");
        assumeTrue(singleArchitecture == null || singleArchitecture.isEmpty(),
                "built for one architecture only (FORGE3D_CUDA_ARCH=" + singleArchitecture + ")");
        List<FatBinaryReader.Entry> entries = FatBinaryReader.entries(PackedLibrary.bytesOrSkip());
        assertEquals(Set.of(75, 80, 86, 89, 90), architectures(entries, FatBinaryReader.KIND_SASS), "SASS");
        assertEquals(Set.of(90), architectures(entries, FatBinaryReader.KIND_PTX), "PTX");
    }

    private static Set<Integer> architectures(List<FatBinaryReader.Entry> entries, int kind) {
        return entries.stream().filter(entry -> entry.kind() == kind).map(FatBinaryReader.Entry::architecture)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
