package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.engine.dataset.SparsePoint;

import java.util.Arrays;
import java.util.List;

/**
 * The 3DGS initialisation from sparse points: one isotropic Gaussian per point, its colour in
 * the DC term, its scale the root mean square distance to its 3 nearest neighbours, identity
 * rotation and opacity 0.1.
 */
public final class SplatInitialisation {
    static final float INITIAL_OPACITY = 0.1f;
    private static final int NEIGHBOURS = 3;

    private SplatInitialisation() {
    }

    public static SplatArrays fromPoints(List<SparsePoint> points) {
        int n = points.size();
        SplatArrays g = SplatArrays.allocate(n);
        double[] xyz = new double[3 * n];
        for (int i = 0; i < n; i++) {
            SparsePoint p = points.get(i);
            xyz[3 * i] = p.x();
            xyz[3 * i + 1] = p.y();
            xyz[3 * i + 2] = p.z();
        }
        double[] meanSquared = meanSquaredNeighbourDistance(xyz, NEIGHBOURS);
        float opacityLogit = (float) Math.log(INITIAL_OPACITY / (1 - INITIAL_OPACITY));
        for (int i = 0; i < n; i++) {
            SparsePoint p = points.get(i);
            g.means()[3 * i] = (float) p.x();
            g.means()[3 * i + 1] = (float) p.y();
            g.means()[3 * i + 2] = (float) p.z();
            int[] rgb = {p.red(), p.green(), p.blue()};
            float logScale = (float) (0.5 * Math.log(Math.max(meanSquared[i], 1e-7)));
            for (int k = 0; k < 3; k++) {
                g.shDc()[3 * i + k] = (float) ((rgb[k] / 255.0 - 0.5) / SphericalHarmonics.C0_DOUBLE);
                g.logScales()[3 * i + k] = logScale;
            }
            g.rotations()[4 * i] = 1;
            g.opacityLogits()[i] = opacityLogit;
        }
        return g;
    }

    /**
     * Mean squared distance from each point to its k nearest others, through a uniform grid of
     * about two points per cell searched in growing shells. The grid spans the 1st to 99th
     * percentile on each axis, and points beyond it are kept in its border cells: a few far points
     * (SfM's stray points on the sky) would otherwise stretch the cells until the rest share one,
     * and the search turns quadratic. Clamping to the grid never brings two points closer, so the
     * shells' distance bound still holds for them.
     */
    static double[] meanSquaredNeighbourDistance(double[] xyz, int k) {
        int n = xyz.length / 3;
        double[] result = new double[n];
        if (n <= 1) {
            Arrays.fill(result, 1e-2);
            return result;
        }
        double[] lo = new double[3];
        double[] hi = new double[3];
        for (int a = 0; a < 3; a++) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = xyz[3 * i + a];
            }
            Arrays.sort(values);
            lo[a] = values[(int) (0.01 * (n - 1))];
            hi[a] = values[(int) Math.ceil(0.99 * (n - 1))];
        }
        double extent = Math.max(hi[0] - lo[0], Math.max(hi[1] - lo[1], hi[2] - lo[2]));
        int cellsPerAxis = (int) Math.max(1, Math.min(256, Math.cbrt(n / 2.0)));
        double cell = Math.max(extent / cellsPerAxis, 1e-9);
        int[] dims = new int[3];
        for (int a = 0; a < 3; a++) {
            dims[a] = Math.max(1, (int) Math.floor((hi[a] - lo[a]) / cell) + 1);
        }
        int cells = dims[0] * dims[1] * dims[2];
        int[] start = new int[cells + 1];
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            cellOf[i] = (cell(xyz, i, 0, lo, cell, dims) * dims[1] + cell(xyz, i, 1, lo, cell, dims)) * dims[2]
                    + cell(xyz, i, 2, lo, cell, dims);
            start[cellOf[i] + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            start[c + 1] += start[c];
        }
        int[] sorted = new int[n];
        int[] fill = Arrays.copyOf(start, cells);
        for (int i = 0; i < n; i++) {
            sorted[fill[cellOf[i]]++] = i;
        }
        double[] best = new double[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(best, Double.MAX_VALUE);
            int cx = cell(xyz, i, 0, lo, cell, dims);
            int cy = cell(xyz, i, 1, lo, cell, dims);
            int cz = cell(xyz, i, 2, lo, cell, dims);
            int maxShell = Math.max(dims[0], Math.max(dims[1], dims[2]));
            for (int shell = 0; shell <= maxShell; shell++) {
                for (int x = cx - shell; x <= cx + shell; x++) {
                    for (int y = cy - shell; y <= cy + shell; y++) {
                        for (int z = cz - shell; z <= cz + shell; z++) {
                            boolean onShell = Math.abs(x - cx) == shell || Math.abs(y - cy) == shell
                                    || Math.abs(z - cz) == shell;
                            if (!onShell || x < 0 || y < 0 || z < 0 || x >= dims[0] || y >= dims[1] || z >= dims[2]) {
                                continue;
                            }
                            int c = (x * dims[1] + y) * dims[2] + z;
                            for (int s = start[c]; s < start[c + 1]; s++) {
                                int j = sorted[s];
                                if (j != i) {
                                    insert(best, squaredDistance(xyz, i, j));
                                }
                            }
                        }
                    }
                }
                // Every point outside the searched cube is at least shell * cell away.
                double reach = shell * cell;
                if (best[k - 1] <= reach * reach) {
                    break;
                }
            }
            double sum = 0;
            int found = 0;
            for (double d : best) {
                if (d != Double.MAX_VALUE) {
                    sum += d;
                    found++;
                }
            }
            result[i] = found == 0 ? 1e-2 : sum / found;
        }
        return result;
    }

    /** The grid cell of point {@code i} on {@code axis}, points beyond the grid in its border cell. */
    private static int cell(double[] xyz, int i, int axis, double[] lo, double cell, int[] dims) {
        double at = Math.floor((xyz[3 * i + axis] - lo[axis]) / cell);
        return (int) Math.max(0, Math.min(dims[axis] - 1, at));
    }

    private static double squaredDistance(double[] xyz, int i, int j) {
        double dx = xyz[3 * i] - xyz[3 * j];
        double dy = xyz[3 * i + 1] - xyz[3 * j + 1];
        double dz = xyz[3 * i + 2] - xyz[3 * j + 2];
        return dx * dx + dy * dy + dz * dz;
    }

    private static void insert(double[] best, double d) {
        if (d >= best[best.length - 1]) {
            return;
        }
        int at = best.length - 1;
        while (at > 0 && best[at - 1] > d) {
            best[at] = best[at - 1];
            at--;
        }
        best[at] = d;
    }
}
