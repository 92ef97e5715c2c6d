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
    }

    @Command(name = "mesh", description = "Estimate a mesh job; takes the flags of 'forge3d mesh'.")
    static final class Mesh extends MeshCommand {
        @Override
        Outcome execute(LocalEngine engine) {
            return report(engine.estimate(request()));
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
}
