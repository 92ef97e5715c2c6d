package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.MeshKernels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The mesh kernels' wrappers ({@link CudaMarchingCubes}, {@link CudaVolumeCarving}) reject grids,
 * fields and views that do not fit with {@code invalid_param} before the (fake) library sees any
 * call: no stream, no buffer, no kernel. Runs without a GPU.
 */
class MeshKernelArgumentsTest {
    private FakeCudaLibrary fake;
    private CudaMarchingCubes cubes;

    @BeforeEach
    void setUp() {
        fake = new FakeCudaLibrary();
        cubes = new CudaMarchingCubes(fake.runtime(), 0);
    }

    @AfterEach
    void tearDown() {
        fake.close();
        assertEquals(List.of(), fake.handlerErrors());
    }

    @Test
    void goodArgumentsReachTheLibrary() {
        // The control: a 2 x 2 x 2 field gets through to both passes (the fake reports empty totals).
        cubes.extract(2, 2, 2, 0, 0, 0, 1, new float[8]);
        assertEquals(1, fake.count("f3d_marching_cubes_count"));
        assertEquals(1, fake.count("f3d_marching_cubes_emit"));
    }

    @Test
    void badGridsAndFieldsAreRejectedBeforeAnyNativeCall() {
        assertRejected(() -> cubes.extract(1, 2, 2, 0, 0, 0, 1, new float[4]));
        assertRejected(() -> cubes.extract(2, 2, 2, 0, 0, 0, 1, new float[7]));
        assertRejected(() -> cubes.extract(2, 2, 2, 0, 0, 0, 1, null));
        assertRejected(() -> cubes.extract(2, 2, 2, 0, 0, 0, 0, new float[8]));
        assertRejected(() -> cubes.extract(2, 2, 2, 0, 0, 0, Double.NaN, new float[8]));
        assertRejected(() -> cubes.extract(2, 2, 2, Double.POSITIVE_INFINITY, 0, 0, 1, new float[8]));
        // More samples than MeshKernels.MAX_GRID_SAMPLES, whose worst-case surface would not fit a
        // Java array (the field is never allocated: the count fails first).
        assertRejected(() -> cubes.extract(1024, 1024, 1024, 0, 0, 0, 1, new float[8]));
        assertRejected(() -> cubes.extract(524, 524, 524, 0, 0, 0, 1, new float[8]));
        assertRejected(() -> new CudaVolumeCarving(fake.runtime(), 0).hullField(524, 524, 524, 0, 0, 0, 1,
                List.of(view(2, 2, 4))));
        assertRejected(() -> new CudaMarchingCubes(fake.runtime(), -1));
    }

    @Test
    void gridsWhoseSampleCountOverflowsALongAreRejected() {
        // 14511796 x 2147221520 x 592 = 2^64 + 1024: the long product wraps to 1024, which a
        // 1024-float field would match, and the kernels would index planes of 14511796 samples in it.
        assertRejected(() -> cubes.extract(14511796, 2147221520, 592, 0, 0, 0, 1, new float[1024]));
        CudaVolumeCarving carving = new CudaVolumeCarving(fake.runtime(), 0);
        assertRejected(() -> carving.hullField(14511796, 2147221520, 592, 0, 0, 0, 1, List.of(view(2, 2, 4))));
    }

    @Test
    void goodViewsReachTheHullKernel() {
        CudaVolumeCarving carving = new CudaVolumeCarving(fake.runtime(), 0);
        carving.hullField(2, 3, 4, 0, 0, 0, 0.5, List.of(view(2, 2, 4)));
        assertEquals(1, fake.count("f3d_volume_hull_field"));
    }

    @Test
    void badViewsAreRejectedBeforeAnyNativeCall() {
        CudaVolumeCarving carving = new CudaVolumeCarving(fake.runtime(), 0);
        assertRejected(() -> carving.hullField(2, 2, 2, 0, 0, 0, 1, List.of()));
        assertRejected(() -> carving.hullField(2, 2, 1, 0, 0, 0, 1, List.of(view(2, 2, 4))));
        assertRejected(() -> carving.hullField(2, 2, 2, 0, 0, 0, -1, List.of(view(2, 2, 4))));
        assertRejected(() -> carving.hullField(2, 2, 2, 0, 0, 0, 1, List.of(view(2, 2, 3))));
        assertRejected(() -> carving.hullField(2, 2, 2, 0, 0, 0, 1, List.of(view(0, 2, 0))));
        assertRejected(() -> carving.hullField(2, 2, 2, 0, 0, 0, 1, List.of(
                new CudaVolumeCarving.View(new double[11], false, 1, 2, 2, new float[4]))));
        assertRejected(() -> carving.hullField(2, 2, 2, 0, 0, 0, 1, List.of(
                new CudaVolumeCarving.View(new double[12], false, 0, 2, 2, new float[4]))));
        double[] notFinite = new double[12];
        notFinite[3] = Double.NaN;
        assertRejected(() -> carving.hullField(2, 2, 2, 0, 0, 0, 1, List.of(
                new CudaVolumeCarving.View(notFinite, false, 1, 2, 2, new float[4]))));
        assertRejected(() -> carving.hullField(2, 2, 2, 0, 0, 0, 1,
                Collections.nCopies(MeshKernels.MAX_HULL_VIEWS + 1, view(2, 2, 4))));
    }

    private static CudaVolumeCarving.View view(int width, int height, int distances) {
        double[] projection = {1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 10};
        return new CudaVolumeCarving.View(projection, false, 1, width, height, new float[distances]);
    }

    private void assertRejected(Executable call) {
        int before = fake.functionsCalled().size();
        Forge3dException error = assertThrows(Forge3dException.class, call);
        assertEquals(ErrorCode.INVALID_PARAM, error.code(), error.getMessage());
        assertEquals(before, fake.functionsCalled().size(), "a rejected call must not reach the library");
    }
}
