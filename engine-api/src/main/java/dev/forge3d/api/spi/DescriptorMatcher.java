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
     * @param a         set A, row-major, {@code countA * dimension} floats
     * @param countA    rows of A
     * @param b         set B, row-major, {@code countB * dimension} floats
     * @param countB    rows of B
     * @param dimension floats per descriptor (128 for SIFT)
     * @param ratio     Lowe's ratio on distances, in (0, 1]; 1 disables the test
     * @return matched index pairs interleaved: {@code i0, j0, i1, j1, ...}
     * @throws IllegalArgumentException when the array lengths do not fit the counts
     */
    int[] match(float[] a, int countA, float[] b, int countB, int dimension, float ratio);
}
