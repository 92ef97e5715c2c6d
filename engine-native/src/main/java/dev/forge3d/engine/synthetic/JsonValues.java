package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;

import java.util.List;

/** Conversions between parsed {@link dev.forge3d.engine.io.Json} values and package types. */
final class JsonValues {
    private JsonValues() {
    }

    static double number(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("missing number");
        }
        return ((Number) value).doubleValue();
    }

    /**
     * A seed as a JSON number when the shared JSON reader reads it back exactly (up to 15
     * digits), else as a decimal string; {@link #seed(Object)} reads both.
     */
    static Object seedValue(long seed) {
        return Math.abs(seed) < 1_000_000_000_000_000L ? (Object) seed : Long.toString(seed);
    }

    static long seed(Object value) {
        if (value instanceof String s) {
            return Long.parseLong(s);
        }
        if (value instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("expected an integer seed, got " + value);
    }

    static List<Double> list(Vec3 v) {
        return List.of(v.x(), v.y(), v.z());
    }

    static Vec3 vec3(Object value) {
        List<?> list = (List<?>) value;
        if (list == null || list.size() != 3) {
            throw new IllegalArgumentException("expected three numbers");
        }
        return new Vec3(number(list.get(0)), number(list.get(1)), number(list.get(2)));
    }

    static double[][] matrix4(Object value) {
        List<?> rows = (List<?>) value;
        if (rows == null || rows.size() != 4) {
            throw new IllegalArgumentException("expected a 4x4 matrix");
        }
        double[][] m = new double[4][4];
        for (int r = 0; r < 4; r++) {
            List<?> row = (List<?>) rows.get(r);
            if (row.size() != 4) {
                throw new IllegalArgumentException("expected a 4x4 matrix");
            }
            for (int c = 0; c < 4; c++) {
                m[r][c] = number(row.get(c));
            }
        }
        return m;
    }

    static void checkPositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite: " + value);
        }
    }

    static void checkFinite(String name, Vec3 v) {
        if (v == null || !Double.isFinite(v.x()) || !Double.isFinite(v.y()) || !Double.isFinite(v.z())) {
            throw new IllegalArgumentException(name + " must be finite: " + v);
        }
    }
}
