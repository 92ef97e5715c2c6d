package dev.forge3d.api;

/** Range checks that fail with {@link ErrorCode#INVALID_PARAM}, naming the field and its range. */
public final class Check {
    private Check() {
    }

    public static int inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw Forge3dException.invalidParam(field, value, min + "-" + max);
        }
        return value;
    }

    public static int oneOf(String field, int value, int... allowed) {
        StringBuilder names = new StringBuilder();
        for (int candidate : allowed) {
            if (candidate == value) {
                return value;
            }
            names.append(names.isEmpty() ? "" : "|").append(candidate);
        }
        throw Forge3dException.invalidParam(field, value, names.toString());
    }

    /** A value in [min, maxExclusive). */
    public static double inHalfOpenRange(String field, double value, double min, double maxExclusive) {
        if (!(value >= min && value < maxExclusive)) {
            throw Forge3dException.invalidParam(field, value, min + " to <" + maxExclusive);
        }
        return value;
    }

    public static double inRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw Forge3dException.invalidParam(field, value, min + "-" + max);
        }
        return value;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new Forge3dException(ErrorCode.VALIDATION_ERROR, field + " is required");
        }
        return value;
    }
}
