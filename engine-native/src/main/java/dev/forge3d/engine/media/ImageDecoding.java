package dev.forge3d.engine.media;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Path;

/** Decodes JPEG, PNG and WebP through OpenCV, keeping alpha when the file has it. */
public final class ImageDecoding {
    private ImageDecoding() {
    }

    /**
     * @return the decoded image (BGR or BGRA, 8 bits); the caller closes it
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} when the file does not decode
     */
    public static Mat decode(Path image) {
        Mat mat = opencv_imgcodecs.imread(image.toString(), opencv_imgcodecs.IMREAD_UNCHANGED);
        if (mat == null || mat.empty()) {
            if (mat != null) {
                mat.close();
            }
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, image + ": the image is corrupt or cannot be decoded");
        }
        return mat;
    }

    /** The OpenCV version string, for {@code forge3d info}. */
    public static String opencvVersion() {
        return opencv_core.CV_VERSION;
    }
}
