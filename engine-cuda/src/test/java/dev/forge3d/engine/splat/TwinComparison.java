package dev.forge3d.engine.splat;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the GPU tests hold a kernel's float output against its CPU twin's. */
final class TwinComparison {
    /** The project's bound on ||cuda - cpu|| / ||cpu|| in float32. */
    static final double TOLERANCE = 1e-4;

    private TwinComparison() {
    }

    /**
     * Relative L2 error under {@link #TOLERANCE}; the message also counts the values that are not
     * bit-identical, which for these kernels (the twin's operations in the twin's order, no fused
     * multiply-add) is expected to be none or nearly none.
     */
    static void assertClose(String what, float[] expected, float[] actual) {
        assertTrue(expected.length == actual.length, what + ": lengths " + expected.length + " and " + actual.length);
        double difference = 0;
        double norm = 0;
        int differing = 0;
        for (int i = 0; i < expected.length; i++) {
            double delta = (double) actual[i] - expected[i];
            difference += delta * delta;
            norm += (double) expected[i] * expected[i];
            if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
                differing++;
            }
        }
        double relative = norm == 0 ? Math.sqrt(difference) : Math.sqrt(difference / norm);
        assertTrue(relative < TOLERANCE, what + ": relative L2 error " + relative + " (" + differing + " of "
                + expected.length + " values not bit-identical)");
    }
}
