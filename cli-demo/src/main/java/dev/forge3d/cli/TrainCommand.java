package dev.forge3d.cli;

import dev.forge3d.api.ScanParams;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.input.PathChecks;
import dev.forge3d.engine.pipeline.TrainOptions;
import dev.forge3d.engine.pipeline.TrainPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "train", description = "Train Gaussian splats on a posed dataset (poses output or COLMAP folder).")
final class TrainCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "DATASET", description = "Folder with transforms.json or a COLMAP model.")
    Path dataset;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.ply", required = true,
            description = "Where the .ply goes; a preview PNG goes beside it (OUT-preview.png).")
    Path output;

    @Mixin
    ScanOptions.Downscale downscale;

    @Mixin
    ScanOptions.Training training;

    @Override
    Outcome execute(LocalEngine engine) {
        ScanParams.Builder builder = ScanParams.builder();
        downscale.applyTo(builder);
        training.applyTo(builder);
        ScanParams params = builder.build();
        OutputPaths.requireExtension(output, "ply");
        PathChecks.requireDataset(dataset);
        return awaitJob(engine.submit(params.device(),
                folder -> TrainPipeline.create(dataset, TrainOptions.from(params), output,
                        engine.config().maxImagePixels())));
    }
}
