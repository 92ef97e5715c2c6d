package dev.forge3d.cli;

import dev.forge3d.api.BackendInfo;
import dev.forge3d.engine.Forge3dVersion;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.media.ImageDecoding;
import dev.forge3d.engine.media.VideoProbe;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

@Command(name = "info", description = "Backends, devices and the versions of Forge3D and its native libraries.")
final class InfoCommand extends BaseCommand {

    @Override
    Outcome execute(LocalEngine engine) {
        List<Map<String, Object>> backends = engine.backends().stream().map(InfoCommand::describe).toList();
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("forge3d", Forge3dVersion.get());
        versions.put("java", Runtime.version().toString());
        versions.put("ffmpeg", nativeVersion(VideoProbe::ffmpegVersion));
        versions.put("opencv", nativeVersion(ImageDecoding::opencvVersion));
        engine.backends().stream().filter(b -> b.name().equals("cuda")).findFirst().ifPresent(cuda -> {
            versions.put("cuda_driver", cuda.details().getOrDefault("cuda_driver", "none"));
            versions.put("cuda_runtime", cuda.details().getOrDefault("cuda_runtime", "none"));
        });
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("backends", backends);
        extra.put("versions", versions);
        return Outcome.done(Map.of(), 0, extra);
    }

    private static Map<String, Object> describe(BackendInfo backend) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", backend.name());
        json.put("available", backend.available());
        json.put("reason", backend.reason());
        json.put("device", backend.deviceName());
        json.put("memory_bytes", backend.totalMemoryBytes());
        json.put("free_memory_bytes", backend.freeMemoryBytes());
        json.put("details", backend.details());
        return json;
    }

    /** The device, and for the CPU its cores and the Java heap its jobs compute in (its memory_bytes). */
    private static String capacity(Map<String, Object> backend) {
        long mebibytes = (Long) backend.get("memory_bytes") >> 20;
        if (!backend.get("name").equals("cpu")) {
            return backend.get("device") + ", " + mebibytes + " MiB";
        }
        Object cores = ((Map<?, ?>) backend.get("details")).get("cores");
        return backend.get("device") + ", " + cores + " cores, " + mebibytes + " MiB Java heap";
    }

    private static String nativeVersion(Supplier<String> version) {
        try {
            return version.get();
        } catch (RuntimeException | LinkageError e) {
            return "unavailable: " + e.getMessage();
        }
    }

    @Override
    void printText(Outcome outcome) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> backends = (List<Map<String, Object>>) outcome.extra().get("backends");
        io.out().println("Backends:");
        for (Map<String, Object> backend : backends) {
            boolean available = (Boolean) backend.get("available");
            io.out().printf("  %-5s %s%n", backend.get("name"),
                    available ? "available: " + capacity(backend) : "unavailable: " + backend.get("reason"));
        }
        io.out().println("Versions:");
        ((Map<?, ?>) outcome.extra().get("versions")).forEach((k, v) -> io.out().printf("  %-13s %s%n", k, v));
    }
}
