package dev.forge3d.api.spi;

/**
 * Brute-force nearest-neighbour matching of float descriptors by L2 distance, with Lowe's ratio
 * test and a cross-check: descriptor {@code i} of set A and {@code j} of set B match when each is
 * the other's nearest neighbour and, in both directions, the nearest distance is below
 * {@code ratio} times the second nearest. Matches come out in increasing order of {@code i}.
 *
 * <p>The CPU twin lives in the engine's CPU backend; a GPU kernel mirrors it one to one.
 */
public interface DescriptorMatcher {
    /**
     * The largest squared length a descriptor may have: a squared distance and every partial sum
     * of it is then at most four times that, half the float range, so it cannot overflow. A NaN or
     * infinite distance would lose every comparison in one implementation and be skipped by
     * another's {@code fminf}, and the two would match differently. {@link #checkArguments} bounds
     * each entry by {@code sqrt(MAX_SQUARED_NORM / dimension)}, which keeps every squared length
     * within this with one comparison an entry (SIFT's entries are at most 512; the bound for 128
     * dimensions is about 5.8e17).
     */
    float MAX_SQUARED_NORM = Float.MAX_VALUE / 8;

    /**
     * @param a         set A, row-major, {@code countA * dimension} floats
     * @param countA    rows of A
     * @param b         set B, row-major, {@code countB * dimension} floats
     * @param countB    rows of B
     * @param dimension floats per descriptor (128 for SIFT)
     * @param ratio     Lowe's ratio on distances, in (0, 1]; 1 disables the test
     * @return matched index pairs interleaved: {@code i0, j0, i1, j1, ...}
     * @throws IllegalArgumentException as {@link #checkArguments} says
     */
    int[] match(float[] a, int countA, float[] b, int countB, int dimension, float ratio);

    /**
     * The checks every implementation makes before it matches.
     *
     * @throws IllegalArgumentException when an array is missing or its length does not fit its
     *                                  count, the dimension is not positive, the ratio is not in
     *                                  (0, 1], or a descriptor has an entry that is not finite or
     *                                  over {@code sqrt(MAX_SQUARED_NORM / dimension)} in magnitude
     */
    static void checkArguments(float[] a, int countA, float[] b, int countB, int dimension, float ratio) {
        if (a == null || b == null || dimension <= 0 || countA < 0 || countB < 0
                || (long) countA * dimension != a.length || (long) countB * dimension != b.length) {
            throw new IllegalArgumentException("descriptor arrays do not fit " + countA + " and " + countB
                    + " rows of " + dimension + ": " + (a == null ? "null" : a.length) + ", "
                    + (b == null ? "null" : b.length));
        }
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio must be in (0, 1]: " + ratio);
        }
        checkEntries("A", a, dimension);
        checkEntries("B", b, dimension);
    }

    private static void checkEntries(String set, float[] rows, int dimension) {
        float largestEntry = (float) Math.sqrt((double) MAX_SQUARED_NORM / dimension);
        for (int at = 0; at < rows.length; at++) {
            if (!(Math.abs(rows[at]) <= largestEntry)) { // also NaN
                throw new IllegalArgumentException("descriptor " + at / dimension + " of " + set + " has the entry "
                        + rows[at] + ": entries must be finite and at most " + largestEntry + " in magnitude");
            }
        }
    }
}
