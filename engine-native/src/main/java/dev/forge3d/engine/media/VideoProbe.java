package dev.forge3d.engine.media;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.file.Path;

/** Reads a video's header through FFmpeg, to size its frames and to tell a video FFmpeg opens from a broken one. */
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
     * The video's header as FFmpeg reads it on opening, no frame decoded by us: enough to size
     * the frames, and to refuse a video FFmpeg cannot open, before a job is queued.
     *
     * @param name what the message calls the video: its path, or the name an in-memory input was given
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} when FFmpeg cannot open it, or
     *                          finds no frame size in it
     */
    public static VideoInfo header(Path video, String name) {
        FfmpegLog.errorsOnly();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            return infoOf(grabber, name);
        } catch (FrameGrabber.Exception e) {
            // JavaCV's message names the file FFmpeg was given, for an in-memory input a copy in the
            // job's folder, and tells a developer to call setFormat(): it stays in the cause.
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, name
                    + ": FFmpeg cannot open it as a video; it is damaged, cut short, or not a video", e);
        }
    }

    /**
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} when the stream gives its frames no
     *                          size: FFmpeg opens some damaged files so, and their frames then fail
     *                          no pixel limit
     */
    private static VideoInfo infoOf(FFmpegFrameGrabber started, String name) {
        if (started.getImageWidth() <= 0 || started.getImageHeight() <= 0) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, name + ": FFmpeg opens it but finds no frame size ("
                    + started.getImageWidth() + " x " + started.getImageHeight()
                    + "); it is damaged, cut short, or not a video");
        }
        return new VideoInfo(started.getImageWidth(), started.getImageHeight(), started.getLengthInVideoFrames(),
                started.getVideoFrameRate(), started.getDisplayRotation());
    }

    /** The FFmpeg version string, for {@code forge3d info}. */
    public static String ffmpegVersion() {
        return avutil.av_version_info().getString();
    }
}
