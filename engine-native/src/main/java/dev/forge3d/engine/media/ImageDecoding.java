package dev.forge3d.engine.media;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.input.MediaKind;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
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
    /** The largest array the JVM allocates: the file is decoded from its bytes in memory. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private ImageDecoding() {
    }

    /**
     * @return the decoded image, 8-bit BGR or BGRA; the caller closes it
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} when the file does not decode,
     *                          {@link ErrorCode#INPUT_TOO_LARGE} when its header declares more
     *                          pixels than OpenCV decodes ({@link DecoderInputChecks})
     */
    public static Mat decode(Path image) {
        return decode(image, image.toString());
    }

    /**
     * {@link #decode(Path)}, naming the image {@code name} in errors: what the user gave, where
     * {@code image} is the engine's copy of bytes, a stream or a data URI, gone when the job is.
     */
    public static Mat decode(Path image, String name) {
        // One read of the file serves the format sniff, the decoder and the EXIF orientation.
        byte[] bytes = readAll(image, name);
        // JPEG has no alpha, and only IMREAD_COLOR applies its EXIF orientation (IMREAD_UNCHANGED,
        // which keeps PNG and WebP alpha, ignores it, so theirs is applied here).
        Optional<MediaKind> kind = MediaKind.sniff(bytes);
        boolean jpeg = kind.filter(k -> k == MediaKind.JPEG).isPresent();
        kind.ifPresent(k -> DecoderInputChecks.check(bytes, k, name));
        Mat mat = imdecode(bytes, jpeg ? opencv_imgcodecs.IMREAD_COLOR : opencv_imgcodecs.IMREAD_UNCHANGED, name);
        if (mat == null || mat.empty()) {
            if (mat != null) {
                mat.close();
            }
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, name + ": the image is corrupt or cannot be decoded");
        }
        if (!jpeg && kind.isPresent()) {
            ExifOrientation.makeUpright(mat, ExifOrientation.read(bytes, kind.get()));
        }
        if (mat.depth() == opencv_core.CV_8U && (mat.channels() == 3 || mat.channels() == 4)) {
            return mat;
        }
        try (mat) {
            return eightBitColour(mat, name);
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
    private static Mat eightBitColour(Mat decoded, String name) {
        int depth = decoded.depth(), channels = decoded.channels();
        if (depth != opencv_core.CV_8U && depth != opencv_core.CV_16U) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, name + ": unsupported sample depth (OpenCV depth "
                    + depth + "); 8 or 16 bits per channel are read");
        }
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, name + ": " + channels
                    + " channels; grey, colour and colour with alpha are read");
        }
        Mat out = new Mat();
        decoded.convertTo(out, opencv_core.CV_8U, depth == opencv_core.CV_16U ? 1.0 / 257 : 1, 0);
        if (channels == 1) {
            opencv_imgproc.cvtColor(out, out, opencv_imgproc.COLOR_GRAY2BGR);
        }
        return out;
    }

    private static byte[] readAll(Path image, String name) {
        try {
            if (Files.size(image) > MAX_FILE_BYTES) {
                throw new Forge3dException(ErrorCode.INPUT_TOO_LARGE, name + ": " + Files.size(image)
                        + " bytes, over the " + MAX_FILE_BYTES + " an image is read into memory with");
            }
            return Files.readAllBytes(image);
        } catch (IOException e) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * OpenCV's decoder on bytes in memory; empty when they do not decode (none at all among them).
     * An assertion failing in a decoder comes out of JavaCPP as a RuntimeException: the input,
     * past {@link DecoderInputChecks}, is then unreadable.
     */
    private static Mat imdecode(byte[] bytes, int flags, String name) {
        if (bytes.length == 0) {
            return null;
        }
        try (BytePointer data = new BytePointer(bytes);
             Mat buffer = new Mat(1, bytes.length, opencv_core.CV_8UC1, data)) {
            return opencv_imgcodecs.imdecode(buffer, flags);
        } catch (RuntimeException openCvError) {
            throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, name + ": OpenCV cannot decode it: "
                    + String.valueOf(openCvError.getMessage()).strip(), openCvError);
        }
    }

    /** The OpenCV version string, for {@code forge3d info}. */
    public static String opencvVersion() {
        return opencv_core.CV_VERSION;
    }
}
