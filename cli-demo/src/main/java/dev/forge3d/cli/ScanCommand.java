package dev.forge3d.cli;

import dev.forge3d.api.InputSource;
import dev.forge3d.api.ScanParams;
import dev.forge3d.api.ScanRequest;
import dev.forge3d.engine.LocalEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "scan", description = "Orbit video (MP4/MOV) or photo folder to a 3D Gaussian Splatting .ply.")
class ScanCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "INPUT", description = "Video file, photo folder or data URI.")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.ply", defaultValue = "scan.ply",
            description = "Where the .ply goes (default ${DEFAULT-VALUE}).")
    Path output;

    @Mixin
    ScanOptions.Poses poses;

    @Mixin
    ScanOptions.Downscale downscale;

    @Mixin
    ScanOptions.Training training;

    /** The request the flags describe; parameters are checked before the input. */
    ScanRequest request() {
        ScanParams.Builder builder = ScanParams.builder();
        poses.applyTo(builder);
        downscale.applyTo(builder);
        training.applyTo(builder);
        ScanParams params = builder.build();
        OutputPaths.requireExtension(output, "ply");
        return new ScanRequest(InputSource.parse(input), params, output);
    }

    @Override
    Outcome execute(LocalEngine engine) {
        return awaitJob(engine.submit(request()));
    }
}
