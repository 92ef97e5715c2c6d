package dev.forge3d.engine.media;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.InputSource;
import dev.forge3d.engine.fuzz.Mutant;
import dev.forge3d.engine.fuzz.Mutations;
import dev.forge3d.engine.fuzz.ReaderContract;
import dev.forge3d.engine.input.ImageDimensions;
import dev.forge3d.engine.input.InputInspector;
import dev.forge3d.engine.input.InputRole;
import dev.forge3d.engine.input.MediaKind;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged images, 300 per format, through every reader a photo meets: the header's size
 * ({@link ImageDimensions}), the submit checks ({@link InputInspector}, from a path and from bytes),
 * the EXIF orientation ({@link ExifOrientation}) and the decoder ({@link ImageDecoding}). Each reader
 * returns or refuses the input with a typed code naming it; none throws anything else, takes memory
 * no small file justifies, or brings the JVM down. Each format has its own seed: a failure names
 * the seed and case, which {@link Mutations#mutant} replays.
 */
class ImageFuzzTest {
    private static final int WIDTH = 24;
    private static final int HEIGHT = 16;
    private static final Set<ErrorCode> REFUSALS = Set.of(ErrorCode.UNREADABLE_INPUT, ErrorCode.INPUT_TOO_LARGE);
    /** Once the first bytes no longer show the format, the submit checks say it is none they take. */
    private static final Set<ErrorCode> REFUSALS_OF_NO_IMAGE = Set.of(ErrorCode.UNREADABLE_INPUT,
            ErrorCode.INPUT_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA);

    @TempDir
    Path temp;

    private final InputInspector inspector = new InputInspector(EngineConfig.builder().build());

    @Test
    void damagedPngsWithAlphaAndExifAreReadOrRefusedTyped() throws IOException {
        byte[] png = ExifTaggedFiles.png(encoded(true, ".png"), 6);
        // Odd cases get their CRCs recomputed, so that the damage reaches past libpng's CRC check.
        List<Mutant> mutants = IntStream.range(0, 300).mapToObj(n -> {
            Mutant mutant = Mutations.mutant(png, MediaFields.png(png), 1601, n);
            return n % 2 == 0 ? mutant : mutant.then("CRCs recomputed", MediaFields.pngWithCrcsRecomputed(mutant.bytes()));
        }).toList();
        check(MediaKind.PNG, png, mutants);
    }

    @Test
    void damagedBaselineAndProgressiveJpegsWithExifAreReadOrRefusedTyped() throws IOException {
        byte[] baseline = ExifTaggedFiles.jpeg(encoded(false, ".jpg"), 6);
        check(MediaKind.JPEG, baseline, Mutations.mutants(baseline, MediaFields.jpeg(baseline), 1602, 150));
        byte[] progressive = ExifTaggedFiles.jpeg(encoded(false, ".jpg", opencv_imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1), 6);
        check(MediaKind.JPEG, progressive, Mutations.mutants(progressive, MediaFields.jpeg(progressive), 1607, 150));
    }

    @Test
    void damagedWebpsWithAndWithoutAlphaAndWithExifAreReadOrRefusedTyped() throws IOException {
        byte[] lossy = ExifTaggedFiles.webp(encoded(false, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 80),
                WIDTH, HEIGHT, false, 6);
        check(MediaKind.WEBP, lossy, Mutations.mutants(lossy, MediaFields.webp(lossy), 1603, 150));
        byte[] lossless = ExifTaggedFiles.webp(encoded(true, ".webp", opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 101),
                WIDTH, HEIGHT, true, 6);
        check(MediaKind.WEBP, lossless, Mutations.mutants(lossless, MediaFields.webp(lossless), 1604, 150));
    }

    private void check(MediaKind kind, byte[] valid, List<Mutant> mutants) throws IOException {
        assertEquals(Optional.of(new ImageDimensions(WIDTH, HEIGHT)), ImageDimensions.read(
                new ByteArrayInputStream(valid), kind), "the undamaged file is read");
        ReaderContract contract = new ReaderContract();
        for (int n = 0; n < mutants.size(); n++) {
            Mutant mutant = mutants.get(n);
            byte[] bytes = mutant.bytes();
            Path file = Files.write(temp.resolve("case-" + n + "." + kind.extension()), bytes);
            contract.check(mutant, "ImageDimensions.read", Set.of(), List.of(), bytes.length,
                            () -> dimensions(bytes, kind))
                    .flatMap(d -> d)
                    .ifPresent(d -> contract.brokenIf(d.width() <= 0 || d.height() <= 0, mutant, "header size " + d));
            contract.check(mutant, "ExifOrientation.read", Set.of(), List.of(), bytes.length,
                            () -> ExifOrientation.read(bytes, kind))
                    .ifPresent(o -> contract.brokenIf(o < 1 || o > 8, mutant, "orientation " + o));
            boolean signatureKept = MediaKind.sniff(Arrays.copyOf(bytes, Math.min(bytes.length, 16)))
                    .filter(k -> k == kind).isPresent();
            Set<ErrorCode> submitRefusals = signatureKept ? REFUSALS : REFUSALS_OF_NO_IMAGE;
            contract.check(mutant, "InputInspector.resolve(path)", submitRefusals, List.of(file.toString()),
                    bytes.length,
                    () -> inspector.resolve(InputSource.of(file), InputRole.IMAGE, temp.resolve("spill"), "p"));
            String name = "upload-" + n + "." + kind.extension();
            contract.check(mutant, "InputInspector.resolve(bytes)", submitRefusals, List.of(name), bytes.length,
                    () -> inspector.resolve(new InputSource.FromBytes(bytes, name), InputRole.IMAGE,
                            temp.resolve("spill"), "b"));
            contract.check(mutant, "ImageDecoding.decode", REFUSALS, List.of(file.toString()), bytes.length, () -> {
                try (Mat decoded = ImageDecoding.decode(file)) {
                    return decoded.depth() == opencv_core.CV_8U && (decoded.channels() == 3 || decoded.channels() == 4)
                            && decoded.cols() > 0 && decoded.rows() > 0;
                }
            }).ifPresent(layout -> contract.brokenIf(!layout, mutant, "decoded to a layout other than 8-bit BGR(A)"));
            Files.delete(file);
        }
        contract.assertHeld();
    }

    private static Optional<ImageDimensions> dimensions(byte[] bytes, MediaKind kind) {
        try {
            return ImageDimensions.read(new ByteArrayInputStream(bytes), kind);
        } catch (IOException e) {
            throw new AssertionError("a byte array cannot fail to read", e);
        }
    }

    /** 24 x 16: four coloured quadrants, half-transparent where {@code alpha}. */
    private static byte[] encoded(boolean alpha, String extension, int... parameters) {
        try (Mat image = new Mat(HEIGHT, WIDTH, alpha ? CV_8UC4 : CV_8UC3, new Scalar(255, 255, 255, 128))) {
            for (int q = 0; q < 3; q++) {
                try (Mat quadrant = image.apply(new Rect(q % 2 * WIDTH / 2, q / 2 * HEIGHT / 2, WIDTH / 2, HEIGHT / 2))) {
                    quadrant.put(new Scalar(q == 2 ? 255 : 0, q == 1 ? 255 : 0, q == 0 ? 255 : 0, 200));
                }
            }
            return EncodedImages.of(image, extension, parameters);
        }
    }
}
