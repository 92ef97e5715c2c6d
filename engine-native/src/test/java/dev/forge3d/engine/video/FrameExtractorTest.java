package dev.forge3d.engine.video;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.synthetic.Mp4VideoWriter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frame extraction reports its progress frame by frame and stops at the first frame after a cancel. */
class FrameExtractorTest {
    private static final int WIDTH = 64;
    private static final int HEIGHT = 48;
    private static final int VIDEO_FRAMES = 24;
    private static final int KEPT_FRAMES = 6;
    private static final int PHOTOS = 5;

    @TempDir
    static Path temp;
    static Path video;
    static List<Path> photos = new ArrayList<>();

    @BeforeAll
    static void writeInputs() throws Exception {
        video = temp.resolve("blocks.mp4");
        Random random = new Random(7);
        try (Mp4VideoWriter writer = new Mp4VideoWriter(video, WIDTH, HEIGHT, 10)) {
            for (int i = 0; i < VIDEO_FRAMES; i++) {
                writer.write(blocks(random));
            }
        }
        for (int i = 0; i < PHOTOS; i++) {
            Path photo = temp.resolve(String.format("photo_%d.png", i));
            try (Mat image = new Mat(HEIGHT, WIDTH, opencv_core.CV_8UC3, new Scalar(40 * i, 80, 160, 0))) {
                assertTrue(opencv_imgcodecs.imwrite(photo.toString(), image));
            }
            photos.add(photo);
        }
    }

    /** 8-pixel blocks of random colours: edges to rate, and a frame the encoder can fit (noise it cannot). */
    static int[] blocks(Random random) {
        int[] colours = random.ints((WIDTH / 8) * (HEIGHT / 8), 0, 0x1000000).toArray();
        int[] rgb = new int[WIDTH * HEIGHT];
        for (int p = 0; p < rgb.length; p++) {
            rgb[p] = colours[(p / WIDTH / 8) * (WIDTH / 8) + p % WIDTH / 8];
        }
        return rgb;
    }

    /**
     * A job's progress: it throws {@code cancelled} once cancelled, here after {@code cancelAfter}
     * reports, as a cancel arriving while the extractor works on the next frame.
     */
    private static final class CancellingProgress implements FrameExtractor.Progress {
        final int cancelAfter;
        final List<Double> fractions = new ArrayList<>();
        final List<String> descriptions = new ArrayList<>();
        int calls;

        CancellingProgress(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void report(double fraction, String description) {
            calls++;
            if (calls > cancelAfter) {
                throw new Forge3dException(ErrorCode.CANCELLED, "the job was cancelled");
            }
            fractions.add(fraction);
            descriptions.add(description);
        }
    }

    private static void assertRisesToTheEnd(List<Double> fractions) {
        for (int i = 0; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= 0 && fractions.get(i) <= 1, "within the stage: " + fractions);
            assertTrue(i == 0 || fractions.get(i) >= fractions.get(i - 1), "never decreasing: " + fractions);
        }
        assertEquals(1.0, fractions.getLast(), "ends at the end: " + fractions);
    }

    @Test
    void aVideoReportsEveryDecodedFrameOfBothPassesAndEndsAtTheEnd() throws Exception {
        CancellingProgress progress = new CancellingProgress(Integer.MAX_VALUE);
        FrameExtractor.fromVideo(video, video.toString(), KEPT_FRAMES, 1, temp.resolve("progress"), message -> { },
                progress);

        assertRisesToTheEnd(progress.fractions);
        List<String> firstPass = progress.descriptions.stream().filter(d -> d.endsWith("(pass 1 of 2)")).toList();
        List<String> secondPass = progress.descriptions.stream().filter(d -> d.endsWith("(pass 2 of 2)")).toList();
        assertEquals(VIDEO_FRAMES, firstPass.size(), "one report a decoded frame: " + progress.descriptions);
        assertEquals("decoding frame 1/" + VIDEO_FRAMES + " (pass 1 of 2)", firstPass.getFirst());
        assertTrue(secondPass.size() > VIDEO_FRAMES / 2, "the second pass decodes up to the last kept frame");
        for (int i = 0; i < firstPass.size(); i++) {
            assertTrue(progress.fractions.get(i) <= 0.5, "the first pass is the first half: " + progress.fractions);
        }
    }

