package dev.forge3d.benchmarks;

/** Teardown of the native resources a benchmark's setup opened. */
public final class BenchmarkResources {
    private BenchmarkResources() {
    }

    /**
     * Closes {@code resources} in the given order (the last opened first, as a caller lists them),
     * skipping nulls: a setup that failed half way leaves some unopened.
     */
    public static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
