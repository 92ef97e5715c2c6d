package dev.forge3d.cli;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.input.PathChecks;
import dev.forge3d.engine.pipeline.RenderPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "render", description = "Render a splat scene at given poses, or as a turntable video.")
final class RenderCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SCENE.ply", description = "A 3DGS .ply.")
    Path scene;

    @Option(names = "--poses", paramLabel = "transforms.json",
            description = "Camera poses to render (with --turntable: sets the orbit's up axis and radius).")
    Path poses;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Folder for the PNGs; replaced whole.")
    Path output;

    @Option(names = "--turntable", paramLabel = "OUT.mp4", description = "Render a 360 degree orbit video instead.")
    Path turntable;

    @Override
    Outcome execute(LocalEngine engine) {
        if (turntable != null && output != null) {
            throw new Forge3dException(ErrorCode.VALIDATION_ERROR, "render writes either --turntable OUT.mp4 "
                    + "or the PNGs of --poses to -o DIR, not both: -o " + output + " would be left unwritten");
        }
        PathChecks.requireFile(scene, "ply", "scene");
        if (poses != null) {
            PathChecks.requireFile(poses, "json", "poses");
        }
        if (turntable != null) {
            OutputPaths.requireExtension(turntable, "mp4");
            return awaitJob(engine.submit(DeviceKind.AUTO, folder -> RenderPipeline.turntable(scene, poses, turntable,
                    engine.config().maxImagePixels())));
        }
        if (poses == null || output == null) {
            throw new Forge3dException(ErrorCode.VALIDATION_ERROR,
                    "render needs --poses transforms.json and -o DIR, or --turntable OUT.mp4");
        }
        return awaitJob(engine.submit(DeviceKind.AUTO, folder -> RenderPipeline.poses(scene, poses, output,
                engine.config().maxImagePixels())));
    }
}
