package dev.forge3d.engine.input;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.InputSource;
import dev.forge3d.engine.fuzz.Mutations;
import dev.forge3d.engine.fuzz.ReaderContract;
import dev.forge3d.engine.synthetic.PngHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Damaged data URIs through the submit checks of a mesh view: headers built at random from media
 * types and parameters (empty ones, stray semicolons, wrong types), payloads with bad base64, cut
 * padding, stray whitespace or bad percent escapes, and payloads over the size limit. Each is taken,
 * or refused with a typed code and a message that says it is the data URI; never another exception.
 */
class DataUriFuzzTest {
    private static final long SEED = 1605;
    private static final int MAX_IMAGE_BYTES = 4096;
    private static final List<String> MEDIA_TYPES = List.of("image/png", "IMAGE/PNG", " image/png ", "image/jpeg",
            "image/webp", "video/mp4", "text/plain", "image/gif", "", ";", "image/png;charset=utf-8");
    private static final List<String> PARAMETERS = List.of("", ";base64", ";BASE64", ";", ";;", ";base64;",
            ";charset=x;base64", ";base64;base64", "base64");
    private static final Set<ErrorCode> REFUSALS = Set.of(ErrorCode.VALIDATION_ERROR, ErrorCode.UNSUPPORTED_MEDIA,
            ErrorCode.UNREADABLE_INPUT, ErrorCode.INPUT_TOO_LARGE);

    @TempDir
    Path temp;

    private final InputInspector inspector = new InputInspector(EngineConfig.builder().maxImageBytes(MAX_IMAGE_BYTES)
            .build());

    @Test
    void damagedDataUrisAreTakenOrRefusedTyped() {
        byte[] png = PngHeaders.declaring(8, 8);
        String base64 = Base64.getEncoder().encodeToString(png);
        ReaderContract contract = new ReaderContract();
        for (int n = 0; n < 300; n++) {
            Random random = new Random(SEED * 1_000_003L + n);
            String header = MEDIA_TYPES.get(random.nextInt(MEDIA_TYPES.size()))
                    + PARAMETERS.get(random.nextInt(PARAMETERS.size()));
            String payload = payload(random, png, base64, n);
            String uri = "data:" + header + "," + payload;
            InputSource source = InputSource.ofDataUri(uri);
            Path spill = temp.resolve("spill-" + n);
            String shown = payload.length() > 60 ? payload.substring(0, 60) + "... (" + payload.length() + " chars)"
                    : payload;
            String mutant = "seed " + SEED + " case " + n + ": data:" + header + ", payload "
                    + shown.replace("\n", "\\n").replace("\t", "\\t");
            contract.check(mutant, "InputInspector.resolve(data URI)", REFUSALS, List.of("data"), uri.length(),
                    () -> inspector.resolve(source, InputRole.IMAGE, spill, "front"));
        }
        contract.assertHeld();
    }

    /** The payload: valid, damaged as text, over the size limit, or percent-encoded with bad escapes. */
    private static String payload(Random random, byte[] png, String base64, int n) {
        return switch (random.nextInt(6)) {
            case 0 -> base64;
            case 1, 2 -> new String(Mutations.mutant(base64.getBytes(StandardCharsets.ISO_8859_1), List.of(), SEED, n)
                    .bytes(), StandardCharsets.ISO_8859_1);
            case 3 -> "A".repeat(MAX_IMAGE_BYTES / 3 * 4 + 8 + random.nextInt(64));
            case 4 -> base64.substring(0, 12) + " \n\t".repeat(1 + random.nextInt(8)) + base64.substring(12);
            default -> "%89PNG%0D%0A%1A%0A" + (random.nextBoolean() ? "%zz" : "%") + "%00%00";
        };
    }
}
