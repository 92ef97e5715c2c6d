package dev.forge3d.engine.media;

import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg writes stream dumps and encoder chatter to stderr; Forge3D keeps only its errors. */
public final class FfmpegLog {
    private FfmpegLog() {
    }

    public static void errorsOnly() {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }
}
