package dev.forge3d.engine.media;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.InputSource;
import dev.forge3d.engine.fuzz.Field;
import dev.forge3d.engine.fuzz.Mutant;
import dev.forge3d.engine.fuzz.Mutations;
import dev.forge3d.engine.fuzz.ReaderContract;
import dev.forge3d.engine.input.InputInspector;
import dev.forge3d.engine.input.InputRole;
import dev.forge3d.engine.input.MediaKind;
import dev.forge3d.engine.synthetic.Mp4VideoWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Damaged MP4s through what reads a video before a scan is queued or estimated: the submit checks
 * ({@link InputInspector}, from a path and from bytes) and the header they read
 * ({@link VideoProbe#header}). Each returns a usable size or refuses the video with a typed code
 * naming it; none throws anything else, takes memory no small file justifies, or brings the JVM
 * down. A failure names the seed and case, which {@link Mutations#mutant} replays.
 */
class VideoFuzzTest {
    private static final long SEED = 1606;
    private static final Set<ErrorCode> HEADER_REFUSALS = Set.of(ErrorCode.UNREADABLE_INPUT);
    private static final Set<ErrorCode> SUBMIT_REFUSALS = Set.of(ErrorCode.UNREADABLE_INPUT,
            ErrorCode.INPUT_TOO_LARGE);
    /** Once the first bytes no longer show a video, the submit checks say it is no supported format. */
    private static final Set<ErrorCode> SUBMIT_REFUSALS_OF_NO_VIDEO = Set.of(ErrorCode.UNREADABLE_INPUT,
            ErrorCode.INPUT_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA);

    @TempDir
    Path temp;

    private final InputInspector inspector = new InputInspector(EngineConfig.builder().build());

    @Test
    void damagedMp4sAreOpenedOrRefusedTyped() throws Exception {
        Path whole = temp.resolve("whole.mp4");
        try (Mp4VideoWriter writer = new Mp4VideoWriter(whole, 32, 16, 10)) {
            for (int i = 0; i < 4; i++) {
                int[] frame = new int[32 * 16];
                Arrays.fill(frame, i * 0x303030);
                writer.write(frame);
            }
        }
        byte[] valid = Files.readAllBytes(whole);
        List<Field> fields = MediaFields.mp4(valid);
        ReaderContract contract = new ReaderContract();
        for (int n = 0; n < 500; n++) {
            Mutant mutant = Mutations.mutant(valid, fields, SEED, n);
            Path video = Files.write(temp.resolve("case-" + n + ".mp4"), mutant.bytes());
            boolean looksLikeVideo = MediaKind.sniff(Arrays.copyOf(mutant.bytes(), Math.min(mutant.bytes().length, 16)))
                    .filter(MediaKind::isVideo).isPresent();
            Set<ErrorCode> submitRefusals = looksLikeVideo ? SUBMIT_REFUSALS : SUBMIT_REFUSALS_OF_NO_VIDEO;
            long size = mutant.bytes().length;
            contract.check(mutant, "InputInspector.resolve(path)", submitRefusals, List.of(video.toString()), size,
                    () -> inspector.resolve(InputSource.of(video), InputRole.VIDEO_OR_PHOTO_FOLDER, temp, "v"));
            String name = "upload-" + n + ".mp4";
            contract.check(mutant, "InputInspector.resolve(bytes)", submitRefusals, List.of(name), size,
                    () -> inspector.resolve(new InputSource.FromBytes(mutant.bytes(), name),
                            InputRole.VIDEO_OR_PHOTO_FOLDER, temp.resolve("spill"), "b"));
            contract.check(mutant, "VideoProbe.header", HEADER_REFUSALS, List.of(name), size,
                            () -> VideoProbe.header(video, name))
                    .ifPresent(info -> contract.brokenIf(info.width() <= 0 || info.height() <= 0, mutant,
                            "VideoProbe.header opened it at " + info.width() + " x " + info.height()));
            Files.delete(video);
        }
        contract.assertHeld();
    }
}
