package dev.forge3d.engine.media;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.fuzz.Field;
import dev.forge3d.engine.fuzz.PeakMemory;
import dev.forge3d.engine.fuzz.ReaderContract;
import dev.forge3d.engine.synthetic.PngHeaders;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What OpenCV's decoders mishandle is refused before them: a PNG chunk claiming gigabytes it does not
 * hold (OpenCV allocated them), and a header declaring more pixels than OpenCV decodes (it threw a
 * bare RuntimeException). Each refusal is typed and names the file.
 */
class DecoderInputChecksTest {
    @TempDir
    Path temp;

    @Test
    void aPngChunkClaimingMoreBytesThanTheFileHoldsIsUnreadableWithoutTheMemoryItClaims() throws Exception {
        byte[] png = ExifTaggedFiles.png(EncodedImages.oneColour(24, 16, CV_8UC4, ".png"), 6);
        List<Field> lengths = MediaFields.png(png).stream().filter(f -> f.name().endsWith(" length")).toList();
        assertEquals(List.of("IHDR length", "eXIf length", "IDAT length", "IEND length"),
                lengths.stream().map(Field::name).toList());
        for (Field length : lengths) {
            for (long claimed : new long[] {0x7FFF_FFFFL, 0xFFFF_FFFFL, png.length}) {
                Path file = Files.write(temp.resolve("claims.png"), length.writtenInto(png, claimed));
                String what = length.name() + " " + claimed;
                Forge3dException[] refused = new Forge3dException[1];
                long growth = PeakMemory.growthDuring(() -> refused[0] = assertThrows(Forge3dException.class,
                        () -> ImageDecoding.decode(file).close(), what));
                assertEquals(ErrorCode.UNREADABLE_INPUT, refused[0].code(), what);
                String chunk = length.name().substring(0, 4);
                assertTrue(refused[0].getMessage().startsWith(file + ": PNG chunk '" + chunk + "' at byte "
                        + length.offset() + " declares " + claimed + " bytes"), refused[0].getMessage());
                assertTrue(growth < ReaderContract.MAX_PEAK_GROWTH, what + ": peak memory rose by " + (growth >> 20)
                        + " MiB");
            }
        }
    }

    @Test
    void aHeaderDeclaringMoreThanTheDecoderTakesIsTooLargeBeforeDecoding() throws Exception {
        byte[] jpeg = EncodedImages.oneColour(24, 16, CV_8UC3, ".jpg");
        byte[] hugeJpeg = jpeg;
        for (Field side : MediaFields.jpeg(jpeg)) {
            if (side.name().equals("frame width") || side.name().equals("frame height")) {
                hugeJpeg = side.writtenInto(hugeJpeg, 0xFFFF);
            }
        }
        byte[] webp = EncodedImages.oneColour(24, 16, CV_8UC4, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 101);
        Map<String, byte[]> files = Map.of(
                "png 100000 x 100000", PngHeaders.declaring(100_000, 100_000),
                "png 1048577 x 1", PngHeaders.declaring((1 << 20) + 1, 1),
                "jpg 65535 x 65535", hugeJpeg,
                "webp 16777216 x 16777216", ExifTaggedFiles.webp(webp, 1 << 24, 1 << 24, true, 1));
        for (Map.Entry<String, byte[]> entry : files.entrySet()) {
            String[] name = entry.getKey().split(" ", 2);
            Path file = Files.write(temp.resolve("huge." + name[0]), entry.getValue());
            Forge3dException refused = assertThrows(Forge3dException.class, () -> ImageDecoding.decode(file).close(),
                    entry.getKey());
            assertEquals(ErrorCode.INPUT_TOO_LARGE, refused.code(), refused.getMessage());
            assertTrue(refused.getMessage().startsWith(file + ": the header declares " + name[1] + " pixels"),
                    refused.getMessage());
        }
    }

    /** A TIFF (not one of ours, so unchecked) whose 65535 x 65535 trips OpenCV's own size assertion. */
    @Test
    void anAssertionFailingInsideTheDecoderMakesTheFileUnreadable() throws Exception {
        byte[] tiff = EncodedImages.oneColour(24, 16, CV_8UC3, ".tiff");
        ByteBuffer in = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = in.getInt(4);
        for (int i = 0; i < in.getShort(ifd); i++) {
            int entry = ifd + 2 + 12 * i;
            int tag = Short.toUnsignedInt(in.getShort(entry));
            if (tag == 256 || tag == 257) { // ImageWidth, ImageLength, as SHORT
                assertEquals(3, in.getShort(entry + 2));
                in.putShort(entry + 8, (short) 0xFFFF);
            }
        }
        Path file = Files.write(temp.resolve("huge.tiff"), tiff);

        Forge3dException refused = assertThrows(Forge3dException.class, () -> ImageDecoding.decode(file).close());

        assertEquals(ErrorCode.UNREADABLE_INPUT, refused.code(), refused.getMessage());
        assertTrue(refused.getMessage().startsWith(file + ": OpenCV cannot decode it"), refused.getMessage());
    }
}
