package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.DensifyCounts;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;

import java.util.Arrays;

/**
 * The CPU twin of adaptive density control (3DGS): from the mean view-space positional gradient
 * of each Gaussian since the last call, clone the small ones and split the large ones (two
 * children sampled from the Gaussian, scales divided by 1.6), then prune the transparent and
 * the too large. New Gaussians get zero Adam moments; survivors keep theirs. Candidates beyond
 * the Gaussian cap are dropped, lowest gradient first.
 *
 * <p>Structured as the CUDA twin ({@code splat/densify.cu}) runs it: one {@link #decide action}
 * per Gaussian, the {@link #keepFlags keep flags} of every Gaussian it would produce, an
 * exclusive prefix sum of those flags (the stream compaction), then one independent write per
 * source Gaussian. Split samples come from {@link CounterRandom}, a function of the Gaussian's
 * index, so the order of the writes does not matter.
 */
final class Densification {
    static final byte KEEP = 0;
    static final byte CLONE = 1;
    static final byte SPLIT = 2;
    private static final float SPLIT_SCALE_DIVISOR = 1.6f;

    private Densification() {
    }

    /** The model and its Adam moments, which move with their Gaussian. */
    record State(SplatArrays params, SplatArrays moment1, SplatArrays moment2) {
    }

    /**
     * What a densification does, before any Gaussian is written (the device's plan reads back
     * only the counts): the action per source Gaussian after the cap, the keep flags of every
     * output it would produce ({@link #keepFlags}) and their exclusive prefix sum.
     */
    record Plan(byte[] action, int[] flags, int[] destination, int cloned, int split, int kept) {
        /** Split children that survive the prune: the output's last entries, from destination[2n] on. */
        int keptChildren() {
            int n = action.length;
            return n == 0 ? 0 : kept - destination[2 * n];
        }

        int pruned() {
            return action.length + cloned + split - kept;
        }
    }

    /**
     * Densification in one call: {@link #plan}, then {@link #apply}.
     *
     * @param meanGradient mean NDC positional gradient norm per Gaussian
     * @param maxRadius    largest screen radius per Gaussian since the last call
     * @param seed         the session's seed
     * @param callIndex    which densification of the session this is (0, 1, ...): with the seed,
     *                     it selects the split samples
     * @param counts       receives cloned, split and pruned
     */
    static State run(State state, float[] meanGradient, float[] maxRadius, DensifySettings settings,
                     float sceneExtent, int maxGaussians, long seed, long callIndex, int[] counts) {
        Plan plan = plan(state.params(), meanGradient, maxRadius, settings, sceneExtent, maxGaussians);
        counts[0] = plan.cloned();
        counts[1] = plan.split();
        counts[2] = plan.pruned();
        return apply(state, plan, seed, callIndex);
    }

    /** Decides clone, split and prune for every Gaussian of {@code p}; see {@link #run}. */
    static Plan plan(SplatArrays p, float[] meanGradient, float[] maxRadius, DensifySettings settings,
                     float sceneExtent, int maxGaussians) {
        int n = p.count();
        byte[] action = decide(p, meanGradient, settings, sceneExtent);
        int candidates = 0;
        for (byte a : action) {
            candidates += a != KEEP ? 1 : 0;
        }
        int budget = Math.max(0, maxGaussians - n);
        if (candidates > budget) {
            dropLowestGradients(action, meanGradient, candidates - budget);
        }
        int cloned = 0;
        int split = 0;
        for (byte a : action) {
            cloned += a == CLONE ? 1 : 0;
            split += a == SPLIT ? 1 : 0;
        }
        int[] flags = keepFlags(p, action, maxRadius, settings, sceneExtent);
        int[] destination = new int[flags.length];
        int kept = exclusivePrefixSum(flags, destination);
        return new Plan(action, flags, destination, cloned, split, kept);
    }

    /** The densified model and moments of {@code plan}: one independent write per source Gaussian. */
    static State apply(State state, Plan plan, long seed, long callIndex) {
        int n = state.params().count();
        SplatArrays params = SplatArrays.allocate(plan.kept());
        SplatArrays m1 = SplatArrays.allocate(plan.kept());
        SplatArrays m2 = SplatArrays.allocate(plan.kept());
        float[] r = new float[9];
        for (int i = 0; i < n; i++) {
            writeGaussian(state, i, plan.action()[i], plan.flags(), plan.destination(), seed, callIndex, params, m1,
                    m2, r);
        }
        return new State(params, m1, m2);
    }

    static DensifyCounts counts(int[] counts, int count) {
        return new DensifyCounts(counts[0], counts[1], counts[2], count);
    }

    /** Per Gaussian: {@link #CLONE} or {@link #SPLIT} when its mean gradient reaches the threshold, else KEEP. */
    static byte[] decide(SplatArrays p, float[] meanGradient, DensifySettings settings, float sceneExtent) {
        float denseLimit = settings.percentDense() * sceneExtent;
        byte[] action = new byte[p.count()];
        for (int i = 0; i < action.length; i++) {
            if (meanGradient[i] >= settings.gradientThreshold()) {
                action[i] = maxScale(p, i) <= denseLimit ? CLONE : SPLIT;
            }
        }
        return action;
    }

