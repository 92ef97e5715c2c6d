package dev.forge3d.engine.media;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.opencv.global.opencv_core.CV_16UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC4;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every decodable layout comes out as 8-bit BGR or BGRA, upright by its EXIF orientation. */
class ImageDecodingTest {
    @TempDir
    Path temp;

    @Test
    void aJpegIsTurnedUprightByItsExifOrientation() throws Exception {
        // 64 x 32 as stored: red left half, blue right half (BGR order).
        byte[] stored;
        try (Mat image = new Mat(32, 64, CV_8UC3, new Scalar(255, 0, 0, 0))) {
            try (Mat left = image.apply(new Rect(0, 0, 32, 32))) {
                left.put(new Scalar(0, 0, 255, 0));
            }
            stored = jpeg(image);
        }
        try (Mat plain = ImageDecoding.decode(Files.write(temp.resolve("plain.jpg"), stored))) {
            assertEquals(64, plain.cols());
            assertEquals(32, plain.rows());
        }
        // Orientation 6: shown turned 90 degrees clockwise, so the stored left half is the top.
        Path rotated = Files.write(temp.resolve("rotated.jpg"), ExifTaggedFiles.jpeg(stored, 6));
        try (Mat upright = ImageDecoding.decode(rotated); UByteIndexer pixels = upright.createIndexer()) {
            assertEquals(32, upright.cols());
            assertEquals(64, upright.rows());
            assertTrue(pixels.get(8, 16, 2) > 200 && pixels.get(8, 16, 0) < 50, "red at the top");
            assertTrue(pixels.get(56, 16, 0) > 200 && pixels.get(56, 16, 2) < 50, "blue at the bottom");
        }
    }

    /**
     * PNG ({@code eXIf}) and WebP ({@code EXIF}) come upright as a JPEG with the same tag does in
     * OpenCV, for all eight orientations: same size, and each stored quadrant where the JPEG's is.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void pngAndWebpAreTurnedUprightAsAJpegWithTheSameOrientation(int orientation) throws Exception {
        try (Mat stored = quadrants(); Mat storedWithAlpha = new Mat()) {
            opencv_imgproc.cvtColor(stored, storedWithAlpha, opencv_imgproc.COLOR_BGR2BGRA);
            Path jpeg = Files.write(temp.resolve("o.jpg"), ExifTaggedFiles.jpeg(jpeg(stored), orientation));
            Path png = Files.write(temp.resolve("o.png"),
                    ExifTaggedFiles.png(EncodedImages.of(storedWithAlpha, ".png"), orientation));
            Path webp = Files.write(temp.resolve("o.webp"), ExifTaggedFiles.webp(
                    EncodedImages.of(stored, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 101), 64, 32, false, orientation));
            Path webpWithAlpha = Files.write(temp.resolve("oa.webp"), ExifTaggedFiles.webp(
                    EncodedImages.of(storedWithAlpha, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 101), 64, 32, true,
                    orientation));
            String expected = quadrantLayout(jpeg);
            assertEquals(expected, quadrantLayout(png), "PNG, orientation " + orientation);
            assertEquals(expected, quadrantLayout(webp), "WebP, orientation " + orientation);
            assertEquals(expected, quadrantLayout(webpWithAlpha), "WebP with alpha, orientation " + orientation);
        }
        try (Mat withAlpha = ImageDecoding.decode(temp.resolve("oa.webp"))) {
            assertEquals(4, withAlpha.channels(), "the alpha survives the turn");
        }
    }

    @Test
    void anOrientationOutsideOneToEightLeavesThePixelsAsStored() throws Exception {
        try (Mat stored = quadrants()) {
            Path png = Files.write(temp.resolve("odd.png"), ExifTaggedFiles.png(EncodedImages.of(stored, ".png"), 9));
            assertEquals("64x32 RGBW", quadrantLayout(png));
        }
    }

    /** 64 x 32 as stored: red, green / blue, white quadrants (BGR order). */
    private static Mat quadrants() {
        Mat image = new Mat(32, 64, CV_8UC3, new Scalar(255, 255, 255, 0));
        int[][] colours = {{0, 0, 255}, {0, 255, 0}, {255, 0, 0}};
        for (int q = 0; q < 3; q++) {
            try (Mat quadrant = image.apply(new Rect(q % 2 * 32, q / 2 * 16, 32, 16))) {
                quadrant.put(new Scalar(colours[q][0], colours[q][1], colours[q][2], 0));
            }
        }
        return image;
    }

