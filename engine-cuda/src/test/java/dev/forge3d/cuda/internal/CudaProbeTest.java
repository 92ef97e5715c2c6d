package dev.forge3d.cuda.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Each way the backend can be unusable becomes a reason a person can act on. */
class CudaProbeTest {
    private static final String LIBRARY = "/cache/libforge3d_cuda.so";
    private final FakeCudaLibrary fake = new FakeCudaLibrary();

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void aWorkingDriverWithAGpuIsReady() {
        assertInstanceOf(CudaProbe.Ready.class, CudaProbe.probe(fake.symbols(), LIBRARY));
    }

    @Test
    void aMissingDriverGivesTheNativeReason() {
        fake.fail("f3d_device_count", NativeStatus.F3D_ERROR_NO_DEVICE,
                "no CUDA driver: libcuda.so.1: cannot open shared object file: No such file or directory");
        assertEquals(new CudaProbe.NotReady(
                        "no CUDA driver: libcuda.so.1: cannot open shared object file: No such file or directory",
                        Map.of("library", LIBRARY, "cuda_runtime", "13.0")),
                CudaProbe.probe(fake.symbols(), LIBRARY));
    }

    @Test
    void aDriverWithoutGpus() {
        fake.deviceCount = 0;
        assertEquals("no CUDA device: the driver sees no GPU", reason(CudaProbe.probe(fake.symbols(), LIBRARY)));
    }

    @Test
    void aLibraryOfAnotherAbiVersion() {
        fake.abiVersion = ForgeCudaBindings.ABI_VERSION + 1;
        assertEquals(LIBRARY + " has ABI version " + (ForgeCudaBindings.ABI_VERSION + 1) + " but these bindings need "
                + ForgeCudaBindings.ABI_VERSION + " (mixed jars of different builds?)",
                reason(CudaProbe.probe(fake.symbols(), LIBRARY)));
    }

    @Test
    void aLibraryMissingAFunction() {
        assertEquals(LIBRARY + " does not match these bindings: libforge3d_cuda.so does not export f3d_adam_update",
                reason(CudaProbe.probe(fake.symbolsWithout("f3d_adam_update"), LIBRARY)));
    }

    @Test
    void aLibraryThatIsNotPackedKeepsTheLoadersReason() {
        assertEquals("libforge3d_cuda.so was not built (nvcc not found at build time)",
                reason(CudaProbe.probe(new NativeLibraryLoader.Missing(
                        "libforge3d_cuda.so was not built (nvcc not found at build time)"))));
    }

    private static String reason(CudaProbe.Result result) {
        return assertInstanceOf(CudaProbe.NotReady.class, result).reason();
    }
}
