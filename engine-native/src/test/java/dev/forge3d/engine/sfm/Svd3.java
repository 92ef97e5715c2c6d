package dev.forge3d.engine.sfm;

/** A 3x3 SVD by Jacobi eigen-decomposition of A^T A, accurate enough for test alignments. */
final class Svd3 {
    private Svd3() {
    }

    static void decompose(double[][] a, double[][] u, double[] s, double[][] v) {
        double[][] ata = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    ata[i][j] += a[k][i] * a[k][j];
                }
            }
        }
        double[] eig = new double[3];
        jacobi(ata, eig, v);
        // sort descending
        for (int i = 0; i < 2; i++) {
            for (int j = i + 1; j < 3; j++) {
                if (eig[j] > eig[i]) {
                    double t = eig[i];
                    eig[i] = eig[j];
                    eig[j] = t;
                    for (int k = 0; k < 3; k++) {
                        double tv = v[k][i];
                        v[k][i] = v[k][j];
                        v[k][j] = tv;
                    }
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            s[i] = Math.sqrt(Math.max(0, eig[i]));
            for (int r = 0; r < 3; r++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += a[r][k] * v[k][i];
                }
                u[r][i] = s[i] > 1e-12 ? sum / s[i] : 0;
            }
        }
        {
            // The third column from the first two: for (nearly) coplanar data A v3 / s3 is noise.
            u[0][2] = u[1][0] * u[2][1] - u[2][0] * u[1][1];
            u[1][2] = u[2][0] * u[0][1] - u[0][0] * u[2][1];
            u[2][2] = u[0][0] * u[1][1] - u[1][0] * u[0][1];
        }
    }

    static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static void jacobi(double[][] m, double[] eig, double[][] v) {
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            a[i] = m[i].clone();
            for (int j = 0; j < 3; j++) {
                v[i][j] = i == j ? 1 : 0;
            }
        }
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = Math.abs(a[0][1]) + Math.abs(a[0][2]) + Math.abs(a[1][2]);
            if (off < 1e-15) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < 3; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - sn * aqk;
                        a[q][k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < 3; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - sn * vkq;
                        v[k][q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            eig[i] = a[i][i];
        }
    }
}
