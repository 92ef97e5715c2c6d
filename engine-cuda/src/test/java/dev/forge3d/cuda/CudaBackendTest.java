package dev.forge3d.cuda;

import dev.forge3d.api.BackendInfo;
import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.spi.Backends;
import dev.forge3d.api.spi.ComputeBackend;
import dev.forge3d.cuda.internal.CudaAdam;
import dev.forge3d.cuda.internal.CudaDescriptorMatcher;
import dev.forge3d.cuda.internal.CudaProbe;
import dev.forge3d.cuda.internal.DriverPresence;
import dev.forge3d.cuda.internal.FakeCudaLibrary;
import dev.forge3d.cuda.internal.NativeLibraryLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CudaBackendTest {

    @Test
    void isDiscoveredBesideTheCpuBackend() {
        List<ComputeBackend> backends = Backends.discover();
        assertEquals(List.of(DeviceKind.CPU, DeviceKind.CUDA), backends.stream().map(ComputeBackend::kind).toList());
        assertInstanceOf(CudaBackend.class, backends.get(1));
    }

    @Test
    void reportsEitherADeviceOrTheReasonItHasNone() {
        BackendInfo info = new CudaBackend().info();
        assertEquals("cuda", info.name());
        if (info.available()) {
            assertEquals("", info.reason());
            assertFalse(info.deviceName().isBlank());
            assertTrue(info.details().keySet().containsAll(List.of("compute_capability", "cuda_driver", "cuda_runtime")));
        } else {
            assertFalse(info.reason().isBlank(), "an unavailable backend says why");
            assertEquals(0, info.totalMemoryBytes());
        }
    }

    @Test
    void withoutADriverTheReasonNamesIt() {
        assumeTrue(libraryPacked(), "libforge3d_cuda.so was not built");
        assumeFalse(DriverPresence.libcudaLoads(), "this machine has a CUDA driver");
        CudaBackend backend = new CudaBackend();
        BackendInfo info = backend.info();
        assertFalse(info.available());
        assertTrue(info.reason().startsWith("no CUDA driver: libcuda.so.1"), info.reason());
        assertTrue(info.details().get("cuda_runtime").matches("\\d+\\.\\d+"), info.details().toString());
        Forge3dException error = assertThrows(Forge3dException.class, backend::fusedAdam);
        assertEquals(ErrorCode.BACKEND_UNAVAILABLE, error.code());
        assertTrue(error.getMessage().contains(info.reason()), error.getMessage());
    }

    @Test
    void withoutTheLibraryTheReasonIsTheBuilds() {
        assumeFalse(libraryPacked(), "libforge3d_cuda.so was built");
        BackendInfo info = new CudaBackend().info();
        assertFalse(info.available());
        assertTrue(info.reason().contains("was not built"), info.reason());
    }

    @Test
    void unavailableProbeMakesFusedAdamFailWithTheReason() {
        CudaBackend backend = new CudaBackend(() -> new CudaProbe.NotReady("no CUDA driver: test", Map.of()));
        assertEquals(new BackendInfo("cuda", false, "no CUDA driver: test", "", 0, 0, Map.of()), backend.info());
        assertFalse(backend.isAvailable());
        Forge3dException error = assertThrows(Forge3dException.class, backend::fusedAdam);
        assertEquals(ErrorCode.BACKEND_UNAVAILABLE, error.code());
        assertEquals("cuda backend is unavailable: no CUDA driver: test", error.getMessage());
    }

    @Test
    void splatSessionsExistOnlyWhenTheBackendIsAvailable() {
        CudaBackend unavailable = new CudaBackend(() -> new CudaProbe.NotReady("no CUDA driver: test", Map.of()));
        assertTrue(unavailable.splatSessions().isEmpty());
        try (FakeCudaLibrary fake = new FakeCudaLibrary()) {
            CudaBackend backend = new CudaBackend(() -> CudaProbe.probe(fake.symbols(), "/fake/libforge3d_cuda.so"));
            assertTrue(backend.splatSessions().isPresent());
        }
    }

    @Test
    void aProbeThatThrowsStillYieldsInfo() {
        CudaBackend backend = new CudaBackend(() -> {
            throw new IllegalStateException("broken installation");
        });
        BackendInfo info = backend.info();
        assertFalse(info.available());
        assertTrue(info.reason().contains("broken installation"), info.reason());
    }

    @Test
    void infoIsComputedOnce() {
        int[] probes = {0};
        CudaBackend backend = new CudaBackend(() -> {
            probes[0]++;
            return new CudaProbe.NotReady("none", Map.of());
        });
        backend.info();
        backend.info();
        assertEquals(1, probes[0]);
    }

    @Test
    void readyProbeFillsTheInfoFromTheDevice() {
        try (FakeCudaLibrary fake = new FakeCudaLibrary()) {
            CudaBackend backend = new CudaBackend(() -> CudaProbe.probe(fake.symbols(), "/fake/libforge3d_cuda.so"));
            BackendInfo info = backend.info();
            assertTrue(info.available(), info.reason());
            assertEquals("Fake GPU", info.deviceName());
            assertEquals(8L << 30, info.totalMemoryBytes());
            assertEquals(6L << 30, info.freeMemoryBytes());
            assertEquals("8.6", info.details().get("compute_capability"));
            assertEquals("13.0", info.details().get("cuda_driver"));
            assertEquals("13.0", info.details().get("cuda_runtime"));
            assertEquals("/fake/libforge3d_cuda.so", info.details().get("library"));
            assertInstanceOf(CudaAdam.class, backend.fusedAdam());
        }
    }

    @Test
    void theDescriptorMatcherIsTheGpuOneOnlyWhenTheBackendIsAvailable() {
        CudaBackend unavailable = new CudaBackend(() -> new CudaProbe.NotReady("no CUDA driver: test", Map.of()));
        assertTrue(unavailable.descriptorMatcher().isEmpty());
        try (FakeCudaLibrary fake = new FakeCudaLibrary()) {
            CudaBackend ready = new CudaBackend(() -> CudaProbe.probe(fake.symbols(), "/fake/libforge3d_cuda.so"));
            assertInstanceOf(CudaDescriptorMatcher.class, ready.descriptorMatcher().orElseThrow());
        }
    }

    private static boolean libraryPacked() {
        String platform = NativeLibraryLoader.platform();
        return platform != null
                && CudaBackendTest.class.getClassLoader().getResource(NativeLibraryLoader.resourcePath(platform)) != null;
    }
}
