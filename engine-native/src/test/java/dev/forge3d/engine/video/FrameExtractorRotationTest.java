package dev.forge3d.engine.video;

import dev.forge3d.engine.synthetic.Mp4VideoWriter;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames come out upright: the display rotation of the stream is applied as FFmpeg's autorotate does. */
class FrameExtractorRotationTest {
    private static final int WIDTH = 64;
    private static final int HEIGHT = 32;

    @TempDir
    Path temp;

    @Test
    void aVideoWithDisplayRotationIsTurnedUpright() throws Exception {
        Path video = temp.resolve("rotated.mp4");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(video.toFile(), WIDTH, HEIGHT, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName(Mp4VideoWriter.availableEncoder());
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(10);
            recorder.setVideoQuality(1);
            // Counter-clockwise, in FFmpeg's av_display_rotation_set sense: shown turned a quarter left.
            recorder.setDisplayRotation(90);
            recorder.start();
            Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    // the top-left quadrant white, the rest black
                    byte value = (byte) (x < WIDTH / 2 && y < HEIGHT / 2 ? 255 : 0);
                    for (int c = 0; c < 3; c++) {
                        pixels.put(y * frame.imageStride + 3 * x + c, value);
                    }
                }
            }
            for (int i = 0; i < 4; i++) {
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
            }
        }
        List<String> messages = new ArrayList<>();
        ExtractedFrames frames = FrameExtractor.fromVideo(video, video.toString(), 2, 1, temp.resolve("dataset"),
                messages::add, (fraction, description) -> { });

        assertEquals(HEIGHT, frames.width());
        assertEquals(WIDTH, frames.height());
        try (Mat image = opencv_imgcodecs.imread(frames.files().getFirst().toString());
             UByteIndexer pixels = image.createIndexer()) {
            // Turned a quarter counter-clockwise, the top-left quadrant lands bottom-left.
            assertTrue(pixels.get(WIDTH - 8, 8, 1) > 200, "bottom-left is white");
            assertTrue(pixels.get(8, 8, 1) < 50, "top-left is black");
            assertTrue(pixels.get(WIDTH - 8, HEIGHT - 8, 1) < 50, "bottom-right is black");
        }
    }
}
