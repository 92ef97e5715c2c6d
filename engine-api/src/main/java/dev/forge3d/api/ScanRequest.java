package dev.forge3d.api;

import java.nio.file.Path;

/**
 * A scan: an orbit video (MP4 or MOV) or a folder of photos in, a 3DGS {@code .ply} out.
 *
 * @param input  the video or photo folder
 * @param params validated parameters
 * @param output where the {@code .ply} goes; written atomically when the job succeeds
 */
public record ScanRequest(InputSource input, ScanParams params, Path output) {
    public ScanRequest {
        Check.present("input", input);
        Check.present("params", params);
        Check.present("output", output);
    }
}
