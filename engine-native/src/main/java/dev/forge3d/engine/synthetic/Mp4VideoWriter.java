package dev.forge3d.engine.synthetic;

import dev.forge3d.engine.media.FfmpegLog;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes frames to an MP4 (H.264 when the FFmpeg build has an H.264 encoder, else MPEG-4 Part 2)
 * through JavaCV's {@link FFmpegFrameRecorder}, yuv420p, one video frame per {@link #write}
 * call, no frame dropping. Quality is set high so textures survive for feature matching.
 */
public final class Mp4VideoWriter implements AutoCloseable {
    /** Encoders tried in order; the bytedeco (LGPL) FFmpeg build ships libopenh264 and mpeg4. */
    public static final List<String> ENCODER_PREFERENCE = List.of("libx264", "libopenh264", "mpeg4");

    private final FFmpegFrameRecorder recorder;
    private final Frame frame;
    private final int width;
    private final int height;
    private final String encoder;

    /**
     * Opens the file for writing (the container is MP4 whatever the file name).
     *
     * @throws IOException when no encoder is available or FFmpeg cannot start
     */
    public Mp4VideoWriter(Path file, int width, int height, double fps) throws IOException {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("yuv420p video needs positive even dimensions: " + width + "x" + height);
        }
        JsonValues.checkPositive("fps", fps);
        this.width = width;
        this.height = height;
        FfmpegLog.errorsOnly();
        this.encoder = availableEncoder();
        recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(encoder);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(Math.max(1, (int) Math.round(fps)));
        // A generous 6 bits a pixel (the test textures are dense, saturated noise): luma stays within
        // about 2 grey levels of the source on average; chroma loses more to 4:2:0 subsampling.
        recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE, Math.max(2_000_000L,
                Math.round(width * (double) height * fps * 6))));
        switch (encoder) {
            case "libx264" -> {
                recorder.setVideoOption("crf", "12");
                recorder.setVideoOption("preset", "medium");
            }
            case "libopenh264" -> {
                // Never drop frames (the frame count must match), and cap the quantiser so quality
                // does not depend on rate control.
                recorder.setVideoOption("allow_skip_frames", "0");
                recorder.setVideoOption("rc_mode", "quality");
                recorder.setVideoOption("qmin", "1");
                recorder.setVideoOption("qmax", "18");
            }
            default -> recorder.setVideoQuality(2);
        }
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot start the " + encoder + " encoder for " + file, e);
        }
        frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
    }

    /**
     * The first encoder of {@link #ENCODER_PREFERENCE} that this FFmpeg build has.
     *
     * @throws IOException when none is available
     */
    public static String availableEncoder() throws IOException {
        // Not FFmpegFrameRecorder.tryLoad(): it also loads libavdevice, which needs system audio
        // libraries (libpulse) that headless machines often lack and that encoding never uses.
        try {
            Loader.load(avcodec.class);
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("cannot load FFmpeg's libavcodec", e);
        }
        for (String name : ENCODER_PREFERENCE) {
            if (avcodec.avcodec_find_encoder_by_name(name) != null) {
                return name;
            }
        }
        throw new IOException("no video encoder among " + ENCODER_PREFERENCE + " in this FFmpeg build");
    }

    /** The encoder in use. */
    public String encoder() {
        return encoder;
    }

    /** Appends one frame of packed 0xRRGGBB pixels, row-major, width x height. */
    public void write(int[] rgb) throws IOException {
        if (rgb.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + rgb.length);
        }
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        for (int y = 0; y < height; y++) {
            int row = y * stride;
            for (int x = 0; x < width; x++) {
                int p = rgb[y * width + x];
                buffer.put(row + 3 * x, (byte) p);
                buffer.put(row + 3 * x + 1, (byte) (p >> 8));
                buffer.put(row + 3 * x + 2, (byte) (p >> 16));
            }
        }
        try {
            recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("video encoding failed", e);
        }
    }

    /** Flushes the encoder and finalises the file. */
    @Override
    public void close() throws IOException {
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot finish the video", e);
        } finally {
            frame.close();
        }
    }
}
