package dev.forge3d.engine.pipeline;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.JobKind;
import dev.forge3d.api.ScanParams;
import dev.forge3d.api.ScanRequest;
import dev.forge3d.engine.input.ResolvedInput;
import dev.forge3d.engine.io.OutputLocations;
import dev.forge3d.engine.jobs.Pipeline;
import dev.forge3d.engine.jobs.Stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The scan job: the poses stages write a posed dataset into the job's working folder, then the
 * training stages read it and write the 3DGS PLY (and its preview PNG beside it).
 */
public final class ScanPipeline {
    private ScanPipeline() {
    }

    /**
     * @param maxImagePixels the engine's limit, which the dataset's cameras are held to as the input was
     * @throws Forge3dException as {@link #check}
     */
    public static Pipeline create(ScanRequest request, ResolvedInput input, Path jobFolder, long maxImagePixels) {
        check(request, input);
        Path dataset = jobFolder.resolve("poses-dataset");
        List<Stage> stages = new ArrayList<>(PosesPipeline.stages(request.params(), input, dataset));
        stages.addAll(TrainPipeline.stages(() -> TrainPipeline.readDataset(dataset, maxImagePixels),
                TrainOptions.onExtractedFrames(request.params()), TrainPipeline.BLACK, request.output(),
                TrainPipeline.previewPath(request.output())));
        return new Pipeline(JobKind.SCAN, stages);
    }

    /**
     * The checks of a request whose input was read that submit makes before the job is queued,
     * and the estimate makes too: the PLY and its preview can be written, neither is an input
     * file nor lies among the photos of an input folder; and the frames fit for training.
     *
     * @throws Forge3dException {@link ErrorCode#INVALID_PARAM} naming the output, or
     *                          {@link ErrorCode#OUT_OF_MEMORY} as {@link #requireTrainingRoom}
     */
    public static void check(ScanRequest request, ResolvedInput input) {
        OutputLocations.requireFiles(List.of(request.output(), TrainPipeline.previewPath(request.output())),
                input.files(), input.folder() ? List.of(input.file().getParent()) : List.of());
        requireTrainingRoom(input, request.params());
    }

    /**
     * Refuses, as {@link ErrorCode#OUT_OF_MEMORY}, a scan whose frames, as the input's headers
     * promise them, could not all be held for training ({@link TrainingImageHeap}).
     */
    private static void requireTrainingRoom(ResolvedInput input, ScanParams params) {
        trainingPixels(input, params).ifPresent(pixels -> TrainingImageHeap.requireRoom(pixels,
                input.folder() ? "the " + input.files().size() + " photos of " + input.file().getParent()
                        : "the frames of " + input.file()));
    }

    /**
     * The pixels training will hold, from the headers the input checks read: every photo of a
     * folder, or the frames asked for of a video, fewer when the container counts fewer, each
     * downscaled as the frame extraction does. Empty where a header gave no size or count.
     */
    static OptionalLong trainingPixels(ResolvedInput input, ScanParams params) {
        int d = params.downscale();
        if (input.folder()) {
            if (input.imageSizes().size() != input.files().size()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(input.imageSizes().stream()
                    .mapToLong(size -> (long) (size.width() / d) * (size.height() / d)).sum());
        }
        return input.videoHeader().filter(video -> video.frameCount() > 0).map(video -> OptionalLong.of(
                        (long) Math.min(params.frames(), video.frameCount()) * (video.width() / d) * (video.height() / d)))
                .orElse(OptionalLong.empty());
    }
}
