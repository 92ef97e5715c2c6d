package dev.forge3d.engine.splat;

/**
 * Standard normal samples that are a pure function of their coordinates (seed, densification call,
 * Gaussian, draw), so that a GPU thread per Gaussian computes exactly the sample the CPU twin does,
 * in any order (the CUDA twin is {@code counter_normal} in {@code engine-cuda/src/main/cuda/splat/densify.cu}).
 *
 * <p>Each coordinate is hashed with the splitmix64 finaliser and folded into the running hash
 * with a second finaliser; the 64 bits give two 32-bit uniforms, and Box-Muller turns them into
 * one normal in double, rounded to float. {@link StrictMath} keeps the CPU side the same on every
 * JVM; the GPU's double {@code log} and {@code cos} are within an ulp or two of it, so after the
 * rounding to float the samples agree, and differ by at most a float ulp when they do not.
 */
final class CounterRandom {
    /** The golden-ratio increment of splitmix64 (and of {@link java.util.SplittableRandom}). */
    static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_TO_MINUS_32 = 0x1p-32;

    private CounterRandom() {
    }

    /** The splitmix64 finaliser: {@code new SplittableRandom(seed).nextLong() == mix(seed + GAMMA)}. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64 well-mixed bits of the four coordinates. */
    static long hash(long seed, long callIndex, long gaussian, long draw) {
        long h = mix(seed + GAMMA);
        h = mix(h ^ mix(callIndex + GAMMA));
        h = mix(h ^ mix(gaussian + GAMMA));
        return mix(h ^ mix(draw + GAMMA));
    }

    /** A standard normal sample: Box-Muller on the hash's high word (u1 in (0, 1]) and low word (u2 in [0, 1)). */
    static float normal(long seed, long callIndex, long gaussian, long draw) {
        long bits = hash(seed, callIndex, gaussian, draw);
        double u1 = ((bits >>> 32) + 1) * TWO_TO_MINUS_32;
        double u2 = (bits & 0xFFFFFFFFL) * TWO_TO_MINUS_32;
        return (float) (StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2));
    }
}
