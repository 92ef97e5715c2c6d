package dev.forge3d.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshParamsTest {

    private static void assertInvalid(String field, Supplier<MeshParams> build) {
        Forge3dException e = assertThrows(Forge3dException.class, build::get);
        assertEquals(ErrorCode.INVALID_PARAM, e.code());
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void defaultsAreLegalAndPivotIsBottomCentre() {
        MeshParams defaults = MeshParams.defaults();
        assertEquals(new Vec3(0.5, 0, 0.5), defaults.pivot());
        assertEquals(Set.of(OutputFormat.GLB), defaults.outputs());
        assertEquals(Topology.TRIS, defaults.topology());
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 1_001, 499_999, 500_000})
    void facesInsideTheRangeAreAccepted(int faces) {
        assertEquals(faces, MeshParams.builder().faces(faces).build().faces());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 500_001})
    void facesOutsideTheRangeAreRejected(int faces) {
        assertInvalid("faces", () -> MeshParams.builder().faces(faces).build());
        assertInvalid("1000-500000", () -> MeshParams.builder().faces(faces).build());
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 1024, 2048})
    void textureSizeAcceptsThePowersOfTwo(int size) {
        assertEquals(size, MeshParams.builder().textureSize(size).build().textureSize());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 300, 511, 513, 4096})
    void textureSizeRejectsEverythingElse(int size) {
        assertInvalid("textureSize", () -> MeshParams.builder().textureSize(size).build());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, 0.999})
    void simplifyRatioAcceptsZeroToBelowOne(double ratio) {
        assertDoesNotThrow(() -> MeshParams.builder().simplifyRatio(ratio).build());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, 1, 1.5, Double.NaN})
    void simplifyRatioRejectsOutsideZeroToBelowOne(double ratio) {
        assertInvalid("simplifyRatio", () -> MeshParams.builder().simplifyRatio(ratio).build());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, 1e-6, 1e-4, 0.01, 2.5, 1000})
    void bboxAxesAreAutomaticOrPositiveMetres(double metres) {
        assertDoesNotThrow(() -> MeshParams.builder().scaledBbox(new Vec3(metres, metres, metres)).build());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2, -0.5, 0, Double.MIN_VALUE, 1e-40, 9.9e-7, 1000.5, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN})
    void bboxAxesRejectOtherValues(double metres) {
        // Double.MIN_VALUE placed every vertex at the origin, 1e-40 gave every normal as (0, 1, 0).
        assertInvalid("scaledBbox.width", () -> MeshParams.builder().scaledBbox(new Vec3(metres, 1, 1)).build());
        assertInvalid("scaledBbox.height", () -> MeshParams.builder().scaledBbox(new Vec3(1, metres, 1)).build());
        assertInvalid("scaledBbox.depth", () -> MeshParams.builder().scaledBbox(new Vec3(1, 1, metres)).build());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, 1})
    void pivotAcceptsFractionsOfTheBox(double f) {
        assertDoesNotThrow(() -> MeshParams.builder().pivot(new Vec3(f, f, f)).build());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
    void pivotRejectsPointsOutsideTheBox(double f) {
        assertInvalid("pivot.x", () -> MeshParams.builder().pivot(new Vec3(f, 0, 0)).build());
        assertInvalid("pivot.y", () -> MeshParams.builder().pivot(new Vec3(0, f, 0)).build());
        assertInvalid("pivot.z", () -> MeshParams.builder().pivot(new Vec3(0, 0, f)).build());
    }

    @Test
    void outputsMustNameAtLeastOneFormat() {
        assertInvalid("formats", () -> MeshParams.builder().outputs(EnumSet.noneOf(OutputFormat.class)).build());
    }

    @Test
    void requestWithoutFrontViewIsAMissingImage() {
        Forge3dException e = assertThrows(Forge3dException.class, () -> new MeshRequest(
                Map.of(View.BACK, InputSource.of(new byte[] {1})), MeshParams.defaults(),
                java.nio.file.Path.of("x.glb")));
        assertEquals(ErrorCode.MISSING_IMAGE, e.code());
    }

    @Test
    void outputsKeepTheFormatsOrderWhateverOrderTheyCameIn() {
        List<OutputFormat> reversed = Arrays.asList(OutputFormat.values()).reversed();
        MeshParams params = MeshParams.builder().outputs(new LinkedHashSet<>(reversed)).build();
        assertEquals(List.of(OutputFormat.values()), List.copyOf(params.outputs()));
        assertEquals("[GLB, OBJ, FBX, USDZ, MP4]", params.outputs().toString());
    }

    @Test
    void outputsHoldingNullAreAMalformedRequest() {
        Set<OutputFormat> withNull = new HashSet<>();
        withNull.add(OutputFormat.GLB);
        withNull.add(null);
        Forge3dException e = assertThrows(Forge3dException.class, () -> MeshParams.builder().outputs(withNull).build());
        assertEquals(ErrorCode.VALIDATION_ERROR, e.code());
        assertTrue(e.getMessage().contains("outputs"), e.getMessage());
    }

    @Test
    void aCallerChangingItsSetAfterBuildingChangesNothing() {
        Set<OutputFormat> formats = EnumSet.of(OutputFormat.GLB);
        MeshParams params = MeshParams.builder().outputs(formats).build();
        formats.add(OutputFormat.OBJ);
        assertEquals(Set.of(OutputFormat.GLB), params.outputs());
        assertThrows(UnsupportedOperationException.class, () -> params.outputs().add(OutputFormat.FBX));
    }

    @Test
    void toBuilderKeepsEveryField() {
        MeshParams params = MeshParams.builder().faces(3_000).pbr(true).textureSize(2048).simplifyRatio(0.25)
                .topology(Topology.QUADS).resolution(Resolution.LOW_POLY).scaledBbox(new Vec3(1, 2, 3))
                .preserveAspectRatio(true).pivot(new Vec3(0.5, 0.5, 0.5)).symmetry(Symmetry.OFF)
                .device(DeviceKind.CPU).outputs(EnumSet.of(OutputFormat.OBJ, OutputFormat.MP4)).seed(7).build();
        assertEquals(params, params.toBuilder().build());
        assertEquals(5_000, params.toBuilder().faces(5_000).build().faces());
        assertEquals(Topology.QUADS, params.toBuilder().faces(5_000).build().topology());
    }
}
