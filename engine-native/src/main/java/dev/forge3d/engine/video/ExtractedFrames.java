package dev.forge3d.engine.video;

import dev.forge3d.engine.dataset.ReferenceMapping;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * The frames a reconstruction works on, written as PNG files.
 *
 * @param files        the frame images in order
 * @param width        the reference image's width (after rotation and downscale), the one
 *                     shared camera's
 * @param height       its height
 * @param sourceFrames frames in the video, or photos in the folder
 * @param mappings     each frame's place in the reference image: the identity for a video's
 *                     frames; a photo may be turned a quarter or at another size
 */
public record ExtractedFrames(List<Path> files, int width, int height, int sourceFrames,
                              List<ReferenceMapping> mappings) {
    public ExtractedFrames {
        files = List.copyOf(files);
        mappings = List.copyOf(mappings);
        if (mappings.size() != files.size()) {
            throw new IllegalArgumentException(files.size() + " frames but " + mappings.size() + " mappings");
        }
    }

    /** Frames that all are the reference image's size and orientation. */
    public static ExtractedFrames ofOneSize(List<Path> files, int width, int height, int sourceFrames) {
        return new ExtractedFrames(files, width, height, sourceFrames,
                Collections.nCopies(files.size(), ReferenceMapping.identity(width, height)));
    }
}
