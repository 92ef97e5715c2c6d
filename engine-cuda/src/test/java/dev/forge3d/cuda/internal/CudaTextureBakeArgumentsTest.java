package dev.forge3d.cuda.internal;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.cuda.NativeCudaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The texture bake's argument checks, made in Java before any native call, against the fake
 * library (no GPU needed): bad input is {@code invalid_param} and the library never sees a call;
 * good input reaches {@code f3d_texture_bake} once and frees every handle, even when it fails.
 */
class CudaTextureBakeArgumentsTest {
    private static final int SIZE = 4;

    private FakeCudaLibrary fake;
    private CudaTextureBake bake;

    @BeforeEach
    void setUp() {
        fake = new FakeCudaLibrary();
        bake = new CudaTextureBake(fake.runtime(), 0);
    }

    @AfterEach
    void tearDown() {
        assertEquals(Set.of(), fake.liveHandles(), "every stream and buffer is freed");
        assertEquals(List.of(), fake.handlerErrors());
        fake.close();
    }

    /** A consistent argument set: a 4 x 4 texture and two views of 3 x 2 and 5 x 1 pixels. */
    private static final class Args {
        int size = SIZE;
        byte[] covered = new byte[SIZE * SIZE];
        float[] position = new float[3 * SIZE * SIZE];
        float[] normal = new float[3 * SIZE * SIZE];
        int viewCount = 2;
        double[] cameras = new double[2 * MeshKernels.BAKE_CAMERA_DOUBLES];
        int[] viewSizes = {3, 2, 5, 1};
        int[] viewRgb = new int[11];
        byte[] viewMask = new byte[11];
        float[] viewDepth = new float[11];
        double tolerance = 0.01;
        int mirrorPlanes = 3;
        int[] outRgb = new int[SIZE * SIZE];
        byte[] outSeen = new byte[SIZE * SIZE];

        void bakeWith(CudaTextureBake bake) {
            bake.bake(size, covered, position, normal, viewCount, cameras, viewSizes, viewRgb, viewMask, viewDepth,
                    tolerance, mirrorPlanes, outRgb, outSeen);
        }
    }

    @Test
    void consistentArgumentsReachTheKernelOnce() {
        new Args().bakeWith(bake);
        assertEquals(1, fake.count("f3d_texture_bake"));
        List<Object> arguments = fake.callsOf("f3d_texture_bake").getFirst().arguments();
        assertEquals(SIZE, arguments.get(1), "size");
        assertEquals(2, arguments.get(5), "view count");
        assertEquals(0.01, arguments.get(11), "depth tolerance");
        assertEquals(3, arguments.get(12), "mirror planes");
    }

    @Test
    void aKernelFailureIsATypedErrorAndFreesEverything() {
        fake.fail("f3d_texture_bake", NativeStatus.F3D_ERROR_CUDA, "f3d_texture_bake: launch of 1 blocks: boom");
        NativeCudaException error = assertThrows(NativeCudaException.class, () -> new Args().bakeWith(bake));
        assertEquals("f3d_texture_bake", error.function());
        assertTrue(error.getMessage().contains("boom"), error.getMessage());
    }

    @Test
    void sizesAndCountsOutsideTheKernelsRangesAreRefused() {
        assertInvalid("texture size", a -> a.size = 0);
        assertInvalid("texture size", a -> a.size = MeshKernels.MAX_BAKE_SIDE + 1);
        assertInvalid("view count", a -> a.viewCount = 0);
        assertInvalid("view count", a -> a.viewCount = MeshKernels.MAX_BAKE_VIEWS + 1);
        assertInvalid("view 1 size", a -> a.viewSizes = new int[] {3, 2, 0, 1});
        assertInvalid("view 0 size", a -> a.viewSizes = new int[] {MeshKernels.MAX_BAKE_SIDE + 1, 1, 5, 1});
        assertInvalid("depth tolerance", a -> a.tolerance = -1);
        assertInvalid("mirror planes", a -> a.mirrorPlanes = 4);
        assertInvalid("mirror planes", a -> a.mirrorPlanes = -1);
        assertInvalid("depth tolerance", a -> a.tolerance = Double.NaN);
        assertInvalid("depth tolerance", a -> a.tolerance = Double.POSITIVE_INFINITY);
    }

    @Test
    void everyArrayMustHoldExactlyWhatTheSizesSay() {
        assertInvalid("covered length", a -> a.covered = new byte[SIZE * SIZE - 1]);
        assertInvalid("covered length", a -> a.covered = null);
        assertInvalid("position length", a -> a.position = new float[3 * SIZE * SIZE + 3]);
        assertInvalid("normal length", a -> a.normal = new float[SIZE * SIZE]);
        assertInvalid("outRgb length", a -> a.outRgb = new int[1]);
        assertInvalid("outSeen length", a -> a.outSeen = null);
        assertInvalid("cameras length", a -> a.cameras = new double[MeshKernels.BAKE_CAMERA_DOUBLES]);
        assertInvalid("viewSizes length", a -> a.viewSizes = new int[] {3, 2});
        // 3 x 2 + 5 x 1 = 11 pixels in each per-pixel array.
        assertInvalid("viewRgb length", a -> a.viewRgb = new int[10]);
        assertInvalid("viewMask length", a -> a.viewMask = new byte[12]);
        assertInvalid("viewDepth length", a -> a.viewDepth = null);
    }

    private interface Change {
        void apply(Args args);
    }

    private void assertInvalid(String field, Change change) {
        Args args = new Args();
        change.apply(args);
        Executable call = () -> args.bakeWith(bake);
        Forge3dException e = assertThrows(Forge3dException.class, call, field);
        assertEquals(ErrorCode.INVALID_PARAM, e.code(), field);
        assertTrue(e.getMessage().contains(field), e.getMessage());
        assertEquals(List.of(), fake.functionsCalled(), field + ": no native call");
    }
}
