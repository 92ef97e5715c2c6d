package dev.forge3d.api.spi;

/**
 * Gaussians as flat float arrays, before activation (the 3DGS parameterisation):
 * {@code means} x y z; {@code logScales} log of the three axis scales; {@code rotations} the
 * unnormalised quaternion w x y z; {@code opacityLogits} logit of the opacity; {@code shDc} the
 * degree-0 SH coefficient per channel (r g b); {@code shRest} the 15 higher coefficients of
 * degrees 1-3, coefficient-major ({@code [k * 3 + channel]}, k = 0..14) per Gaussian.
 *
 * <p>The arrays are the working buffers themselves, held and handed out without copying (a model
 * has millions of Gaussians, and the trainer updates them in place), so equality is their
 * identity.
 */
public record SplatArrays(int count, float[] means, float[] logScales, float[] rotations, float[] opacityLogits,
                          float[] shDc, float[] shRest) {
    /** SH coefficients above degree 0 per Gaussian and channel (degree 3). */
    public static final int REST_COEFFICIENTS = 15;

    public SplatArrays {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        check("means", means, 3 * count);
        check("logScales", logScales, 3 * count);
        check("rotations", rotations, 4 * count);
        check("opacityLogits", opacityLogits, count);
        check("shDc", shDc, 3 * count);
        check("shRest", shRest, 3 * REST_COEFFICIENTS * count);
    }

    /** The count, not six arrays' identity hashes. */
    @Override
    public String toString() {
        return "SplatArrays[count=" + count + "]";
    }

    /** Zero-filled arrays for {@code count} Gaussians. */
    public static SplatArrays allocate(int count) {
        return new SplatArrays(count, new float[3 * count], new float[3 * count], new float[4 * count],
                new float[count], new float[3 * count], new float[3 * REST_COEFFICIENTS * count]);
    }

    private static void check(String name, float[] array, int expected) {
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " needs " + expected + " floats, got " + array.length);
        }
    }
}
