package dev.forge3d.engine.video;

import java.nio.file.Path;
import java.util.List;

/**
 * The frames a reconstruction works on, written as PNG files.
 *
 * @param files        the frame images in order
 * @param width        their width after rotation and downscale
 * @param height       their height
 * @param sourceFrames frames in the video, or photos in the folder
 */
public record ExtractedFrames(List<Path> files, int width, int height, int sourceFrames) {
    public ExtractedFrames {
        files = List.copyOf(files);
    }
}
