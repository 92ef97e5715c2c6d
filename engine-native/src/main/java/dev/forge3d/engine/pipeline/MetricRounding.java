package dev.forge3d.engine.pipeline;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Metrics are reported to the digits that mean something, not to the float arithmetic's noise. */
final class MetricRounding {
    private MetricRounding() {
    }

    /** {@code value} rounded half up to {@code decimals} places. */
    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /**
     * {@code value} to {@code digits} significant digits (half up): for sizes that span many
     * orders, where a fixed number of decimals rounds the small ones away.
     */
    static double significant(double value, int digits) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_UP)).doubleValue();
    }
}
