package dev.forge3d.engine.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One on-disk form of a COLMAP sparse model (text or binary): the extension its three files share
 * and how each is read. What a file declares is checked as it is read, so that every error names
 * the file and the line or record it is in.
 */
sealed interface ColmapModelFormat permits ColmapTextReader, ColmapBinaryReader {
    /** {@code .txt} or {@code .bin}. */
    String extension();

    /**
     * The cameras by COLMAP camera id (uint32, held as the int with its bits), each within
     * {@code maxImagePixels}.
     */
    Map<Integer, CameraIntrinsics> cameras(Path file, long maxImagePixels) throws IOException;

    /** The images in file order. */
    List<ColmapImage> images(Path file) throws IOException;

    List<SparsePoint> points(Path file) throws IOException;
}
