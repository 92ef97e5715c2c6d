package dev.forge3d.engine.media;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.input.MediaKind;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decodes JPEG, PNG and WebP through OpenCV into the one layout the engine works on: 8 bits per
 * channel, BGR, or BGRA when the file has an alpha channel. Every format is turned upright by its
 * EXIF orientation, as a phone's portrait photo is shown; 16-bit PNGs are scaled to 8 bits, and grey
 * images become colour.
 */
public final class ImageDecoding {
    private ImageDecoding() {
    }

    /**
     * @return the decoded image, 8-bit BGR or BGRA; the caller closes it
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} when the file does not decode
     */
    public static Mat decode(Path image) {
        // JPEG has no alpha, and only IMREAD_COLOR applies its EXIF orientation (IMREAD_UNCHANGED,
        // which keeps PNG and WebP alpha, ignores it, so theirs is applied here).
        Optional<MediaKind> kind = kind(image);
        boolean jpeg = kind.filter(k -> k == MediaKind.JPEG).isPresent();
        Mat mat = opencv_imgcodecs.imread(image.toString(),
                jpeg ? opencv_imgcodecs.IMREAD_COLOR : opencv_imgcodecs.IMREAD_UNCHANGED);
        if (mat == null || mat.empty()) {
            if (mat != null) {
                mat.close();
            }
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, image + ": the image is corrupt or cannot be decoded");
        }
        if (!jpeg && kind.isPresent()) {
            ExifOrientation.makeUpright(mat, ExifOrientation.read(image, kind.get()));
        }
        if (mat.depth() == opencv_core.CV_8U && (mat.channels() == 3 || mat.channels() == 4)) {
            return mat;
        }
        try (mat) {
            return eightBitColour(mat, image);
        }
    }

    /** {@link #decode} with any alpha channel dropped: 8-bit BGR. */
    public static Mat decodeBgr(Path image) {
        Mat decoded = decode(image);
        if (decoded.channels() == 3) {
            return decoded;
        }
        try (decoded) {
            Mat bgr = new Mat();
            opencv_imgproc.cvtColor(decoded, bgr, opencv_imgproc.COLOR_BGRA2BGR);
            return bgr;
        }
    }

    /**
     * A new 8-bit BGR or BGRA copy of a decoded grey or 16-bit image (OpenCV itself hands a grey
     * PNG with alpha over as BGRA).
     */
    private static Mat eightBitColour(Mat decoded, Path image) {
        int depth = decoded.depth(), channels = decoded.channels();
        if (depth != opencv_core.CV_8U && depth != opencv_core.CV_16U) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, image + ": unsupported sample depth (OpenCV depth "
                    + depth + "); 8 or 16 bits per channel are read");
        }
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, image + ": " + channels
                    + " channels; grey, colour and colour with alpha are read");
        }
        Mat out = new Mat();
        decoded.convertTo(out, opencv_core.CV_8U, depth == opencv_core.CV_16U ? 1.0 / 257 : 1, 0);
        if (channels == 1) {
            opencv_imgproc.cvtColor(out, out, opencv_imgproc.COLOR_GRAY2BGR);
        }
        return out;
    }

    private static Optional<MediaKind> kind(Path image) {
        try (InputStream in = Files.newInputStream(image)) {
            return MediaKind.sniff(in.readNBytes(16));
        } catch (IOException e) {
            return Optional.empty(); // imread reports the file as unreadable
        }
    }

    /** The OpenCV version string, for {@code forge3d info}. */
    public static String opencvVersion() {
        return opencv_core.CV_VERSION;
    }
}
