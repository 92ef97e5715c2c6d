package dev.forge3d.engine.jobs;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.ScanParams;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.input.MediaKind;
import dev.forge3d.engine.input.ResolvedInput;
import dev.forge3d.engine.pipeline.PosesPipeline;
import dev.forge3d.engine.synthetic.Mp4VideoWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The poses stages' frame extraction checks the job's cancel flag frame by frame. The cancel is
 * raised from the progress sink itself, at a chosen frame, so the test needs no timing; that a
 * stage's {@link ErrorCode#CANCELLED} ends the job CANCELLED is {@link LocalEngineJobsTest}'s.
 */
class FrameExtractionCancelTest {
    private static final int FRAMES = 24;

    @TempDir
    Path temp;

    @Test
    void aScanCancelledWhileDecodingStopsInTheExtractFramesStageAtTheNextFrame() throws Exception {
        Path video = temp.resolve("black.mp4");
        try (Mp4VideoWriter writer = new Mp4VideoWriter(video, 64, 48, 10)) {
            for (int i = 0; i < FRAMES; i++) {
                writer.write(new int[64 * 48]); // black: only the count matters here
            }
        }
        ResolvedInput input = new ResolvedInput(video.toString(), List.of(video), MediaKind.MP4, false,
                Optional.empty(), List.of());
        Stage extract = PosesPipeline.stages(ScanParams.defaults(), input, temp.resolve("dataset")).getFirst();

        AtomicBoolean cancelRequested = new AtomicBoolean();
        List<String> heard = new ArrayList<>();
        JobContext context = new JobContext(temp, new CpuBackend(), 1, cancelRequested, new JobContext.ProgressSink() {
            @Override
            public void report(double stageFraction, String description) {
                heard.add(description);
                if (description.startsWith("decoding frame 3/")) {
                    cancelRequested.set(true); // as Job.cancel() from another thread while frame 4 decodes
                }
            }

            @Override
            public void message(String message) {
            }
        });

        Forge3dException thrown = assertThrows(Forge3dException.class, () -> extract.work().run(context));

        assertEquals("extract frames", extract.name());
        assertEquals(ErrorCode.CANCELLED, thrown.code());
        assertEquals(List.of("extracting frames", "decoding frame 1/" + FRAMES + " (pass 1 of 2)",
                "decoding frame 2/" + FRAMES + " (pass 1 of 2)", "decoding frame 3/" + FRAMES + " (pass 1 of 2)"),
                heard, "stopped at the frame after the cancel, in the first pass");
        assertFalse(heard.stream().anyMatch(d -> d.contains("pass 2")));
    }
}
