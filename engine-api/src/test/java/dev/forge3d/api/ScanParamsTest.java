package dev.forge3d.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanParamsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ScanParams defaults = ScanParams.defaults();
        assertEquals(15_000, defaults.steps());
        assertEquals(2, defaults.downscale());
        assertEquals(120, defaults.frames());
        assertEquals(Matching.SEQUENTIAL, defaults.matching());
        assertEquals(DeviceKind.AUTO, defaults.device());
        assertFalse(defaults.eval());
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 1_001, 29_999, 30_000})
    void stepsInsideTheRangeAreAccepted(int steps) {
        assertEquals(steps, ScanParams.builder().steps(steps).build().steps());
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, 0, 5, 999, 30_001})
    void stepsOutsideTheRangeNameTheFieldAndRange(int steps) {
        Forge3dException e = assertThrows(Forge3dException.class, () -> ScanParams.builder().steps(steps).build());
        assertEquals(ErrorCode.INVALID_PARAM, e.code());
        assertTrue(e.getMessage().contains("steps"), e.getMessage());
        assertTrue(e.getMessage().contains("1000-30000"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {30, 31, 299, 300})
    void framesInsideTheRangeAreAccepted(int frames) {
        assertEquals(frames, ScanParams.builder().frames(frames).build().frames());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 29, 301, 10_000})
    void framesOutsideTheRangeAreRejected(int frames) {
        Forge3dException e = assertThrows(Forge3dException.class, () -> ScanParams.builder().frames(frames).build());
        assertEquals(ErrorCode.INVALID_PARAM, e.code());
        assertTrue(e.getMessage().contains("frames") && e.getMessage().contains("30-300"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void downscaleAcceptsOneTwoOrFour(int downscale) {
        assertEquals(downscale, ScanParams.builder().downscale(downscale).build().downscale());
    }

    @ParameterizedTest
    @ValueSource(ints = {-2, 0, 3, 5, 8})
    void downscaleRejectsEverythingElse(int downscale) {
        Forge3dException e = assertThrows(Forge3dException.class,
                () -> ScanParams.builder().downscale(downscale).build());
        assertEquals(ErrorCode.INVALID_PARAM, e.code());
        assertTrue(e.getMessage().contains("downscale") && e.getMessage().contains("1|2|4"), e.getMessage());
    }

    @Test
    void missingEnumsAreMalformedRequests() {
        assertEquals(ErrorCode.VALIDATION_ERROR,
                assertThrows(Forge3dException.class, () -> ScanParams.builder().matching(null).build()).code());
        assertEquals(ErrorCode.VALIDATION_ERROR,
                assertThrows(Forge3dException.class, () -> ScanParams.builder().device(null).build()).code());
    }

    @Test
    void toBuilderKeepsEveryField() {
        ScanParams params = ScanParams.builder().steps(2_000).downscale(4).frames(80).matching(Matching.EXHAUSTIVE)
                .seed(7).device(DeviceKind.CPU).eval(true).build();
        assertEquals(params, params.toBuilder().build());
    }
}
