package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.DensifyCounts;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatLearningRates;
import dev.forge3d.api.spi.SplatSession;
import dev.forge3d.api.spi.SplatSessionFactory;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The 3DGS training schedule, backend-independent: one random training camera per step (a
 * fresh permutation per epoch), the per-group learning rates with the exponential decay of the
 * position rate scaled by the scene extent, the SH degree raised every 1,000 steps, adaptive
 * density control every 100 steps and the opacity reset every 3,000. The hot loops run in the
 * backend's {@link SplatSession}.
 */
public final class SplatTrainer {
    static final float POSITION_LR_INIT = 0.00016f;
    static final float POSITION_LR_FINAL = 0.0000016f;
    static final float SH_DC_LR = 0.0025f;
    static final float SH_REST_LR = SH_DC_LR / 20;
    static final float OPACITY_LR = 0.025f;
    static final float SCALE_LR = 0.005f;
    static final float ROTATION_LR = 0.001f;
    static final int SH_INTERVAL = 1_000;
    static final int DENSIFY_FROM = 500;
    static final int DENSIFY_INTERVAL = 100;
    static final int DENSIFY_UNTIL = 15_000;
    static final int OPACITY_RESET_INTERVAL = 3_000;

    private SplatTrainer() {
    }

    /** One training image and its camera. */
    public record Frame(SplatView view, float[] image) {
    }

    /**
     * @param steps         optimisation steps
     * @param maxGaussians  the cap densification respects
     * @param densifyFrom   densification starts after this step: {@value #DENSIFY_FROM} in 3DGS, earlier
     *                      for short runs (a third of the densification window)
     * @param densifyUntil  last step that densifies: {@value #DENSIFY_UNTIL} in 3DGS, and at most
     *                      half the steps here (as 15,000 of 3DGS's 30,000) so new Gaussians get trained
     */
    public record Options(int steps, long seed, int threads, int maxGaussians, float[] background, int densifyFrom,
                          int densifyUntil) {
        public static Options of(int steps, long seed, int threads, int maxGaussians, float[] background) {
            int until = Math.min(DENSIFY_UNTIL, steps / 2);
            return new Options(steps, seed, threads, maxGaussians, background, Math.min(DENSIFY_FROM, until / 3), until);
        }
    }

    /** Told after each step; may throw to stop (cancellation). */
    public interface Listener {
        void afterStep(int step, int steps, float loss, int gaussians);

        default void densified(int step, DensifyCounts counts) {
        }
    }

    /** The radius of the camera centres around their mean, times 1.1 (3DGS's cameras_extent). */
    public static float sceneExtent(List<Frame> frames) {
        double[] mean = new double[3];
        for (Frame f : frames) {
            float[] c = f.view().cameraCentre();
            for (int k = 0; k < 3; k++) {
                mean[k] += c[k] / frames.size();
            }
        }
        double max = 0;
        for (Frame f : frames) {
            float[] c = f.view().cameraCentre();
            double dx = c[0] - mean[0], dy = c[1] - mean[1], dz = c[2] - mean[2];
            max = Math.max(max, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        return (float) Math.max(1.1 * max, 1e-3);
    }

    /** Trains and returns the open session (the caller renders from it and closes it). */
    public static SplatSession train(SplatSessionFactory factory, SplatArrays initial, List<Frame> frames,
                                     Options options, Listener listener) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no training frames");
        }
        float extent = sceneExtent(frames);
        SplatSession session = factory.open(initial, new SplatSettings(extent, options.maxGaussians(),
                options.background(), options.seed(), options.threads()));
        try {
            SplittableRandom random = new SplittableRandom(options.seed());
            int[] order = new int[frames.size()];
            int cursor = order.length;
            for (int step = 1; step <= options.steps(); step++) {
                session.setShDegree(Math.min(3, (step - 1) / SH_INTERVAL));
                if (cursor == order.length) {
                    shuffle(order, random);
                    cursor = 0;
                }
                Frame frame = frames.get(order[cursor++]);
                float loss = session.step(frame.view(), frame.image(), rates(step, options.steps(), extent));
                if (step < options.densifyUntil()) {
                    if (step > options.densifyFrom() && step % DENSIFY_INTERVAL == 0) {
                        DensifyCounts counts = session.densify(DensifySettings.defaults(step > OPACITY_RESET_INTERVAL));
                        listener.densified(step, counts);
                    }
                    if (step % OPACITY_RESET_INTERVAL == 0) {
                        session.resetOpacity(0.01f);
                    }
                }
                listener.afterStep(step, options.steps(), loss, session.count());
            }
            return session;
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
    }

    /** The learning rates at 1-based {@code step}: the position rate decays log-linearly to 1/100. */
    static SplatLearningRates rates(int step, int steps, float extent) {
        double t = Math.min(1.0, (double) step / steps);
        double position = Math.exp((1 - t) * Math.log(POSITION_LR_INIT) + t * Math.log(POSITION_LR_FINAL)) * extent;
        return new SplatLearningRates((float) position, SCALE_LR, ROTATION_LR, OPACITY_LR, SH_DC_LR, SH_REST_LR);
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
