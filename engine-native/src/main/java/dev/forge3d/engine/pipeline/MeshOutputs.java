package dev.forge3d.engine.pipeline;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.OutputFormat;
import dev.forge3d.engine.io.GlbWriter;
import dev.forge3d.engine.jobs.JobContext;
import dev.forge3d.engine.mesh.MeshAsset;

import java.io.IOException;
import java.nio.file.Path;

/** Writes the requested formats through the job's staged outputs (published only on success). */
final class MeshOutputs {
    private MeshOutputs() {
    }

    static void write(MeshAsset asset, MeshParams params, Path primary, JobContext context) throws IOException {
        int done = 0;
        for (OutputFormat format : OutputFormat.values()) {
            if (!params.outputs().contains(format)) {
                continue;
            }
            context.checkCancelled();
            Path destination = MeshPipeline.outputFile(primary, format);
            switch (format) {
                case GLB -> GlbWriter.write(asset, context.stageOutput("glb", destination));
                default -> throw new Forge3dException(ErrorCode.INTERNAL_ERROR,
                        format.name().toLowerCase() + " output is not in this build yet");
            }
            context.progress(++done / (double) params.outputs().size(), "wrote " + destination.getFileName());
        }
    }
}
