package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The run spans that the one-view inflation reads its circles from. */
class SilhouetteDistanceTest {

    @Test
    void rowSpansGiveEachRunsHalfWidthAndThePixelsOffsetFromItsCentre() {
        // One row of 7: a run of 3 (pixels 0-2) and a run of 2 (pixels 4-5).
        byte[] mask = {1, 1, 1, 0, 1, 1, 0};
        float[] spans = SilhouetteDistance.rowSpans(mask, 7, 1);
        assertArrayEquals(new float[] {1.5f, -1, 1.5f, 0, 1.5f, 1, 0, 0, 1, -0.5f, 1, 0.5f, 0, 0}, spans);
    }

    @Test
    void columnSpansAreTheRowSpansOfTheTransposedMask() {
        int width = 23, height = 17;
        byte[] mask = new byte[width * height];
        byte[] transposed = new byte[mask.length];
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                byte value = (byte) (random.nextInt(3) == 0 ? 0 : 1);
                mask[y * width + x] = value;
                transposed[x * height + y] = value;
            }
        }
        float[] columns = SilhouetteDistance.columnSpans(mask, width, height);
        float[] rowsOfTransposed = SilhouetteDistance.rowSpans(transposed, height, width);
        float[] expected = new float[columns.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                expected[2 * (y * width + x)] = rowsOfTransposed[2 * (x * height + y)];
                expected[2 * (y * width + x) + 1] = rowsOfTransposed[2 * (x * height + y) + 1];
            }
        }
        assertArrayEquals(expected, columns);
    }
}
