package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.DensifyCounts;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The CPU twin of adaptive density control (3DGS): from the mean view-space positional gradient
 * of each Gaussian since the last call, clone the small ones and split the large ones (two
 * children sampled from the Gaussian, scales divided by 1.6), then prune the transparent and
 * the too large. New Gaussians get zero Adam moments; survivors keep theirs. Candidates beyond
 * the Gaussian cap are dropped, lowest gradient first.
 */
final class Densification {
    private static final float SPLIT_SCALE_DIVISOR = 1.6f;

    private Densification() {
    }

    /** The model and its Adam moments, which move with their Gaussian. */
    record State(SplatArrays params, SplatArrays moment1, SplatArrays moment2) {
    }

    /**
     * @param meanGradient mean NDC positional gradient norm per Gaussian
     * @param maxRadius    largest screen radius per Gaussian since the last call
     */
    static State run(State state, float[] meanGradient, float[] maxRadius, DensifySettings settings,
                     float sceneExtent, int maxGaussians, SplittableRandom random, int[] counts) {
        SplatArrays p = state.params();
        int n = p.count();
        float denseLimit = settings.percentDense() * sceneExtent;
        byte[] action = new byte[n]; // 0 keep, 1 clone, 2 split
        int candidates = 0;
        for (int i = 0; i < n; i++) {
            if (meanGradient[i] >= settings.gradientThreshold()) {
                action[i] = maxScale(p, i) <= denseLimit ? (byte) 1 : (byte) 2;
                candidates++;
            }
        }
        int budget = Math.max(0, maxGaussians - n);
        if (candidates > budget) {
            dropLowestGradients(action, meanGradient, candidates - budget);
        }
        int cloned = 0;
        int split = 0;
        for (byte a : action) {
            cloned += a == 1 ? 1 : 0;
            split += a == 2 ? 1 : 0;
        }
        // Layout: originals not split, then clones, then two children per split Gaussian.
        int grown = n - split + cloned + 2 * split;
        SplatArrays next = SplatArrays.allocate(grown);
        int[] source = new int[grown];
        boolean[] fresh = new boolean[grown];
        boolean[] screenChecked = new boolean[grown];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (action[i] != 2) {
                copy(p, i, next, j);
                source[j] = i;
                screenChecked[j] = true;
                j++;
            }
        }
        for (int i = 0; i < n; i++) {
            if (action[i] == 1) {
                copy(p, i, next, j);
                source[j] = i;
                fresh[j] = true;
                j++;
            }
        }
        float[] r = new float[9];
        for (int i = 0; i < n; i++) {
            if (action[i] != 2) {
                continue;
            }
            float qw = p.rotations()[4 * i], qx = p.rotations()[4 * i + 1];
            float qy = p.rotations()[4 * i + 2], qz = p.rotations()[4 * i + 3];
            float qn = (float) Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
            Projection.rotation(qw / qn, qx / qn, qy / qn, qz / qn, r);
            for (int child = 0; child < 2; child++) {
                copy(p, i, next, j);
                float[] s = new float[3];
                for (int k = 0; k < 3; k++) {
                    float scale = (float) Math.exp(p.logScales()[3 * i + k]);
                    s[k] = (float) random.nextGaussian() * scale;
                    next.logScales()[3 * j + k] = (float) Math.log(scale / SPLIT_SCALE_DIVISOR);
                }
                for (int k = 0; k < 3; k++) {
                    next.means()[3 * j + k] = p.means()[3 * i + k] + r[3 * k] * s[0] + r[3 * k + 1] * s[1]
                            + r[3 * k + 2] * s[2];
                }
                source[j] = i;
                fresh[j] = true;
                j++;
            }
        }
        // Prune.
        float minLogit = logit(settings.minOpacity());
        float worldLimit = settings.maxWorldScale() * sceneExtent;
        boolean[] keep = new boolean[grown];
        int kept = 0;
        for (int k = 0; k < grown; k++) {
            boolean transparent = next.opacityLogits()[k] < minLogit;
            boolean bigOnScreen = settings.maxScreenRadius() > 0 && screenChecked[k]
                    && maxRadius[source[k]] > settings.maxScreenRadius();
            boolean bigInWorld = settings.maxWorldScale() > 0 && maxScale(next, k) > worldLimit;
            keep[k] = !(transparent || bigOnScreen || bigInWorld);
            kept += keep[k] ? 1 : 0;
        }
        SplatArrays params = SplatArrays.allocate(kept);
        SplatArrays m1 = SplatArrays.allocate(kept);
        SplatArrays m2 = SplatArrays.allocate(kept);
        int out = 0;
        for (int k = 0; k < grown; k++) {
            if (!keep[k]) {
                continue;
            }
            copy(next, k, params, out);
            if (!fresh[k]) {
                copy(state.moment1(), source[k], m1, out);
                copy(state.moment2(), source[k], m2, out);
            }
            out++;
        }
        counts[0] = cloned;
        counts[1] = split;
        counts[2] = n + cloned + split - kept;
        return new State(params, m1, m2);
    }

    static DensifyCounts counts(int[] counts, int count) {
        return new DensifyCounts(counts[0], counts[1], counts[2], count);
    }

    private static void dropLowestGradients(byte[] action, float[] gradient, int drop) {
        int n = action.length;
        long[] order = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (action[i] != 0) {
                // Ascending gradient, ties by index: non-negative float bits order like the floats.
                order[m++] = ((long) Float.floatToRawIntBits(gradient[i]) << 32) | i;
            }
        }
        Arrays.sort(order, 0, m);
        for (int k = 0; k < drop; k++) {
            action[(int) order[k]] = 0;
        }
    }

    static float maxScale(SplatArrays p, int i) {
        float m = Math.max(p.logScales()[3 * i], Math.max(p.logScales()[3 * i + 1], p.logScales()[3 * i + 2]));
        return (float) Math.exp(m);
    }

    static float logit(float p) {
        return (float) Math.log(p / (1 - p));
    }

    static void copy(SplatArrays from, int i, SplatArrays to, int j) {
        System.arraycopy(from.means(), 3 * i, to.means(), 3 * j, 3);
        System.arraycopy(from.logScales(), 3 * i, to.logScales(), 3 * j, 3);
        System.arraycopy(from.rotations(), 4 * i, to.rotations(), 4 * j, 4);
        to.opacityLogits()[j] = from.opacityLogits()[i];
        System.arraycopy(from.shDc(), 3 * i, to.shDc(), 3 * j, 3);
        System.arraycopy(from.shRest(), 45 * i, to.shRest(), 45 * j, 45);
    }
}
