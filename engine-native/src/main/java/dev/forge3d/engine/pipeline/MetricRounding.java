package dev.forge3d.engine.pipeline;

/** Metrics are reported to the digits that mean something, not to the float arithmetic's noise. */
final class MetricRounding {
    private MetricRounding() {
    }

    /** {@code value} rounded half up to {@code decimals} places. */
    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
