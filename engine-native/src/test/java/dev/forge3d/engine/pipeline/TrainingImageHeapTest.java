package dev.forge3d.engine.pipeline;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.InputSource;
import dev.forge3d.api.JobError;
import dev.forge3d.api.JobStatus;
import dev.forge3d.api.ScanParams;
import dev.forge3d.api.ScanRequest;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.dataset.CameraIntrinsics;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.dataset.PosedFrame;
import dev.forge3d.engine.dataset.TransformsJson;
import dev.forge3d.engine.input.ImageDimensions;
import dev.forge3d.engine.input.MediaKind;
import dev.forge3d.engine.input.ResolvedInput;
import dev.forge3d.engine.jobs.LocalJob;
import dev.forge3d.engine.media.VideoProbe;
import dev.forge3d.engine.synthetic.PngHeaders;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training holds its images as three floats a pixel. A scan whose frames could not all be held on the heap is
 * refused at submit as out_of_memory, before frames are extracted and posed; the pixels counted
 * are those the headers promise, downscaled as the extraction does. A train job checks its
 * dataset's cameras the same way before it loads an image.
 */
class TrainingImageHeapTest {
    @TempDir
    Path temp;

    @Test
    void imagesThatFillTheHeapExactlyPassAndOneMorePixelIsRefused() {
        long heap = 120L << 20;
        long pixels = heap / TrainingImageHeap.BYTES_PER_PIXEL;
        assertDoesNotThrow(() -> TrainingImageHeap.requireRoom(pixels, heap, "frames"));
        Forge3dException refused = assertThrows(Forge3dException.class,
                () -> TrainingImageHeap.requireRoom(pixels + 1, heap, "the frames of a.mp4"));
        assertEquals(ErrorCode.OUT_OF_MEMORY, refused.code());
        assertTrue(refused.getMessage().startsWith("the frames of a.mp4 need 0.1 GiB"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--downscale"), refused.getMessage());
        assertTrue(refused.getMessage().contains("-Xmx"), refused.getMessage());
    }

    @Test
    void aVideoCountsTheFramesAskedForOrFewerWhenItHasFewerEachDownscaled() {
        ScanParams params = ScanParams.builder().frames(120).downscale(2).build();
        assertEquals(OptionalLong.of(120L * 960 * 540), ScanPipeline.trainingPixels(video(1920, 1080, 400), params));
        assertEquals(OptionalLong.of(90L * 960 * 540), ScanPipeline.trainingPixels(video(1920, 1080, 90), params));
        // 1001 x 601 at a downscale of 4: 250 x 150, as the extraction's integer division gives.
        assertEquals(OptionalLong.of(120L * 250 * 150),
                ScanPipeline.trainingPixels(video(1001, 601, 400), params.toBuilder().downscale(4).build()));
        assertEquals(OptionalLong.empty(), ScanPipeline.trainingPixels(video(1920, 1080, 0), params),
                "a container that does not count its frames promises nothing");
    }

    @Test
    void aPhotoFolderCountsEveryPhotoAtItsOwnSize() {
        ScanParams params = ScanParams.builder().downscale(2).build();
        List<Path> files = List.of(temp.resolve("a.png"), temp.resolve("b.png"), temp.resolve("c.png"));
        ResolvedInput mixed = new ResolvedInput(temp.toString(), files, MediaKind.PNG, true, Optional.empty(), List.of(
                new ImageDimensions(400, 300), new ImageDimensions(800, 600), new ImageDimensions(300, 400)));
        assertEquals(OptionalLong.of(200L * 150 + 400L * 300 + 150L * 200), ScanPipeline.trainingPixels(mixed, params));
        ResolvedInput unread = new ResolvedInput(temp.toString(), files, MediaKind.PNG, true, Optional.empty(),
                List.of(new ImageDimensions(400, 300)));
        assertEquals(OptionalLong.empty(), ScanPipeline.trainingPixels(unread, params),
                "a photo whose header gave no size leaves the count unknown");
    }

    @Test
    void submitAndTheEstimateRefuseAPhotoFolderOverTheHeapAndQueueNothing() throws Exception {
        // 10000 x 10000 photos, at the engine's default pixel limit: 1.2 GB each at a downscale of 1.
        long perPhoto = 10_000L * 10_000 * TrainingImageHeap.BYTES_PER_PIXEL;
        int count = (int) (Runtime.getRuntime().maxMemory() / perPhoto) + 1;
        Path folder = Files.createDirectories(temp.resolve("photos"));
        for (int i = 0; i < count; i++) {
            Files.write(folder.resolve(String.format("p%03d.png", i)), PngHeaders.declaring(10_000, 10_000));
        }
        ScanRequest request = new ScanRequest(InputSource.of(folder),
                ScanParams.builder().downscale(1).device(DeviceKind.CPU).build(), temp.resolve("scene.ply"));
        try (LocalEngine engine = new LocalEngine(EngineConfig.builder().workRoot(temp.resolve("work")).build(),
                List.of(new CpuBackend()))) {
            Forge3dException submitted = assertThrows(Forge3dException.class, () -> engine.submit(request));
            assertEquals(ErrorCode.OUT_OF_MEMORY, submitted.code());
            assertTrue(submitted.getMessage().startsWith("the " + count + " photos of " + folder + " need "),
                    submitted.getMessage());
            assertEquals(List.of(), engine.jobs());
            Forge3dException estimated = assertThrows(Forge3dException.class, () -> engine.estimate(request));
            assertEquals(submitted.getMessage(), estimated.getMessage());

            // At a downscale of 4 the same photos need a sixteenth: the estimate goes through.
            ScanRequest smaller = new ScanRequest(InputSource.of(folder),
                    request.params().toBuilder().downscale(4).build(), request.output());
            assertEquals("cpu", engine.estimate(smaller).backend());
        }
    }

    @Test
    void aTrainJobWhoseImagesCannotBeHeldFailsOutOfMemoryBeforeLoadingOne() throws Exception {
        int side = 20_000;
        long perFrame = (long) side * side * TrainingImageHeap.BYTES_PER_PIXEL;
        int count = (int) (Runtime.getRuntime().maxMemory() / perFrame) + 1;
        Path folder = temp.resolve("dataset");
        CameraIntrinsics camera = new CameraIntrinsics(side, side, side, side, side / 2.0, side / 2.0, 0);
        List<PosedFrame> frames = new ArrayList<>();
        Path images = Files.createDirectories(folder.resolve("images"));
        for (int i = 0; i < count; i++) {
            // A header with no pixels behind it: the job must stop before it decodes one.
            Path image = Files.write(images.resolve("f" + i + ".png"), PngHeaders.declaring(side, side));
            frames.add(new PosedFrame("images/f" + i + ".png", image, new Matrix4d().translation(0.2 * i, 0, -3), 0));
        }
        TransformsJson.write(new PosedDataset(folder, List.of(camera), frames, List.of()));
        try (LocalEngine engine = new LocalEngine(EngineConfig.builder().workRoot(temp.resolve("work"))
                .maxImagePixels((long) side * side).build(), List.of(new CpuBackend()))) {
            LocalJob job = engine.submit(DeviceKind.CPU, f -> TrainPipeline.create(folder,
                    new TrainOptions(5, 1, 7, false, 10_000), temp.resolve("out.ply"), engine.config().maxImagePixels()));
            job.completion().exceptionally(error -> null).get(60, TimeUnit.SECONDS);
            assertEquals(JobStatus.FAILED, job.status());
            JobError error = job.error().orElseThrow();
            assertEquals(ErrorCode.OUT_OF_MEMORY, error.code(), error.message());
            assertTrue(error.message().startsWith(folder + ": the " + count + " images need "), error.message());
        }
    }

    private ResolvedInput video(int width, int height, int frames) {
        return new ResolvedInput("v.mp4", List.of(temp.resolve("v.mp4")), MediaKind.MP4, false,
                Optional.of(new VideoProbe.VideoInfo(width, height, frames, 25, 0)), List.of());
    }
}
