package dev.forge3d.engine.input;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.Engine;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.InputSource;
import dev.forge3d.api.ScanParams;
import dev.forge3d.api.ScanRequest;
import dev.forge3d.engine.fuzz.Field;
import dev.forge3d.engine.media.MediaFields;
import dev.forge3d.engine.synthetic.Mp4VideoWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file that looks like a video by its first bytes but that FFmpeg cannot open is refused before a job exists. */
class UnopenableVideoTest {
    @TempDir
    Path temp;

    private Engine engine;

    @BeforeEach
    void openEngine() {
        engine = Engine.open(EngineConfig.builder().workRoot(temp.resolve("work")).build());
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    /** An ftyp box, so the content sniffs as MP4, then bytes that are no video. */
    private Path ftypThenGarbage() throws Exception {
        byte[] bytes = new byte[4096];
        byte[] head = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p',
                '4', '1'};
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return Files.write(temp.resolve("garbage.mp4"), bytes);
    }

    /** A real video cut off after its first 64 bytes: the ftyp box and nothing that describes a stream. */
    private Path truncatedVideo() throws Exception {
        Path whole = temp.resolve("whole.mp4");
        try (Mp4VideoWriter writer = new Mp4VideoWriter(whole, 64, 48, 10)) {
            for (int i = 0; i < 3; i++) {
                writer.write(new int[64 * 48]);
            }
        }
        return Files.write(temp.resolve("truncated.mov"), Arrays.copyOf(Files.readAllBytes(whole), 64));
    }

    private static ScanRequest scan(InputSource input, Path output) {
        return new ScanRequest(input, ScanParams.builder().device(DeviceKind.CPU).build(), output);
    }

    @Test
    void submitAndEstimateRefuseItAsUnreadableNamingTheFile() throws Exception {
        for (Path video : List.of(ftypThenGarbage(), truncatedVideo())) {
            Path output = temp.resolve(video.getFileName() + ".ply");
            ScanRequest request = scan(InputSource.of(video), output);

            Forge3dException submitted = assertThrows(Forge3dException.class, () -> engine.submit(request),
                    video.toString());
            assertEquals(ErrorCode.UNREADABLE_INPUT, submitted.code(), submitted.getMessage());
            assertTrue(submitted.getMessage().startsWith(video.toString()), submitted.getMessage());
            assertTrue(submitted.getMessage().contains("FFmpeg cannot open it"), submitted.getMessage());

            Forge3dException estimated = assertThrows(Forge3dException.class, () -> engine.estimate(request),
                    video.toString());
            assertEquals(submitted.code(), estimated.code());
            assertEquals(submitted.getMessage(), estimated.getMessage(), "the estimate refuses it as submit does");

            assertTrue(engine.jobs().isEmpty(), "no job was queued");
            assertFalse(Files.exists(output));
        }
        try (Stream<Path> left = Files.list(temp.resolve("work"))) {
            assertEquals(List.of(), left.toList(), "no working or scratch folder is left");
        }
    }

    /**
     * Found by VideoFuzzTest: with its sample entry's height 0 and its sync-sample box cut to one
     * byte, FFmpeg opens the video but gives its frames 0 x 0, which no pixel limit refuses.
     */
    @Test
    void aVideoWhoseFramesFfmpegFindsNoSizeForIsRefusedAtSubmitAndEstimate() throws Exception {
        Path whole = temp.resolve("whole.mp4");
        try (Mp4VideoWriter writer = new Mp4VideoWriter(whole, 64, 48, 10)) {
            for (int i = 0; i < 3; i++) {
                writer.write(new int[64 * 48]);
            }
        }
        byte[] damaged = Files.readAllBytes(whole);
        for (Field field : MediaFields.mp4(damaged)) {
            if (field.name().endsWith("/stsd sample entry height")) {
                damaged = field.writtenInto(damaged, 0);
            } else if (field.name().endsWith("/stss size")) {
                damaged = field.writtenInto(damaged, 1);
            }
        }
        Path video = Files.write(temp.resolve("sizeless.mp4"), damaged);
        ScanRequest request = scan(InputSource.of(video), temp.resolve("out.ply"));

        for (Executable call : List.<Executable>of(() -> engine.submit(request), () -> engine.estimate(request))) {
            Forge3dException refused = assertThrows(Forge3dException.class, call);
            assertEquals(ErrorCode.UNREADABLE_INPUT, refused.code(), refused.getMessage());
            assertTrue(refused.getMessage().startsWith(video + ": FFmpeg opens it but finds no frame size"),
                    refused.getMessage());
        }
        assertTrue(engine.jobs().isEmpty(), "no job was queued");
    }

    @Test
    void theBytesOfOneAreRefusedUnderTheNameTheyWereGivenAndNotKept() throws Exception {
        InputSource bytes = new InputSource.FromBytes(Files.readAllBytes(ftypThenGarbage()), "upload.mp4");

        Forge3dException refused = assertThrows(Forge3dException.class,
                () -> engine.submit(scan(bytes, temp.resolve("out.ply"))));

        assertEquals(ErrorCode.UNREADABLE_INPUT, refused.code(), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("upload.mp4: FFmpeg cannot open it"), refused.getMessage());
        try (Stream<Path> left = Files.list(temp.resolve("work"))) {
            assertEquals(List.of(), left.toList(), "the stored bytes went with the refused job's folder");
        }
    }
}
