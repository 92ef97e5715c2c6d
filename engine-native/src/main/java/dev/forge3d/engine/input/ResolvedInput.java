package dev.forge3d.engine.input;

import dev.forge3d.engine.media.VideoProbe;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An input that passed the format and size checks, as files on disk.
 *
 * @param name        what the input is called in messages: the path given, or the name bytes, a
 *                    stream or a data URI came with, whose file is the engine's copy
 * @param files       one file, or the photos of a folder in name order
 * @param kind        the format of the file, or of the first photo for a folder
 * @param folder      whether the input was a folder of photos
 * @param videoHeader a video's header as the checks read it, so that nothing opens the video again
 *                    for it; empty for photos, and for a video no check saw (the demo's own)
 * @param imageSizes  the sizes the headers of the image, or of a folder's photos, declare, as the
 *                    checks read them, in the order of {@code files}; empty for a video, and ending
 *                    at the first photo whose header gave no size
 */
public record ResolvedInput(String name, List<Path> files, MediaKind kind, boolean folder,
                            Optional<VideoProbe.VideoInfo> videoHeader, List<ImageDimensions> imageSizes) {
    public ResolvedInput {
        files = List.copyOf(files);
        imageSizes = List.copyOf(imageSizes);
    }

    public Path file() {
        return files.getFirst();
    }

    /** The size the header of the image, or of a folder's first photo, declares; empty for a video. */
    public Optional<ImageDimensions> imageSize() {
        return imageSizes.stream().findFirst();
    }
}
