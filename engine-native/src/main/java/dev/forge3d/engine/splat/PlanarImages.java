package dev.forge3d.engine.splat;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.dataset.ReferenceMapping;
import dev.forge3d.engine.io.AtomicFiles;
import dev.forge3d.engine.media.ImageDecoding;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Planar float RGB images (0..1): decoding to the training size, and PNG output. */
public final class PlanarImages {
    private PlanarImages() {
    }

    /**
     * Decodes an image and resizes it (area filter) to {@code width x height}; alpha is dropped.
     * The image must have that shape, at any size ({@link ReferenceMapping#fit}, not turned): a
     * frame of another shape than its camera's would be stretched, and trained on as if it fitted.
     *
     * @throws Forge3dException {@link ErrorCode#UNREADABLE_INPUT} when it does not decode or has
     *                          another shape
     */
    public static float[] load(Path file, int width, int height) {
        try (Mat decoded = ImageDecoding.decodeBgr(file); Mat resized = new Mat()) {
            boolean sameShape = ReferenceMapping.fit(decoded.cols(), decoded.rows(), width, height)
                    .filter(mapping -> !mapping.turned()).isPresent();
            if (!sameShape) {
                throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, file + ": " + decoded.cols() + " x "
                        + decoded.rows() + " pixels, another shape than its camera's " + width + " x " + height
                        + "; the frame does not belong to its camera");
            }
            Mat source = decoded;
            if (decoded.cols() != width || decoded.rows() != height) {
                opencv_imgproc.resize(decoded, resized, new Size(width, height), 0, 0, opencv_imgproc.INTER_AREA);
                source = resized;
            }
            byte[] bytes = new byte[width * height * 3];
            Mat continuous = source.isContinuous() ? source : source.clone();
            continuous.data().get(bytes);
            int plane = width * height;
            float[] image = new float[3 * plane];
            for (int i = 0; i < plane; i++) {
                // OpenCV order is B G R.
                image[i] = (bytes[3 * i + 2] & 0xFF) / 255f;
                image[plane + i] = (bytes[3 * i + 1] & 0xFF) / 255f;
                image[2 * plane + i] = (bytes[3 * i] & 0xFF) / 255f;
            }
            return image;
        }
    }

    /** Packs a planar image into 0xRRGGBB pixels, clamped and rounded. */
    public static int[] toRgb(float[] image, int width, int height) {
        int plane = width * height;
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = (channel(image[i]) << 16) | (channel(image[plane + i]) << 8) | channel(image[2 * plane + i]);
        }
        return rgb;
    }

    private static int channel(float v) {
        return Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
    }

    /** Writes images side by side as one PNG, atomically. */
    public static void writeSideBySide(List<float[]> images, int width, int height, Path file) throws IOException {
        BufferedImage out = new BufferedImage(width * images.size(), height, BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < images.size(); k++) {
            out.setRGB(k * width, 0, width, height, toRgb(images.get(k), width, height), 0, width);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        AtomicFiles.write(file, bytes.toByteArray());
    }
}
