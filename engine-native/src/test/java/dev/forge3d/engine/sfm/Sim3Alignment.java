package dev.forge3d.engine.sfm;

import org.joml.Matrix3d;
import org.joml.Matrix4dc;
import org.joml.Vector3d;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aligns estimated camera poses to ground truth with a similarity transform (Umeyama, 1991, on the
 * camera centres), then measures rotation and centre errors.
 */
public final class Sim3Alignment {
    public final double scale;
    public final Matrix3d rotation;
    public final Vector3d translation;

    private Sim3Alignment(double scale, Matrix3d rotation, Vector3d translation) {
        this.scale = scale;
        this.rotation = rotation;
        this.translation = translation;
    }

    /** The similarity taking {@code from} points onto {@code to} points in least squares. */
    public static Sim3Alignment fit(List<Vector3d> from, List<Vector3d> to) {
        int n = from.size();
        Vector3d muFrom = new Vector3d();
        Vector3d muTo = new Vector3d();
        for (int i = 0; i < n; i++) {
            muFrom.add(from.get(i));
            muTo.add(to.get(i));
        }
        muFrom.div(n);
        muTo.div(n);
        double[][] cov = new double[3][3];
        double varFrom = 0;
        for (int i = 0; i < n; i++) {
            Vector3d a = new Vector3d(from.get(i)).sub(muFrom);
            Vector3d b = new Vector3d(to.get(i)).sub(muTo);
            varFrom += a.lengthSquared();
            double[] av = {a.x, a.y, a.z};
            double[] bv = {b.x, b.y, b.z};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    cov[r][c] += bv[r] * av[c] / n;
                }
            }
        }
        varFrom /= n;
        double[][] u = new double[3][3];
        double[] s = new double[3];
        double[][] v = new double[3][3];
        Svd3.decompose(cov, u, s, v);
        double det = Svd3.det(u) * Svd3.det(v);
        double[] d = {1, 1, det < 0 ? -1 : 1};
        double[][] r = new double[3][3];
        double trace = 0;
        for (int i = 0; i < 3; i++) {
            trace += d[i] * s[i];
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i][j] += u[i][k] * d[k] * v[j][k];
                }
            }
        }
        double scale = trace / varFrom;
        Matrix3d rot = new Matrix3d(r[0][0], r[1][0], r[2][0], r[0][1], r[1][1], r[2][1], r[0][2], r[1][2], r[2][2]);
        Vector3d t = new Vector3d(muTo).sub(rot.transform(new Vector3d(muFrom)).mul(scale));
        return new Sim3Alignment(scale, rot, t);
    }

    public Vector3d apply(Vector3d p) {
        return rotation.transform(new Vector3d(p)).mul(scale).add(translation);
    }

    /** Per camera: degrees between aligned estimated and true camera-to-world rotations. */
    public double[] rotationErrorsDegrees(List<Matrix4dc> estimatedC2w, List<Matrix4dc> trueC2w) {
        double[] errors = new double[estimatedC2w.size()];
        for (int i = 0; i < errors.length; i++) {
            Matrix3d est = new Matrix3d(rotation).mul(new Matrix3d().set(estimatedC2w.get(i)));
            Matrix3d truth = new Matrix3d().set(trueC2w.get(i));
            Matrix3d diff = new Matrix3d(truth).transpose().mul(est);
            double cos = (diff.m00 + diff.m11 + diff.m22 - 1) / 2;
            errors[i] = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
        }
        return errors;
    }

    /**
     * The largest distance between an aligned estimated camera centre and its true one, as a
     * fraction of the orbit's radius (the first true centre's distance from their mean).
     */
    public double worstCentreErrorOfRadius(List<Matrix4dc> estimatedC2w, List<Matrix4dc> trueC2w) {
        List<Vector3d> centres = centres(estimatedC2w);
        List<Vector3d> trueCentres = centres(trueC2w);
        Vector3d middle = new Vector3d();
        trueCentres.forEach(middle::add);
        middle.div(trueCentres.size());
        double worst = 0;
        for (int i = 0; i < centres.size(); i++) {
            worst = Math.max(worst, apply(centres.get(i)).distance(trueCentres.get(i)));
        }
        return worst / trueCentres.getFirst().distance(middle);
    }

    public static List<Vector3d> centres(List<Matrix4dc> c2w) {
        List<Vector3d> out = new ArrayList<>();
        for (Matrix4dc m : c2w) {
            out.add(m.getTranslation(new Vector3d()));
        }
        return out;
    }

    public static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
