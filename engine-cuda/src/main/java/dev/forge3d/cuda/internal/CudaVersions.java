package dev.forge3d.cuda.internal;

/** CUDA encodes versions as 1000 * major + 10 * minor. */
public final class CudaVersions {
    private CudaVersions() {
    }

    /** 13000 becomes "13.0", 12040 becomes "12.4". */
    public static String format(int version) {
        return version / 1000 + "." + version % 1000 / 10;
    }
}
