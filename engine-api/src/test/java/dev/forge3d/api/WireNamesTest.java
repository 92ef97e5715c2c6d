package dev.forge3d.api;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireNamesTest {

    @Test
    void errorCodesHaveExactlyTheSpecifiedWireNames() {
        List<String> expected = List.of("validation_error", "invalid_param", "unsupported_media", "input_too_large",
                "unreadable_input", "missing_image", "insufficient_views", "reconstruction_failed",
                "concurrent_limit_reached", "backend_unavailable", "out_of_memory", "cancelled", "internal_error");
        assertEquals(expected, Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).toList());
    }

    @Test
    void onlyRequestErrorsMapToExitCodeTwo() {
        List<ErrorCode> requestErrors = Arrays.stream(ErrorCode.values()).filter(ErrorCode::isRequestError).toList();
        assertEquals(List.of(ErrorCode.VALIDATION_ERROR, ErrorCode.INVALID_PARAM, ErrorCode.UNSUPPORTED_MEDIA,
                ErrorCode.INPUT_TOO_LARGE, ErrorCode.MISSING_IMAGE), requestErrors);
    }

    @Test
    void matchingParsesItsWireNamesCaseInsensitively() {
        assertEquals(Matching.VOCAB_TREE, WireNamed.parse("matching", "vocab_tree", Matching.class));
        assertEquals(Matching.EXHAUSTIVE, WireNamed.parse("matching", "EXHAUSTIVE", Matching.class));
        assertEquals(List.of("sequential", "vocab_tree", "exhaustive"),
                Arrays.stream(Matching.values()).map(Matching::wireName).toList());
    }

    @Test
    void unknownNamesListEveryAllowedName() {
        Forge3dException e = assertThrows(Forge3dException.class,
                () -> WireNamed.parse("topology", "hexes", Topology.class));
        assertEquals(ErrorCode.INVALID_PARAM, e.code());
        assertTrue(e.getMessage().contains("topology") && e.getMessage().contains("tris|quads"), e.getMessage());
    }
}