    private static void dropLowestGradients(byte[] action, float[] gradient, int drop) {
        int n = action.length;
        long[] order = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (action[i] != KEEP) {
                // Ascending gradient, ties by index: non-negative float bits order like the floats.
                order[m++] = ((long) Float.floatToRawIntBits(gradient[i]) << 32) | i;
            }
        }
        Arrays.sort(order, 0, m);
        for (int k = 0; k < drop; k++) {
            action[(int) order[k]] = KEEP;
        }
    }

    /**
     * What survives the prune, in the output's three segments: {@code [i]} 1 when Gaussian i is
     * not split and kept, {@code [n + i]} 1 when it is cloned and the clone kept, {@code [2n + i]}
     * 2 when it is split and its two children kept (they share opacity and scales). An exclusive
     * prefix sum over the whole array then gives each output's index: originals not split, clones,
     * children, each in source order.
     */
    static int[] keepFlags(SplatArrays p, byte[] action, float[] maxRadius, DensifySettings settings,
                           float sceneExtent) {
        int n = p.count();
        float minLogit = logit(settings.minOpacity());
        float worldLimit = settings.maxWorldScale() * sceneExtent;
        boolean pruneOnScreen = settings.maxScreenRadius() > 0;
        boolean pruneInWorld = settings.maxWorldScale() > 0;
        int[] flags = new int[3 * n];
        float[] childLogScales = new float[3];
        for (int i = 0; i < n; i++) {
            boolean transparent = p.opacityLogits()[i] < minLogit;
            if (action[i] == SPLIT) {
                for (int k = 0; k < 3; k++) {
                    childLogScales[k] = splitLogScale(p.logScales()[3 * i + k]);
                }
                boolean childTooLarge = pruneInWorld && maxScale(childLogScales, 0) > worldLimit;
                flags[2 * n + i] = transparent || childTooLarge ? 0 : 2;
                continue;
            }
            boolean tooLarge = pruneInWorld && maxScale(p, i) > worldLimit;
            // Only the originals have a screen radius: clones are new since the last statistics.
            boolean largeOnScreen = pruneOnScreen && maxRadius[i] > settings.maxScreenRadius();
            flags[i] = transparent || tooLarge || largeOnScreen ? 0 : 1;
            if (action[i] == CLONE) {
                flags[n + i] = transparent || tooLarge ? 0 : 1;
            }
        }
        return flags;
    }

    /** {@code sums[k]} = the sum of {@code values[0..k)}; returns the sum of all. */
    static int exclusivePrefixSum(int[] values, int[] sums) {
        int sum = 0;
        for (int k = 0; k < values.length; k++) {
            sums[k] = sum;
            sum += values[k];
        }
        return sum;
    }

    /**
     * Writes what source Gaussian {@code i} becomes, at the output indices the prefix sum gave:
     * itself with its moments, its clone, or its two children, fresh ones with zero moments (the
     * output arrays start zeroed). Pruned outputs (flag 0) are not written.
     */
    private static void writeGaussian(State state, int i, byte action, int[] flags, int[] destination, long seed,
                                      long callIndex, SplatArrays params, SplatArrays m1, SplatArrays m2, float[] r) {
        SplatArrays p = state.params();
        int n = p.count();
        if (action != SPLIT) {
            int j = destination[i];
            if (flags[i] != 0) {
                copy(p, i, params, j);
                copy(state.moment1(), i, m1, j);
                copy(state.moment2(), i, m2, j);
            }
            if (flags[n + i] != 0) {
                copy(p, i, params, destination[n + i]);
            }
            return;
        }
        if (flags[2 * n + i] == 0) {
            return;
        }
        float qw = p.rotations()[4 * i], qx = p.rotations()[4 * i + 1];
        float qy = p.rotations()[4 * i + 2], qz = p.rotations()[4 * i + 3];
        float qn = (float) Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
        Projection.rotation(qw / qn, qx / qn, qy / qn, qz / qn, r);
        float[] s = new float[3];
        for (int child = 0; child < 2; child++) {
            int j = destination[2 * n + i] + child;
            copy(p, i, params, j);
            for (int k = 0; k < 3; k++) {
                float scale = (float) Math.exp(p.logScales()[3 * i + k]);
                s[k] = CounterRandom.normal(seed, callIndex, i, 3 * child + k) * scale;
                params.logScales()[3 * j + k] = splitLogScale(p.logScales()[3 * i + k]);
            }
            for (int k = 0; k < 3; k++) {
                params.means()[3 * j + k] = p.means()[3 * i + k] + r[3 * k] * s[0] + r[3 * k + 1] * s[1]
                        + r[3 * k + 2] * s[2];
            }
        }
    }

    /** A split child's log-scale: the parent's scale divided by 1.6. */
    static float splitLogScale(float logScale) {
        float scale = (float) Math.exp(logScale);
        return (float) Math.log(scale / SPLIT_SCALE_DIVISOR);
    }

    static float maxScale(SplatArrays p, int i) {
        return maxScale(p.logScales(), 3 * i);
    }

    private static float maxScale(float[] logScales, int offset) {
        float m = Math.max(logScales[offset], Math.max(logScales[offset + 1], logScales[offset + 2]));
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
