package dev.forge3d.engine.dataset;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.joml.Matrix3d;
import org.joml.Matrix4d;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The checks the dataset readers share, so that what a file declares becomes a typed error
 * before a constructor's {@link IllegalArgumentException}, a NaN pose or a buffer sized from it.
 * Every message starts with {@code where}: the file, and the line or record when known.
 */
final class DatasetChecks {
    /** How far a rotation's columns may be from unit length and from orthogonal (text rounding). */
    private static final double ROTATION_TOLERANCE = 1e-3;

    private DatasetChecks() {
    }

    static Forge3dException unreadable(String message) {
        return new Forge3dException(ErrorCode.UNREADABLE_INPUT, message);
    }

    /**
     * A camera from a dataset file: a whole positive size within {@code maxImagePixels}, and
     * finite intrinsics that {@link CameraIntrinsics} accepts.
     *
     * @param maxImagePixels the engine's {@link EngineConfig#maxImagePixels()}: frames are decoded
     *                       and rasterised at the camera's size, so a camera is held to the limit
     *                       a photo's header is
     */
    static CameraIntrinsics camera(String where, long maxImagePixels, double width, double height, double fx,
                                   double fy, double cx, double cy, double k1) {
        if (!(width >= 1 && height >= 1) || width != Math.rint(width) || height != Math.rint(height)) {
            throw unreadable(where + ": the image size " + number(width) + "x" + number(height)
                    + " is not a positive whole number of pixels");
        }
        if (width * height > maxImagePixels) {
            throw new Forge3dException(ErrorCode.INPUT_TOO_LARGE, where + ": the image size " + number(width) + "x"
                    + number(height) + " is over " + maxImagePixels + " pixels");
        }
        // Within a limit past 2^31 pixels a side can still be past an int, which the cast below would clamp.
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new Forge3dException(ErrorCode.INPUT_TOO_LARGE, where + ": the image size " + number(width) + "x"
                    + number(height) + " has a side over " + Integer.MAX_VALUE + " pixels");
        }
        try {
            return new CameraIntrinsics((int) width, (int) height, fx, fy, cx, cy, k1);
        } catch (IllegalArgumentException e) {
            throw unreadable(where + ": " + e.getMessage());
        }
    }

    private static String number(double value) {
        boolean whole = value == Math.rint(value) && Math.abs(value) < 1e18;
        return whole ? Long.toString((long) value) : Double.toString(value);
    }

    /** {@code relative} resolved in {@code folder}; a name no path can hold (a NUL) is unreadable input. */
    static Path resolve(Path folder, String relative, String where) {
        try {
            return folder.resolve(relative);
        } catch (InvalidPathException e) {
            throw unreadable(where + ": '" + relative.replace("\0", "\\0") + "' is not a usable path: "
                    + e.getReason());
        }
    }

    /**
     * Checks a camera-to-world pose: finite, affine (bottom row 0 0 0 1), its 3x3 part a rotation
     * (a scale, shear, mirror or a singular matrix would put the camera's centre and axes where
     * the rasteriser, which takes them as a rotation, does not).
     */
    static Matrix4d rigid(String where, Matrix4d m) {
        if (!m.isFinite()) {
            throw unreadable(where + ": the pose has a non-finite entry");
        }
        if (!m.isAffine()) {
            throw unreadable(where + ": the pose is not affine (its bottom row must be 0 0 0 1)");
        }
        Matrix3d r = m.get3x3(new Matrix3d());
        Matrix3d gram = new Matrix3d(r).transpose().mul(r); // the identity for a rotation
        double error = 0;
        for (int column = 0; column < 3; column++) {
            for (int row = 0; row < 3; row++) {
                error = Math.max(error, Math.abs(gram.get(column, row) - (column == row ? 1 : 0)));
            }
        }
        if (!(error <= ROTATION_TOLERANCE) || !(r.determinant() > 0)) {
            throw unreadable(where + ": the pose's 3x3 part is not a rotation (scaled, sheared, mirrored or singular)");
        }
        return m;
    }
}
