package dev.forge3d.cuda.internal;

import dev.forge3d.api.spi.SplatArrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one way the GPU tests hold a kernel's float output against its CPU twin's: the relative L2
 * error ||actual - expected|| / ||expected||, each test with its own bound, or bit for bit.
 */
public final class TwinAssertions {
    /** The project's bound on ||cuda - cpu|| / ||cpu|| in float32 (issue 5). */
    public static final double PROJECT_TOLERANCE = 1e-4;

    private TwinAssertions() {
    }

    /**
     * ||actual - expected|| / ||expected||, summed in double; the absolute norm ||actual - expected||
     * when expected is all zeros, so that a zero reference still demands a (near) zero result.
     */
    public static double relativeL2Error(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "array lengths");
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            double delta = (double) actual[i] - expected[i];
            difference += delta * delta;
            norm += (double) expected[i] * expected[i];
        }
        return norm == 0 ? Math.sqrt(difference) : Math.sqrt(difference / norm);
    }

    /**
     * The relative L2 error strictly under {@code tolerance}. The message also counts the values
     * that are not bit-identical: the kernels repeat their twins' operations in order, so that
     * count says whether a failure is a rounding drift (a few values) or a real mistake (most).
     */
    public static void assertRelativeErrorBelow(String what, float[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": lengths");
        double error = relativeL2Error(expected, actual);
        if (error < tolerance) {
            return;
        }
        int differing = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
                differing++;
            }
        }
        fail(what + ": relative L2 error " + error + " >= " + tolerance + " (" + differing + " of "
                + expected.length + " values not bit-identical)");
    }

    /** Every parameter group of two models, group by group, each under {@code tolerance}. */
    public static void assertRelativeErrorBelow(String what, SplatArrays expected, SplatArrays actual,
                                                double tolerance) {
        assertEquals(expected.count(), actual.count(), what + ": Gaussian count");
        assertRelativeErrorBelow(what + " means", expected.means(), actual.means(), tolerance);
        assertRelativeErrorBelow(what + " logScales", expected.logScales(), actual.logScales(), tolerance);
        assertRelativeErrorBelow(what + " rotations", expected.rotations(), actual.rotations(), tolerance);
        assertRelativeErrorBelow(what + " opacityLogits", expected.opacityLogits(), actual.opacityLogits(),
                tolerance);
        assertRelativeErrorBelow(what + " shDc", expected.shDc(), actual.shDc(), tolerance);
        assertRelativeErrorBelow(what + " shRest", expected.shRest(), actual.shRest(), tolerance);
    }

    /** Every parameter group of two models equal value for value (JUnit's float equality: by bits). */
    public static void assertBitIdentical(String what, SplatArrays expected, SplatArrays actual) {
        assertEquals(expected.count(), actual.count(), what + ": Gaussian count");
        assertArrayEquals(expected.means(), actual.means(), what + " means");
        assertArrayEquals(expected.logScales(), actual.logScales(), what + " log-scales");
        assertArrayEquals(expected.rotations(), actual.rotations(), what + " rotations");
        assertArrayEquals(expected.opacityLogits(), actual.opacityLogits(), what + " opacities");
        assertArrayEquals(expected.shDc(), actual.shDc(), what + " SH dc");
        assertArrayEquals(expected.shRest(), actual.shRest(), what + " SH rest");
    }
}