    /** The decoded size, then the colour (R, G, B or W) at each quadrant's centre, row by row. */
    private static String quadrantLayout(Path file) {
        try (Mat decoded = ImageDecoding.decode(file); UByteIndexer pixels = decoded.createIndexer()) {
            StringBuilder layout = new StringBuilder(decoded.cols() + "x" + decoded.rows() + " ");
            for (int qy = 0; qy < 2; qy++) {
                for (int qx = 0; qx < 2; qx++) {
                    long y = decoded.rows() * (1 + 2L * qy) / 4, x = decoded.cols() * (1 + 2L * qx) / 4;
                    int b = pixels.get(y, x, 0), g = pixels.get(y, x, 1), r = pixels.get(y, x, 2);
                    layout.append(b > 128 && g > 128 && r > 128 ? 'W' : r > 128 ? 'R' : g > 128 ? 'G' : 'B');
                }
            }
            return layout.toString();
        }
    }

    @Test
    void sixteenBitPngsAreScaledToEightBits() {
        try (Mat colour = new Mat(10, 12, CV_16UC3, new Scalar(257 * 10, 257 * 100, 65535, 0));
             Mat withAlpha = new Mat(10, 12, CV_16UC4, new Scalar(0, 257 * 50, 257 * 200, 257 * 128))) {
            Path colourFile = temp.resolve("colour16.png");
            Path alphaFile = temp.resolve("alpha16.png");
            assertTrue(opencv_imgcodecs.imwrite(colourFile.toString(), colour));
            assertTrue(opencv_imgcodecs.imwrite(alphaFile.toString(), withAlpha));
            assertPixel(colourFile, 3, 10, 100, 255);
            assertPixel(alphaFile, 4, 0, 50, 200, 128);
        }
    }

    @Test
    void greyImagesBecomeColourAndKeepTheirAlpha() throws Exception {
        Path grey = temp.resolve("grey.png");
        try (Mat image = new Mat(8, 8, CV_8UC1, new Scalar(77, 0, 0, 0))) {
            assertTrue(opencv_imgcodecs.imwrite(grey.toString(), image));
        }
        assertPixel(grey, 3, 77, 77, 77);

        // OpenCV writes no two-channel PNG; ImageIO writes grey with alpha (PNG colour type 4).
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(8, 8);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                raster.setPixel(x, y, new int[] {140, 30});
            }
        }
        Path greyAlpha = temp.resolve("grey-alpha.png");
        assertTrue(ImageIO.write(new BufferedImage(model, raster, false, null), "png", greyAlpha.toFile()));
        assertPixel(greyAlpha, 4, 140, 140, 140, 30);
    }

    @Test
    void decodeBgrDropsTheAlpha() {
        Path file = temp.resolve("bgra.png");
        try (Mat image = new Mat(6, 6, CV_8UC4, new Scalar(1, 2, 3, 40))) {
            assertTrue(opencv_imgcodecs.imwrite(file.toString(), image));
        }
        try (Mat bgr = ImageDecoding.decodeBgr(file); UByteIndexer pixels = bgr.createIndexer()) {
            assertEquals(3, bgr.channels());
            assertEquals(3, pixels.get(2, 2, 2));
        }
    }

    @Test
    void aCorruptFileIsUnreadable() throws Exception {
        Path corrupt = Files.write(temp.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        assertEquals(ErrorCode.UNREADABLE_INPUT,
                assertThrows(Forge3dException.class, () -> ImageDecoding.decode(corrupt)).code());
    }

    private static void assertPixel(Path file, int channels, int... expected) {
        try (Mat decoded = ImageDecoding.decode(file); UByteIndexer pixels = decoded.createIndexer()) {
            assertEquals(CV_8U, decoded.depth(), file.toString());
            assertEquals(channels, decoded.channels(), file.toString());
            for (int c = 0; c < expected.length; c++) {
                assertEquals(expected[c], pixels.get(3, 4, c), 1, file + " channel " + c);
            }
        }
    }

    private static byte[] jpeg(Mat image) {
        return EncodedImages.of(image, ".jpg");
    }
}
