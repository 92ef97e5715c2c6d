package dev.forge3d.engine.input;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.InputSource;
import dev.forge3d.engine.synthetic.Mp4VideoWriter;
import dev.forge3d.engine.synthetic.PngHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputInspectorTest {
    private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
    private static final byte[] MP4_HEAD = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0};

    @TempDir
    Path temp;

    private final InputInspector inspector = new InputInspector(EngineConfig.builder().maxImageBytes(100)
            .maxVideoBytes(1_000).build());

    private ErrorCode codeOf(InputSource source, InputRole role) {
        return assertThrows(Forge3dException.class,
                () -> inspector.resolve(source, role, temp.resolve("spill"), "x")).code();
    }

    private Path file(String name, byte[] bytes) throws Exception {
        return Files.write(temp.resolve(name), bytes);
    }

    @Test
    void aMissingVideoIsUnreadable() {
        assertEquals(ErrorCode.UNREADABLE_INPUT,
                codeOf(InputSource.of(Path.of("/no/such.mp4")), InputRole.VIDEO_OR_PHOTO_FOLDER));
    }

    @Test
    void aTextFileIsUnsupportedWhetherOrNotItExists() throws Exception {
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA,
                codeOf(InputSource.of(Path.of("notes.txt")), InputRole.VIDEO_OR_PHOTO_FOLDER));
        Path notes = file("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA, codeOf(InputSource.of(notes), InputRole.VIDEO_OR_PHOTO_FOLDER));
    }

    @Test
    void contentDecidesTheFormatNotTheName() throws Exception {
        Path fake = file("fake.mp4", "just some text, not a video".getBytes(StandardCharsets.UTF_8));
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA, codeOf(InputSource.of(fake), InputRole.VIDEO_OR_PHOTO_FOLDER));
        Path pngNamedMp4 = file("image.mp4", PNG_HEAD);
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA, codeOf(InputSource.of(pngNamedMp4), InputRole.VIDEO_OR_PHOTO_FOLDER));
    }

    @Test
    void anEmptyFileIsUnreadable() throws Exception {
        assertEquals(ErrorCode.UNREADABLE_INPUT,
                codeOf(InputSource.of(file("empty.mp4", new byte[0])), InputRole.VIDEO_OR_PHOTO_FOLDER));
    }

    /** Three black 64 x 48 frames: a video FFmpeg opens. */
    private Path tinyVideo(String name) throws Exception {
        Path video = temp.resolve(name);
        try (Mp4VideoWriter writer = new Mp4VideoWriter(video, 64, 48, 10)) {
            for (int i = 0; i < 3; i++) {
                writer.write(new int[64 * 48]);
            }
        }
        return video;
    }

    @Test
    void sizeLimitsApplyPerKindAndAreInclusive() throws Exception {
        Path video = tinyVideo("ok.mp4");
        int size = (int) Files.size(video);
        InputInspector limited = new InputInspector(EngineConfig.builder().maxVideoBytes(size).build());
        assertEquals(MediaKind.MP4, limited.resolve(InputSource.of(video), InputRole.VIDEO_OR_PHOTO_FOLDER, temp, "x")
                .kind());
        Path big = file("big.mp4", Arrays.copyOf(MP4_HEAD, size + 1));
        assertEquals(ErrorCode.INPUT_TOO_LARGE, assertThrows(Forge3dException.class,
                () -> limited.resolve(InputSource.of(big), InputRole.VIDEO_OR_PHOTO_FOLDER, temp, "x")).code());
        assertEquals(ErrorCode.INPUT_TOO_LARGE, codeOf(InputSource.of(Arrays.copyOf(PNG_HEAD, 101)), InputRole.IMAGE));
        assertEquals(ErrorCode.INPUT_TOO_LARGE,
                codeOf(InputSource.of(new ByteArrayInputStream(Arrays.copyOf(PNG_HEAD, 5_000))), InputRole.IMAGE));
    }

    @Test
    void imagesDeclaringMorePixelsThanTheLimitAreTooLargeBeforeDecoding() throws Exception {
        InputInspector limited = new InputInspector(EngineConfig.builder().maxImagePixels(1_000_000).build());
        Path spill = temp.resolve("spill");
        assertEquals(MediaKind.PNG, limited.resolve(InputSource.of(file("ok.png", PngHeaders.declaring(1_000, 1_000))),
                InputRole.IMAGE, spill, "ok").kind(), "the limit is inclusive");
        byte[] over = PngHeaders.declaring(1_001, 1_000);
        Path bomb = file("bomb.png", over);
        Path folder = Files.createDirectories(temp.resolve("with-bomb"));
        Files.write(folder.resolve("a.png"), over);
        for (InputSource source : List.of(InputSource.of(bomb), InputSource.of(over), InputSource.of(folder))) {
            InputRole role = source instanceof InputSource.FromPath p && Files.isDirectory(p.path())
                    ? InputRole.VIDEO_OR_PHOTO_FOLDER : InputRole.IMAGE;
            Forge3dException refused = assertThrows(Forge3dException.class,
                    () -> limited.resolve(source, role, spill, "front"), source.displayName());
            assertEquals(ErrorCode.INPUT_TOO_LARGE, refused.code());
            assertTrue(refused.getMessage().contains("1001 x 1000 pixels"), refused.getMessage());
        }
        assertFalse(Files.exists(spill.resolve("front.png")), "refused bytes are not stored");
        // The default limit, 100 megapixels, refuses a header declaring two gigapixels.
        assertEquals(ErrorCode.INPUT_TOO_LARGE, assertThrows(Forge3dException.class,
                () -> new InputInspector(EngineConfig.defaults()).resolve(InputSource.of(PngHeaders.declaring(50_000,
                        40_000)), InputRole.IMAGE, spill, "x")).code());
    }

    @Test
    void aLongThinImageOverTheDecodersSideLimitIsTooLargeBeforeDecoding() throws Exception {
        // 2,000,000 x 1 is under the default 100-megapixel limit, but over OpenCV's 2^20 a side.
        InputInspector defaults = new InputInspector(EngineConfig.defaults());
        Path spill = temp.resolve("spill");
        assertEquals(MediaKind.PNG, defaults.resolve(InputSource.of(PngHeaders.declaring(1 << 20, 1)), InputRole.IMAGE,
                spill, "widest").kind(), "the side limit is inclusive");
        for (byte[] header : List.of(PngHeaders.declaring(2_000_000, 1), PngHeaders.declaring(1, 2_000_000))) {
            Forge3dException refused = assertThrows(Forge3dException.class,
                    () -> defaults.resolve(InputSource.of(file("thin.png", header)), InputRole.IMAGE, spill, "x"));
            assertEquals(ErrorCode.INPUT_TOO_LARGE, refused.code());
            assertTrue(refused.getMessage().contains("on a side"), refused.getMessage());
        }
    }

    @Test
    void videosWhoseFramesHaveMorePixelsThanTheLimitAreTooLargeBeforeAJobStarts() throws Exception {
        Path video = tinyVideo("orbit.mp4");
        Path spill = temp.resolve("spill");
        InputInspector exact = new InputInspector(EngineConfig.builder().maxImagePixels(64 * 48).build());
        assertEquals(MediaKind.MP4, exact.resolve(InputSource.of(video), InputRole.VIDEO_OR_PHOTO_FOLDER, spill, "v")
                .kind(), "the limit is inclusive");
        InputInspector limited = new InputInspector(EngineConfig.builder().maxImagePixels(64 * 48 - 1).build());
        for (InputSource source : List.of(InputSource.of(video), InputSource.of(Files.readAllBytes(video)))) {
            Forge3dException refused = assertThrows(Forge3dException.class,
                    () -> limited.resolve(source, InputRole.VIDEO_OR_PHOTO_FOLDER, spill, "video"));
            assertEquals(ErrorCode.INPUT_TOO_LARGE, refused.code());
            assertTrue(refused.getMessage().contains("64 x 48 pixels"), refused.getMessage());
        }
        assertFalse(Files.exists(spill.resolve("video.mp4")), "refused bytes are not kept");
    }

    @Test
    void bytesStreamsAndDataUrisAreStoredAsFilesWithTheSniffedExtension() throws Exception {
        byte[] png = Arrays.copyOf(PNG_HEAD, 64);
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);

        for (InputSource source : List.of(InputSource.of(png), InputSource.of(new ByteArrayInputStream(png)),
                InputSource.ofDataUri(uri))) {
            ResolvedInput resolved = inspector.resolve(source, InputRole.IMAGE, temp.resolve("spill"), "front");
            assertEquals(MediaKind.PNG, resolved.kind());
            assertEquals("front.png", resolved.file().getFileName().toString());
            assertArrayEquals(png, Files.readAllBytes(resolved.file()));
        }
    }

    @Test
    void dataUrisWithAnotherTypeOrBrokenSyntaxAreRejected() {
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA, codeOf(InputSource.ofDataUri("data:text/plain;base64,aGVsbG8="),
                InputRole.IMAGE));
        assertEquals(ErrorCode.VALIDATION_ERROR, codeOf(InputSource.ofDataUri("data:image/png;base64"), InputRole.IMAGE));
        assertEquals(ErrorCode.VALIDATION_ERROR, codeOf(InputSource.ofDataUri("data:image/png;base64,@@@"),
                InputRole.IMAGE));
        assertEquals(ErrorCode.INPUT_TOO_LARGE, codeOf(InputSource.ofDataUri("data:image/png;base64,"
                + Base64.getEncoder().encodeToString(Arrays.copyOf(PNG_HEAD, 400))), InputRole.IMAGE));
    }

    /** A mesh job takes up to four data URIs: a refusal says which view's it was. */
    @Test
    void aDataUriRefusalNamesTheInputItWasGivenFor() {
        List<String> refused = List.of("data:text/plain;base64,aGVsbG8=", "data:image/png;base64",
                "data:image/png;base64,@@@",
                "data:image/png;base64," + Base64.getEncoder().encodeToString(Arrays.copyOf(PNG_HEAD, 400)));
        for (String uri : refused) {
            Forge3dException e = assertThrows(Forge3dException.class, () -> inspector.resolve(
                    InputSource.ofDataUri(uri), InputRole.IMAGE, temp.resolve("spill"), "left"));
            assertTrue(e.getMessage().contains("data URI (left)"), uri + ": " + e.getMessage());
        }
    }

    /** RFC 2397 lets the media type be left out; stray semicolons with it are judged by the content too. */
    @Test
    void aDataUriWithNoMediaTypeBeforeEmptyParametersIsJudgedByItsContent() {
        String png = Base64.getEncoder().encodeToString(Arrays.copyOf(PNG_HEAD, 64));
        for (String header : List.of(";base64", ";;base64", ";;;base64")) {
            ResolvedInput resolved = inspector.resolve(InputSource.ofDataUri("data:" + header + "," + png),
                    InputRole.IMAGE, temp.resolve("spill"), "front");
            assertEquals(MediaKind.PNG, resolved.kind(), header);
        }
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA, codeOf(InputSource.ofDataUri("data:;,hello"), InputRole.IMAGE));
    }

    @Test
    void aPhotoFolderListsItsPhotosInNameOrder() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("photos"));
        Files.write(folder.resolve("b.png"), PNG_HEAD);
        Files.write(folder.resolve("a.png"), PNG_HEAD);
        Files.writeString(folder.resolve("readme.txt"), "ignored");

        ResolvedInput resolved = inspector.resolve(InputSource.of(folder), InputRole.VIDEO_OR_PHOTO_FOLDER, temp, "x");

        assertTrue(resolved.folder());
        assertEquals(List.of(folder.resolve("a.png"), folder.resolve("b.png")), resolved.files());
    }

    @Test
    void aPhotoFolderOfOneShapeTurnedOrResizedIsAcceptedAndOfAnotherShapeRefused() throws Exception {
        InputInspector roomy = new InputInspector(EngineConfig.builder().build());
        Path folder = Files.createDirectories(temp.resolve("shapes"));
        Files.write(folder.resolve("a.png"), PngHeaders.declaring(640, 480));
        Files.write(folder.resolve("b.png"), PngHeaders.declaring(480, 640));
        Files.write(folder.resolve("c.png"), PngHeaders.declaring(320, 240));
        assertEquals(3, roomy.resolvePath(folder, InputRole.VIDEO_OR_PHOTO_FOLDER).files().size());

        Files.write(folder.resolve("d.png"), PngHeaders.declaring(480, 480));
        Forge3dException e = assertThrows(Forge3dException.class,
                () -> roomy.resolvePath(folder, InputRole.VIDEO_OR_PHOTO_FOLDER));
        assertEquals(ErrorCode.UNREADABLE_INPUT, e.code());
        assertTrue(e.getMessage().contains("a.png is 640x480 but d.png is 480x480"), e.getMessage());
    }

    @Test
    void aPhotoFolderSkipsHiddenFilesNamedLikeAnExtension() throws Exception {
        // A file named only ".jpg" is hidden and has no extension (FileNames): it is no photo, so
        // its bytes (here not an image at all) must not fail the folder.
        Path folder = Files.createDirectories(temp.resolve("photos"));
        Files.write(folder.resolve("a.png"), PNG_HEAD);
        Files.writeString(folder.resolve(".jpg"), "not a photo");

        ResolvedInput resolved = inspector.resolve(InputSource.of(folder), InputRole.VIDEO_OR_PHOTO_FOLDER, temp, "x");

        assertEquals(List.of(folder.resolve("a.png")), resolved.files());
    }

    @Test
    void aFileNamesItsKindByItsExtensionInAnyCase() {
        assertEquals(MediaKind.JPEG, MediaKind.fromExtension("a.b.JPEG").orElseThrow());
        assertEquals(MediaKind.MOV, MediaKind.fromExtension("clip.mov").orElseThrow());
        for (String none : List.of("png", ".png", "a.", "a.gif")) {
            assertTrue(MediaKind.fromExtension(none).isEmpty(), none);
        }
        assertTrue(MediaKind.hasExtension("a.gif"));
        for (String none : List.of("png", ".png", "a.")) {
            assertFalse(MediaKind.hasExtension(none), none);
        }
    }

    @Test
    void anUnsupportedExtensionIsNamedAsWritten() {
        Forge3dException refused = assertThrows(Forge3dException.class, () -> inspector.resolve(
                InputSource.of(Path.of("x.y", "notes.TXT")), InputRole.VIDEO_OR_PHOTO_FOLDER, temp, "x"));
        assertTrue(refused.getMessage().contains("notes.TXT: unsupported format '.TXT';"), refused.getMessage());
    }

    @Test
    void aFolderWithoutPhotosOrAFolderAsAnImageIsUnsupported() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA, codeOf(InputSource.of(empty), InputRole.VIDEO_OR_PHOTO_FOLDER));
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA, codeOf(InputSource.of(empty), InputRole.IMAGE));
    }

    @Test
    void anImageRoleRejectsVideos() throws Exception {
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA, codeOf(InputSource.of(file("v.mp4", MP4_HEAD)), InputRole.IMAGE));
    }

    @Test
    void sniffingKnowsEachAcceptedSignature() {
        assertEquals(MediaKind.PNG, MediaKind.sniff(PNG_HEAD).orElseThrow());
        assertEquals(MediaKind.JPEG, MediaKind.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}).orElseThrow());
        assertEquals(MediaKind.WEBP, MediaKind.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1))
                .orElseThrow());
        assertEquals(MediaKind.MP4, MediaKind.sniff(MP4_HEAD).orElseThrow());
        assertEquals(MediaKind.MOV, MediaKind.sniff("\0\0\0\u0014ftypqt  ".getBytes(StandardCharsets.ISO_8859_1))
                .orElseThrow());
        assertTrue(MediaKind.sniff("GIF89a".getBytes(StandardCharsets.ISO_8859_1)).isEmpty());
    }
}
