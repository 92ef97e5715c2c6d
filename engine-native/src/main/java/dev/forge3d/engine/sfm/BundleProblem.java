package dev.forge3d.engine.sfm;

/**
 * A bundle-adjustment problem as flat arrays, refined in place.
 *
 * @param rotations        world-to-camera rotations, row-major 3x3 per camera
 * @param translations     world-to-camera translations, 3 per camera
 * @param cameraVariable   which cameras are refined; the others are held fixed
 * @param points           world points, 3 per point (all refined)
 * @param observationCamera camera of each observation
 * @param observationPoint point of each observation
 * @param observationUv    observed pixel position of each observation, 2 per observation
 * @param intrinsics       shared f, k1, cx, cy; f and k1 are refined when {@code refineIntrinsics}
 * @param refineIntrinsics whether f and k1 are refined (the principal point stays at the centre)
 */
public record BundleProblem(double[] rotations, double[] translations, boolean[] cameraVariable, double[] points,
                            int[] observationCamera, int[] observationPoint, double[] observationUv,
                            double[] intrinsics, boolean refineIntrinsics) {
    public BundleProblem {
        int cameras = cameraVariable.length;
        int observations = observationCamera.length;
        if (rotations.length != 9 * cameras || translations.length != 3 * cameras || points.length % 3 != 0
                || observationPoint.length != observations || observationUv.length != 2 * observations
                || intrinsics.length != 4) {
            throw new IllegalArgumentException("bundle problem arrays disagree in size");
        }
        for (int i = 0; i < observations; i++) {
            if (observationCamera[i] < 0 || observationCamera[i] >= cameras || observationPoint[i] < 0
                    || observationPoint[i] >= points.length / 3) {
                throw new IllegalArgumentException("observation " + i + " refers to a missing camera or point");
            }
        }
    }

    public int cameraCount() {
        return cameraVariable.length;
    }

    public int pointCount() {
        return points.length / 3;
    }

    public int observationCount() {
        return observationCamera.length;
    }
}
