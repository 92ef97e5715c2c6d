package dev.forge3d.engine.cpu;

import dev.forge3d.api.BackendInfo;
import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.spi.ComputeBackend;
import dev.forge3d.api.spi.DescriptorMatcher;
import dev.forge3d.api.spi.FusedAdam;
import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.api.spi.SplatSessionFactory;
import dev.forge3d.engine.mesh.CpuMeshKernels;
import dev.forge3d.engine.splat.CpuSplatSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The CPU backend: always available, and the reference for every CUDA kernel. */
public final class CpuBackend implements ComputeBackend {
    private final BackendInfo info = describe();

    @Override
    public DeviceKind kind() {
        return DeviceKind.CPU;
    }

    @Override
    public BackendInfo info() {
        return info;
    }

    @Override
    public FusedAdam fusedAdam() {
        return new CpuFusedAdam();
    }

    @Override
    public Optional<SplatSessionFactory> splatSessions() {
        return Optional.of(CpuSplatSession::new);
    }

    @Override
    public Optional<DescriptorMatcher> descriptorMatcher() {
        return Optional.of(new CpuDescriptorMatcher(true));
    }

    @Override
    public Optional<MeshKernels> meshKernels() {
        return Optional.of(new CpuMeshKernels());
    }

    private static BackendInfo describe() {
        Runtime runtime = Runtime.getRuntime();
        return new BackendInfo("cpu", true, "", cpuModel(), runtime.maxMemory(), runtime.maxMemory() - usedMemory(),
                Map.of("cores", Integer.toString(runtime.availableProcessors()),
                        "java", Runtime.version().toString()));
    }

    private static long usedMemory() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc is hidden: the architecture is still a useful name.
        }
        return System.getProperty("os.arch");
    }
}
