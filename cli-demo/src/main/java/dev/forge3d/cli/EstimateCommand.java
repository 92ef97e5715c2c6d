package dev.forge3d.cli;

import dev.forge3d.api.Estimate;
import dev.forge3d.engine.LocalEngine;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code forge3d estimate scan|mesh ...}: the same flags as the job, and the cost instead of the run. */
@Command(name = "estimate", description = "Expected time and peak memory of a job, before running it.",
        subcommands = {EstimateCommand.Scan.class, EstimateCommand.Mesh.class})
final class EstimateCommand {

    @Command(name = "scan", description = "Estimate a scan; takes the flags of 'forge3d scan'.")
    static final class Scan extends ScanCommand {
        @Override
        Outcome execute(LocalEngine engine) {
            return report(engine.estimate(request()));
        }

        @Override
        void printText(Outcome outcome) {
            printEstimate(io, outcome);
        }
    }

    @Command(name = "mesh", description = "Estimate a mesh job; takes the flags of 'forge3d mesh'.")
    static final class Mesh extends MeshCommand {
        @Override
        Outcome execute(LocalEngine engine) {
            return report(engine.estimate(request()));
        }

        @Override
        void printText(Outcome outcome) {
            printEstimate(io, outcome);
        }
    }

    static Outcome report(Estimate estimate) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("backend", estimate.backend());
        metrics.put("seconds", Math.round(estimate.seconds() * 10) / 10.0);
        metrics.put("peak_host_bytes", estimate.peakHostBytes());
        metrics.put("peak_gpu_bytes", estimate.peakGpuBytes());
        return Outcome.done(metrics, 0, Map.of());
    }

    /** One line for a person: the time as minutes and seconds, the memory in MiB. */
    static void printEstimate(Io io, Outcome outcome) {
        Map<String, Object> metrics = outcome.metrics();
        long seconds = Math.round(((Number) metrics.get("seconds")).doubleValue());
        String time = seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
        io.out().printf("expected on %s: %s, peak host memory %d MiB, peak GPU memory %d MiB%n", metrics.get("backend"),
                time, ((Number) metrics.get("peak_host_bytes")).longValue() >> 20,
                ((Number) metrics.get("peak_gpu_bytes")).longValue() >> 20);
    }
}
