package dev.forge3d.cli;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.pipeline.DemoPipeline;
import dev.forge3d.engine.synthetic.GenerationSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "demo", description = "Scan the built-in synthetic orbit video: poses, splats, preview and metrics.")
final class DemoCommand extends BaseCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "demo-out",
            description = "Folder for the demo's outputs (default ${DEFAULT-VALUE}); replaced whole.")
    Path output;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "120", hidden = true,
            description = "Frames of the synthetic orbit (tests use fewer).")
    int frames;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1500", hidden = true,
            description = "Training steps (bench scripts use more, tests fewer).")
    int steps;

    @Option(names = "--downscale", paramLabel = "N", defaultValue = "2", hidden = true,
            description = "Training image downscale.")
    int downscale;

    @Option(names = "--ground-truth-poses", hidden = true,
            description = "Train from the generator's cameras instead of estimating poses (bench scripts).")
    boolean groundTruthPoses;

    @Override
    Outcome execute(LocalEngine engine) {
        GenerationSpec spec = GenerationSpec.orbit(GenerationSpec.defaultOrbit().scene(),
                GenerationSpec.DEFAULT_WIDTH, GenerationSpec.DEFAULT_HEIGHT, frames);
        return awaitJob(engine.submit(DeviceKind.AUTO, folder -> DemoPipeline.create(spec, folder, output, steps, downscale,
                groundTruthPoses)));
    }
}
