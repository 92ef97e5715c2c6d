package dev.forge3d.engine.input;

import dev.forge3d.engine.media.EncodedImages;
import dev.forge3d.engine.synthetic.PngHeaders;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Header dimensions against what OpenCV's encoders wrote, for every format and variant we accept. */
class ImageDimensionsTest {

    @Test
    void theHeaderGivesTheEncodedSizeInEveryFormat() throws IOException {
        Random random = new Random(11);
        for (int trial = 0; trial < 6; trial++) {
            int width = 1 + random.nextInt(700), height = 1 + random.nextInt(700);
            String size = width + " x " + height;
            check(encoded(width, height, 3, ".png"), MediaKind.PNG, width, height, "PNG " + size);
            check(encoded(width, height, 3, ".jpg"), MediaKind.JPEG, width, height, "baseline JPEG " + size);
            check(encoded(width, height, 3, ".jpg", opencv_imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1), MediaKind.JPEG,
                    width, height, "progressive JPEG " + size);
            check(encoded(width, height, 3, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 80), MediaKind.WEBP,
                    width, height, "lossy WebP " + size);
            check(encoded(width, height, 3, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 101), MediaKind.WEBP,
                    width, height, "lossless WebP " + size);
            check(encoded(width, height, 4, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 80), MediaKind.WEBP,
                    width, height, "lossy WebP with alpha " + size);
        }
    }

    @Test
    void webpVariantsAreAllCovered() {
        // The trials above reach the three WebP chunk kinds the reader tells apart (alpha below opaque
        // makes the lossy encoder write the extended VP8X header).
        assertEquals("VP8 ", chunk(encoded(64, 48, 3, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 80)));
        assertEquals("VP8L", chunk(encoded(64, 48, 3, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 101)));
        assertEquals("VP8X", chunk(encoded(64, 48, 4, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 80)));
    }

    @Test
    void aJpegsFrameIsFoundPastLongMetadataSegments() throws IOException {
        byte[] jpeg = encoded(321, 123, 3, ".jpg");
        // An APP1 segment of 60,000 bytes (an EXIF block with a thumbnail, say) right after SOI.
        ByteBuffer withExif = ByteBuffer.allocate(jpeg.length + 60_002);
        withExif.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) 60_000);
        withExif.put(new byte[59_998]).put(jpeg, 2, jpeg.length - 2);
        check(withExif.array(), MediaKind.JPEG, 321, 123, "JPEG with a long APP1");
    }

    @Test
    void truncatedOrMalformedHeadersGiveNothing() throws IOException {
        byte[] png = encoded(40, 30, 3, ".png");
        assertEquals(Optional.empty(), read(Arrays.copyOf(png, 20), MediaKind.PNG));
        byte[] jpeg = encoded(40, 30, 3, ".jpg");
        assertEquals(Optional.empty(), read(Arrays.copyOf(jpeg, 30), MediaKind.JPEG), "cut before the frame");
        byte[] notJpeg = jpeg.clone();
        notJpeg[2] = 0x12;
        assertEquals(Optional.empty(), read(notJpeg, MediaKind.JPEG), "no marker after SOI");
        byte[] webp = encoded(40, 30, 3, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 80);
        assertEquals(Optional.empty(), read(Arrays.copyOf(webp, 25), MediaKind.WEBP));
    }

    @Test
    void aBombsDeclaredSizeIsReadWithoutItsData() throws IOException {
        byte[] header = PngHeaders.declaring(50_000, 40_000);
        Optional<ImageDimensions> dimensions = read(header, MediaKind.PNG);
        assertEquals(Optional.of(new ImageDimensions(50_000, 40_000)), dimensions);
        assertEquals(2_000_000_000L, dimensions.get().pixels());
    }

    private static void check(byte[] file, MediaKind kind, int width, int height, String what) throws IOException {
        assertEquals(Optional.of(new ImageDimensions(width, height)), read(file, kind), what);
    }

    private static Optional<ImageDimensions> read(byte[] file, MediaKind kind) throws IOException {
        return ImageDimensions.read(new ByteArrayInputStream(file), kind);
    }

    private static String chunk(byte[] webp) {
        return new String(webp, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] encoded(int width, int height, int channels, String extension, int... parameters) {
        return EncodedImages.oneColour(width, height, channels == 4 ? CV_8UC4 : CV_8UC3, extension, parameters);
    }
}
