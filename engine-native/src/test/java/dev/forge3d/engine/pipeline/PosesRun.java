package dev.forge3d.engine.pipeline;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.Job;
import dev.forge3d.api.ScanParams;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.input.InputInspector;
import dev.forge3d.engine.input.InputRole;
import dev.forge3d.engine.input.ResolvedInput;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;

/** Runs the poses job on the CPU backend, as the CLI does, and waits for it. */
final class PosesRun {
    private PosesRun() {
    }

    static Job run(Path input, ScanParams params, Path output, Path workRoot, int maxFeatures) {
        EngineConfig config = EngineConfig.builder().workRoot(workRoot).build();
        try (LocalEngine engine = new LocalEngine(config, List.of(new CpuBackend()))) {
            ResolvedInput resolved = new InputInspector(config).resolvePath(input, InputRole.VIDEO_OR_PHOTO_FOLDER);
            Job job = engine.submit(DeviceKind.CPU, folder -> PosesPipeline.create(params, resolved, folder, output, maxFeatures));
            try {
                job.completion().join();
            } catch (CompletionException e) {
                // the job's error is read from job.error()
            }
            return job;
        }
    }
}