    @Test
    void reportingProgressChangesNeitherTheFramesChosenNorTheFiles() throws Exception {
        ExtractedFrames quiet = FrameExtractor.fromVideo(video, video.toString(), KEPT_FRAMES, 2, temp.resolve("quiet"),
                message -> { }, (fraction, description) -> { });
        ExtractedFrames reported = FrameExtractor.fromVideo(video, video.toString(), KEPT_FRAMES, 2,
                temp.resolve("reported"), message -> { }, new CancellingProgress(Integer.MAX_VALUE));

        assertEquals(quiet.files().size(), reported.files().size());
        for (int i = 0; i < quiet.files().size(); i++) {
            assertEquals(quiet.files().get(i).getFileName(), reported.files().get(i).getFileName());
            assertArrayEquals(Files.readAllBytes(quiet.files().get(i)), Files.readAllBytes(reported.files().get(i)));
        }
    }

    @Test
    void aCancelDuringTheFirstPassStopsAtTheNextDecodedFrame() {
        CancellingProgress progress = new CancellingProgress(5);
        Forge3dException thrown = assertThrows(Forge3dException.class, () -> FrameExtractor.fromVideo(video,
                video.toString(), KEPT_FRAMES, 1, temp.resolve("cancel-first"), message -> { }, progress));

        assertEquals(ErrorCode.CANCELLED, thrown.code());
        assertEquals(6, progress.calls, "one more frame decoded after the cancel, not the rest of the video");
        assertEquals("decoding frame 5/" + VIDEO_FRAMES + " (pass 1 of 2)", progress.descriptions.getLast());
    }

    @Test
    void aCancelDuringTheSecondPassStopsAtTheNextDecodedFrame() {
        CancellingProgress progress = new CancellingProgress(VIDEO_FRAMES + 3);
        Forge3dException thrown = assertThrows(Forge3dException.class, () -> FrameExtractor.fromVideo(video,
                video.toString(), KEPT_FRAMES, 1, temp.resolve("cancel-second"), message -> { }, progress));

        assertEquals(ErrorCode.CANCELLED, thrown.code());
        assertEquals(VIDEO_FRAMES + 4, progress.calls);
        assertEquals("decoding frame 3/" + VIDEO_FRAMES + " (pass 2 of 2)", progress.descriptions.getLast());
    }

    @Test
    void photosReportEachPhotoAndEndAtTheEnd() throws Exception {
        CancellingProgress progress = new CancellingProgress(Integer.MAX_VALUE);
        FrameExtractor.fromPhotos(photos, 1, temp.resolve("photos"), progress);

        assertRisesToTheEnd(progress.fractions);
        assertEquals(PHOTOS + 1, progress.calls, "one report a photo, then the end");
        assertEquals("reading photo 1/" + PHOTOS, progress.descriptions.getFirst());
    }

    @Test
    void aCancelStopsPhotosBeforeTheNextIsDecoded() throws Exception {
        Path dataset = temp.resolve("cancel-photos");
        CancellingProgress progress = new CancellingProgress(2);
        Forge3dException thrown = assertThrows(Forge3dException.class,
                () -> FrameExtractor.fromPhotos(photos, 1, dataset, progress));

        assertEquals(ErrorCode.CANCELLED, thrown.code());
        assertEquals(3, progress.calls);
        try (var written = Files.list(dataset.resolve(FrameExtractor.IMAGES_FOLDER))) {
            assertEquals(2, written.count(), "the photos before the cancel only");
        }
    }

    @Test
    void anUnknownOrShortFrameCountKeepsTheFirstPassInItsHalf() {
        assertEquals(0.25, FrameExtractor.firstPassFraction(50, 100));
        assertEquals(0, FrameExtractor.firstPassFraction(50, 0), "unknown: no fraction to show");
        assertEquals(0.5, FrameExtractor.firstPassFraction(150, 100), "more frames than the container said");
        assertEquals("50/100", FrameExtractor.ofTotal(50, 100));
        assertEquals("50", FrameExtractor.ofTotal(50, 0));
        assertEquals("150", FrameExtractor.ofTotal(150, 100));
    }
}
