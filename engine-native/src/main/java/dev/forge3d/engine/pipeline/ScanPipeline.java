package dev.forge3d.engine.pipeline;

import dev.forge3d.api.JobKind;
import dev.forge3d.api.ScanRequest;
import dev.forge3d.engine.input.ResolvedInput;
import dev.forge3d.engine.io.OutputLocations;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scan job: the poses stages write a posed dataset into the job's working folder, then the
 * training stages read it and write the 3DGS PLY (and its preview PNG beside it).
 */
public final class ScanPipeline {
    private ScanPipeline() {
    }

    /** @param maxImagePixels the engine's limit, which the dataset's cameras are held to as the input was */
    public static Pipeline create(ScanRequest request, ResolvedInput input, Path jobFolder, long maxImagePixels) {
        OutputLocations.requireFile(request.output());
        Path dataset = jobFolder.resolve("poses-dataset");
        List<Stage> stages = new ArrayList<>(PosesPipeline.stages(request.params(), input, dataset));
        stages.addAll(TrainPipeline.stages(() -> TrainPipeline.readDataset(dataset, maxImagePixels),
                TrainOptions.onExtractedFrames(request.params()), TrainPipeline.BLACK, request.output(),
                TrainPipeline.previewPath(request.output())));
        return new Pipeline(JobKind.SCAN, stages);
    }
}
