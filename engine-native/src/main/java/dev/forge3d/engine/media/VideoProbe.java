package dev.forge3d.engine.media;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.file.Path;
import java.util.Optional;

/** Reads a video's header and its first frames through FFmpeg, to tell a usable video from a broken one. */
public final class VideoProbe {
    private VideoProbe() {
    }

    /**
     * @param width      coded width in pixels
     * @param height     coded height in pixels
     * @param frameCount the container's frame count, an estimate for some codecs
     * @param rotation   the display rotation in degrees from the stream metadata
     */
    public record VideoInfo(int width, int height, int frameCount, double frameRate, double rotation) {
    }

    /**
     * Opens the video and decodes its first two frames.
     *
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} when FFmpeg cannot open it or it
     *                          decodes to fewer than two frames
     */
    public static VideoInfo probe(Path video) {
        FfmpegLog.errorsOnly();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            int decoded = 0;
            for (Frame frame; decoded < 2 && (frame = grabber.grabImage()) != null; ) {
                decoded += frame.image != null ? 1 : 0;
            }
            if (decoded < 2) {
                throw new Forge3dException(ErrorCode.UNREADABLE_INPUT,
                        video + ": decodes to " + decoded + " frame(s); a scan needs at least 2");
            }
            return infoOf(grabber);
        } catch (FrameGrabber.Exception e) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, video + ": FFmpeg cannot decode it: " + e.getMessage(), e);
        }
    }

    /**
     * The video's header as FFmpeg reads it on opening, no frame decoded by us: enough to size
     * the frames before a job is queued. Empty when FFmpeg cannot open it; the job reports that.
     */
    public static Optional<VideoInfo> header(Path video) {
        FfmpegLog.errorsOnly();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            return Optional.of(infoOf(grabber));
        } catch (FrameGrabber.Exception e) {
            return Optional.empty();
        }
    }

    private static VideoInfo infoOf(FFmpegFrameGrabber started) {
        return new VideoInfo(started.getImageWidth(), started.getImageHeight(), started.getLengthInVideoFrames(),
                started.getVideoFrameRate(), started.getDisplayRotation());
    }

    /** The FFmpeg version string, for {@code forge3d info}. */
    public static String ffmpegVersion() {
        return avutil.av_version_info().getString();
    }
}
