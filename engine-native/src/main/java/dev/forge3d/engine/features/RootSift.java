package dev.forge3d.engine.features;

/**
 * RootSIFT (Arandjelovic and Zisserman, 2012): L1-normalise a SIFT descriptor and take the
 * element-wise square root. Euclidean distance between RootSIFT vectors is then the Hellinger
 * kernel on the original histograms, which matches better; the result has unit L2 norm.
 */
public final class RootSift {
    private RootSift() {
    }

    /** Converts {@code count} descriptors of {@code dimension} floats in place. */
    public static void normalise(float[] descriptors, int count, int dimension) {
        for (int i = 0; i < count; i++) {
            int offset = i * dimension;
            double sum = 0;
            for (int k = 0; k < dimension; k++) {
                sum += Math.abs(descriptors[offset + k]);
            }
            double scale = sum > 0 ? 1 / sum : 0;
            for (int k = 0; k < dimension; k++) {
                descriptors[offset + k] = (float) Math.sqrt(Math.abs(descriptors[offset + k]) * scale);
            }
        }
    }
}
