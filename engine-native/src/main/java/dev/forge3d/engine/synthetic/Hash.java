package dev.forge3d.engine.synthetic;

/** Stateless integer hashing and value noise, the deterministic randomness of the package. */
final class Hash {
    private Hash() {
    }

    /** SplitMix64's finaliser: a bijective, well-mixing 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The top 53 bits of h as a double in [0, 1). */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A hash of an integer lattice point. */
    static long lattice(long seed, int ix, int iy, int iz) {
        return mix(seed ^ (ix * 0x9E3779B97F4A7C15L + iy * 0xC2B2AE3D27D4EB4FL + iz * 0x165667B19E3779F9L));
    }

    /** Smooth (quintic-faded) trilinear value noise in [0, 1]. */
    static double valueNoise(long seed, double x, double y, double z) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        double fz = Math.floor(z);
        int ix = (int) fx;
        int iy = (int) fy;
        int iz = (int) fz;
        double tx = fade(x - fx);
        double ty = fade(y - fy);
        double tz = fade(z - fz);
        double c000 = unit(lattice(seed, ix, iy, iz));
        double c100 = unit(lattice(seed, ix + 1, iy, iz));
        double c010 = unit(lattice(seed, ix, iy + 1, iz));
        double c110 = unit(lattice(seed, ix + 1, iy + 1, iz));
        double c001 = unit(lattice(seed, ix, iy, iz + 1));
        double c101 = unit(lattice(seed, ix + 1, iy, iz + 1));
        double c011 = unit(lattice(seed, ix, iy + 1, iz + 1));
        double c111 = unit(lattice(seed, ix + 1, iy + 1, iz + 1));
        double x00 = c000 + (c100 - c000) * tx;
        double x10 = c010 + (c110 - c010) * tx;
        double x01 = c001 + (c101 - c001) * tx;
        double x11 = c011 + (c111 - c011) * tx;
        double y0 = x00 + (x10 - x00) * ty;
        double y1 = x01 + (x11 - x01) * ty;
        return y0 + (y1 - y0) * tz;
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    /** A seed derived from a parent seed and a label, for independent sub-streams. */
    static long derive(long seed, long label) {
        return mix(mix(seed) + label * 0x9E3779B97F4A7C15L);
    }
}
