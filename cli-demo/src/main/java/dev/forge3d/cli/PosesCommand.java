package dev.forge3d.cli;

import dev.forge3d.api.ScanParams;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.input.InputInspector;
import dev.forge3d.engine.input.InputRole;
import dev.forge3d.engine.input.ResolvedInput;
import dev.forge3d.engine.pipeline.PosesPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "poses", description = "Video or photo folder to camera poses, intrinsics and a sparse point cloud.")
final class PosesCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "INPUT", description = "Video file or photo folder.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "Folder for frames, transforms.json and sparse/0; replaced whole.")
    Path output;

    @Mixin
    ScanOptions.Poses poses;

    @Mixin
    ScanOptions.Downscale downscale;

    @Override
    Outcome execute(LocalEngine engine) {
        ScanParams.Builder builder = ScanParams.builder();
        poses.applyTo(builder);
        downscale.applyTo(builder);
        ScanParams params = builder.build();
        ResolvedInput resolved = new InputInspector(engine.config()).resolvePath(input,
                InputRole.VIDEO_OR_PHOTO_FOLDER);
        Path destination = output.toAbsolutePath();
        return awaitJob(engine.submit(params.device(),
                folder -> PosesPipeline.create(params, resolved, folder, destination)));
    }
}
