package dev.forge3d.api.spi;

import dev.forge3d.api.BackendInfo;
import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendsTest {

    private record FakeBackend(DeviceKind kind, boolean available) implements ComputeBackend {
        @Override
        public BackendInfo info() {
            return available ? new BackendInfo(kind.wireName(), true, "", "fake", 1, 1, Map.of())
                    : BackendInfo.unavailable(kind.wireName(), "no driver in this test");
        }

        @Override
        public FusedAdam fusedAdam() {
            throw new UnsupportedOperationException();
        }
    }

    private final FakeBackend cpu = new FakeBackend(DeviceKind.CPU, true);

    @Test
    void autoPicksCudaWhenItIsAvailable() {
        FakeBackend cuda = new FakeBackend(DeviceKind.CUDA, true);
        assertSame(cuda, Backends.select(DeviceKind.AUTO, List.of(cpu, cuda)));
    }

    @Test
    void autoFallsBackToTheCpuWhenCudaIsUnavailableOrAbsent() {
        assertSame(cpu, Backends.select(DeviceKind.AUTO, List.of(cpu, new FakeBackend(DeviceKind.CUDA, false))));
        assertSame(cpu, Backends.select(DeviceKind.AUTO, List.of(cpu)));
    }

    @Test
    void explicitCudaWithoutAGpuIsBackendUnavailableWithTheReason() {
        Forge3dException e = assertThrows(Forge3dException.class,
                () -> Backends.select(DeviceKind.CUDA, List.of(cpu, new FakeBackend(DeviceKind.CUDA, false))));
        assertEquals(ErrorCode.BACKEND_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("no driver in this test"), e.getMessage());
    }

    @Test
    void explicitCudaWithNoCudaModuleIsBackendUnavailable() {
        assertEquals(ErrorCode.BACKEND_UNAVAILABLE,
                assertThrows(Forge3dException.class, () -> Backends.select(DeviceKind.CUDA, List.of(cpu))).code());
    }

    @Test
    void explicitCpuPicksTheCpuEvenWhenCudaIsAvailable() {
        assertSame(cpu, Backends.select(DeviceKind.CPU, List.of(new FakeBackend(DeviceKind.CUDA, true), cpu)));
    }
}
