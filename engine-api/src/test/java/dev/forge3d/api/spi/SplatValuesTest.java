package dev.forge3d.api.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SplatView and SplatSettings are values: their arrays cannot be changed from outside, and compare
 * by content. SplatArrays and MeshKernels.Surface hold their buffers by identity, and say so in logs.
 */
class SplatValuesTest {
    private static float[] identity() {
        return new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 5};
    }

    @Test
    void aViewsMatrixCannotBeChangedThroughItsAccessor() {
        SplatView view = new SplatView(64, 48, 50, 50, 32, 24, identity());
        view.worldToCamera()[11] = -100;
        assertArrayEquals(identity(), view.worldToCamera());
        assertArrayEquals(new float[] {0, 0, -5}, view.cameraCentre(), 0f);
    }

    @Test
    void aViewsMatrixCannotBeChangedThroughTheCallersArray() {
        float[] matrix = identity();
        SplatView view = new SplatView(64, 48, 50, 50, 32, 24, matrix);
        matrix[11] = -100;
        assertArrayEquals(identity(), view.worldToCamera());
    }

    @Test
    void viewsWithTheSameValuesAreEqualAndPrintTheirMatrix() {
        SplatView a = new SplatView(64, 48, 50, 50, 32, 24, identity());
        SplatView b = new SplatView(64, 48, 50, 50, 32, 24, identity());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        float[] moved = identity();
        moved[3] = 1;
        assertNotEquals(a, new SplatView(64, 48, 50, 50, 32, 24, moved));
        assertTrue(a.toString().contains("[1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 5.0]"), a.toString());
    }

    @Test
    void aSettingsBackgroundCannotBeChangedThroughItsAccessor() {
        SplatSettings settings = new SplatSettings(2, 1000, new float[] {0.1f, 0.2f, 0.3f}, 7, 2);
        settings.background()[0] = 1;
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, settings.background());
    }

    @Test
    void settingsWithTheSameValuesAreEqualAndPrintTheirBackground() {
        SplatSettings a = new SplatSettings(2, 1000, new float[] {0, 0, 0}, 7, 2);
        SplatSettings b = new SplatSettings(2, 1000, new float[] {0, 0, 0}, 7, 2);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new SplatSettings(2, 1000, new float[] {1, 1, 1}, 7, 2));
        assertTrue(a.toString().contains("background=[0.0, 0.0, 0.0]"), a.toString());
    }

    @Test
    void buffersPrintTheirCountsNotTheirArraysIdentities() {
        assertEquals("SplatArrays[count=3]", SplatArrays.allocate(3).toString());
        assertEquals("Surface[4 vertices, 2 triangles]",
                new MeshKernels.Surface(new float[12], new int[] {0, 1, 2, 0, 2, 3}).toString());
    }
}
