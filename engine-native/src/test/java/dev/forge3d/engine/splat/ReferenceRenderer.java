package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.SplatView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An independent float64 implementation of the splat forward pass and the loss, written
 * straight from the formulas (matrices, a per-pixel depth sort, a full 2D SSIM window): the
 * finite-difference reference for the gradient checks. It keeps the float rasteriser's
 * discontinuous rules (tile rectangles, alpha thresholds) so both compute the same function.
 */
final class ReferenceRenderer {
    private ReferenceRenderer() {
    }

    /** Parameters in float64, laid out like SplatArrays. */
    record Params(int count, double[] means, double[] logScales, double[] rotations, double[] opacityLogits,
                  double[] shDc, double[] shRest) {
        double[] group(int g) {
            return switch (g) {
                case 0 -> means;
                case 1 -> logScales;
                case 2 -> rotations;
                case 3 -> opacityLogits;
                case 4 -> shDc;
                default -> shRest;
            };
        }
    }

    static double[] render(Params p, int degree, SplatView view, double[] background) {
        int w = view.width();
        int h = view.height();
        float[] m = view.worldToCamera();
        double[][] rot = {{m[0], m[1], m[2]}, {m[4], m[5], m[6]}, {m[8], m[9], m[10]}};
        double[] trans = {m[3], m[7], m[11]};
        double[] centre = new double[3];
        for (int k = 0; k < 3; k++) {
            centre[k] = -(rot[0][k] * trans[0] + rot[1][k] * trans[1] + rot[2][k] * trans[2]);
        }
        int tilesX = (w + 15) / 16;
        int tilesY = (h + 15) / 16;
        List<double[]> splats = new ArrayList<>(); // u v a b c opacity r g b depth index minX minY maxX maxY
        for (int i = 0; i < p.count(); i++) {
            double[] mean = {p.means()[3 * i], p.means()[3 * i + 1], p.means()[3 * i + 2]};
            double[] t = new double[3];
            for (int r = 0; r < 3; r++) {
                t[r] = rot[r][0] * mean[0] + rot[r][1] * mean[1] + rot[r][2] * mean[2] + trans[r];
            }
            if (!(t[2] > 0.2)) {
                continue;
            }
            double qw = p.rotations()[4 * i], qx = p.rotations()[4 * i + 1];
            double qy = p.rotations()[4 * i + 2], qz = p.rotations()[4 * i + 3];
            double qn = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
            qw /= qn;
            qx /= qn;
            qy /= qn;
            qz /= qn;
            double[][] rq = {
                    {1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qw * qz), 2 * (qx * qz + qw * qy)},
                    {2 * (qx * qy + qw * qz), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qw * qx)},
                    {2 * (qx * qz - qw * qy), 2 * (qy * qz + qw * qx), 1 - 2 * (qx * qx + qy * qy)}};
            double[][] sigma = new double[3][3];
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    for (int k = 0; k < 3; k++) {
                        sigma[a][b] += rq[a][k] * Math.exp(2 * p.logScales()[3 * i + k]) * rq[b][k];
                    }
                }
            }
            double fx = view.fx(), fy = view.fy();
            double loX = -(view.cx() + 0.15 * w) / fx, hiX = (w - view.cx() + 0.15 * w) / fx;
            double loY = -(view.cy() + 0.15 * h) / fy, hiY = (h - view.cy() + 0.15 * h) / fy;
            double txc = Math.min(hiX, Math.max(loX, t[0] / t[2])) * t[2];
            double tyc = Math.min(hiY, Math.max(loY, t[1] / t[2])) * t[2];
            double[][] j = {{fx / t[2], 0, -fx * txc / (t[2] * t[2])}, {0, fy / t[2], -fy * tyc / (t[2] * t[2])}};
            double[][] tm = new double[2][3];
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 3; b++) {
                    for (int k = 0; k < 3; k++) {
                        tm[a][b] += j[a][k] * rot[k][b];
                    }
                }
            }
            double[][] cov = new double[2][2];
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    for (int k = 0; k < 3; k++) {
                        for (int l = 0; l < 3; l++) {
                            cov[a][b] += tm[a][k] * sigma[k][l] * tm[b][l];
                        }
                    }
                }
            }
            cov[0][0] += 0.3;
            cov[1][1] += 0.3;
            double det = cov[0][0] * cov[1][1] - cov[0][1] * cov[0][1];
            if (!(det > 0)) {
                continue;
            }
            double mid = 0.5 * (cov[0][0] + cov[1][1]);
            double lambda = mid + Math.sqrt(Math.max(0.1, mid * mid - det));
            int radius = (int) Math.ceil(3 * Math.sqrt(lambda));
            double u = fx * t[0] / t[2] + view.cx();
            double v = fy * t[1] / t[2] + view.cy();
            int minX = clamp((int) Math.floor((u - radius) / 16), tilesX);
            int maxX = clamp((int) Math.floor((u + radius) / 16) + 1, tilesX);
            int minY = clamp((int) Math.floor((v - radius) / 16), tilesY);
            int maxY = clamp((int) Math.floor((v + radius) / 16) + 1, tilesY);
            if ((maxX - minX) * (maxY - minY) == 0) {
                continue;
            }
            double[] dir = {mean[0] - centre[0], mean[1] - centre[1], mean[2] - centre[2]};
            double len = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
            double[] basis = basis(dir[0] / len, dir[1] / len, dir[2] / len);
            double[] rgb = new double[3];
            int coefficients = (degree + 1) * (degree + 1);
            for (int ch = 0; ch < 3; ch++) {
                double sum = basis[0] * p.shDc()[3 * i + ch];
                for (int k = 1; k < coefficients; k++) {
                    sum += basis[k] * p.shRest()[45 * i + 3 * (k - 1) + ch];
                }
                rgb[ch] = Math.max(0, sum + 0.5);
            }
            splats.add(new double[] {u, v, cov[1][1] / det, -cov[0][1] / det, cov[0][0] / det,
                    1 / (1 + Math.exp(-p.opacityLogits()[i])), rgb[0], rgb[1], rgb[2], t[2], i, minX, minY, maxX, maxY});
        }
        splats.sort(Comparator.<double[]>comparingDouble(s -> s[9]).thenComparingDouble(s -> s[10]));
        double[] image = new double[3 * w * h];
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                int tx = px / 16, ty = py / 16;
                double tr = 1;
                double[] c = new double[3];
                for (double[] s : splats) {
                    if (tx < s[11] || tx >= s[13] || ty < s[12] || ty >= s[14]) {
                        continue;
                    }
                    double dx = s[0] - (px + 0.5), dy = s[1] - (py + 0.5);
                    double power = -0.5 * (s[2] * dx * dx + s[4] * dy * dy) - s[3] * dx * dy;
                    if (power > 0) {
                        continue;
                    }
                    double alpha = Math.min(0.99, s[5] * Math.exp(power));
                    if (alpha < 1 / 255.0) {
                        continue;
                    }
                    if (tr * (1 - alpha) < 1e-4) {
                        break;
                    }
                    for (int ch = 0; ch < 3; ch++) {
                        c[ch] += s[6 + ch] * alpha * tr;
                    }
                    tr *= 1 - alpha;
                }
                for (int ch = 0; ch < 3; ch++) {
                    image[ch * w * h + py * w + px] = c[ch] + tr * background[ch];
                }
            }
        }
        return image;
    }

    private static int clamp(int v, int n) {
        return Math.min(n, Math.max(0, v));
    }

    static double[] basis(double x, double y, double z) {
        double xx = x * x, yy = y * y, zz = z * z;
        return new double[] {0.28209479177387814, -0.4886025119029199 * y, 0.4886025119029199 * z,
                -0.4886025119029199 * x, 1.0925484305920792 * x * y, -1.0925484305920792 * y * z,
                0.31539156525252005 * (2 * zz - xx - yy), -1.0925484305920792 * x * z,
                0.5462742152960396 * (xx - yy), -0.5900435899266435 * y * (3 * xx - yy),
                2.890611442640554 * x * y * z, -0.4570457994644658 * y * (4 * zz - xx - yy),
                0.3731763325901154 * z * (2 * zz - 3 * xx - 3 * yy), -0.4570457994644658 * x * (4 * zz - xx - yy),
                1.445305721320277 * z * (xx - yy), -0.5900435899266435 * x * (xx - 3 * yy)};
    }

    /** 0.8 L1 + 0.2 (1 - SSIM) with a full 11x11 window and zero padding. */
    static double loss(double[] image, double[] target, int w, int h) {
        double[] g1 = new double[11];
        double sum = 0;
        for (int k = 0; k < 11; k++) {
            g1[k] = Math.exp(-((k - 5) * (k - 5)) / (2 * 1.5 * 1.5));
            sum += g1[k];
        }
        double l1 = 0;
        double ssim = 0;
        for (int ch = 0; ch < 3; ch++) {
            int o = ch * w * h;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double mu1 = 0, mu2 = 0, e11 = 0, e22 = 0, e12 = 0;
                    for (int dy = -5; dy <= 5; dy++) {
                        for (int dx = -5; dx <= 5; dx++) {
                            int xx = x + dx, yy = y + dy;
                            if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
                                continue;
                            }
                            double wt = g1[dx + 5] * g1[dy + 5] / (sum * sum);
                            double a = image[o + yy * w + xx], b = target[o + yy * w + xx];
                            mu1 += wt * a;
                            mu2 += wt * b;
                            e11 += wt * a * a;
                            e22 += wt * b * b;
                            e12 += wt * a * b;
                        }
                    }
                    double c1 = 1e-4, c2 = 9e-4;
                    ssim += (2 * mu1 * mu2 + c1) * (2 * (e12 - mu1 * mu2) + c2)
                            / ((mu1 * mu1 + mu2 * mu2 + c1) * (e11 - mu1 * mu1 + e22 - mu2 * mu2 + c2));
                    l1 += Math.abs(image[o + y * w + x] - target[o + y * w + x]);
                }
            }
        }
        double n = 3.0 * w * h;
        return 0.8 * l1 / n + 0.2 * (1 - ssim / n);
    }
}
