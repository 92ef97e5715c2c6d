package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.AdamHyperParams;
import dev.forge3d.api.spi.DensifyCounts;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatLearningRates;
import dev.forge3d.api.spi.SplatSession;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;
import dev.forge3d.engine.cpu.CpuFusedAdam;

/**
 * Splat training on the CPU: the ops of this package in the order the CUDA session will run its
 * kernels. Buffers are allocated when the model or the image size grows, never per step.
 */
public final class CpuSplatSession implements SplatSession {
    /** Gaussians per projection task. */
    private static final int CHUNK = 2048;

    private final SplatSettings settings;
    private final WorkerPool pool;
    private final CpuFusedAdam adam = new CpuFusedAdam();
    private final float[][] scratch;
    private final Rasteriser.TileScratch[] tileScratch;
    private SplatArrays params;
    private SplatArrays grads;
    private SplatArrays moment1;
    private SplatArrays moment2;
    private final ProjectedGaussians projected;
    private final ScreenGradients screen;
    /** Buffers per image size, so datasets with several cameras do not reallocate per step. */
    private final java.util.Map<Long, FrameBuffers> frames = new java.util.HashMap<>();
    private float[] gradientSum;
    private int[] gradientCount;
    private float[] maxRadius;
    private int shDegree;
    private int adamStep;
    /** Densifications so far: with the seed, it selects the split samples ({@link CounterRandom}). */
    private long densifyCalls;

    public CpuSplatSession(SplatArrays initial, SplatSettings settings) {
        this.settings = settings;
        this.pool = new WorkerPool(settings.threads());
        this.scratch = new float[settings.threads()][Projection.SCRATCH_FLOATS];
        this.tileScratch = new Rasteriser.TileScratch[settings.threads()];
        for (int t = 0; t < tileScratch.length; t++) {
            tileScratch[t] = new Rasteriser.TileScratch();
        }
        this.params = copyOf(initial);
        int n = params.count();
        this.projected = new ProjectedGaussians(Math.max(1, n));
        this.screen = new ScreenGradients(Math.max(1, n));
        resize(n);
        moment1 = SplatArrays.allocate(n);
        moment2 = SplatArrays.allocate(n);
    }

    private void resize(int n) {
        grads = SplatArrays.allocate(n);
        gradientSum = new float[n];
        gradientCount = new int[n];
        maxRadius = new float[n];
        projected.ensureCapacity(n);
        screen.ensureCapacity(n);
    }

    @Override
    public int count() {
        return params.count();
    }

    @Override
    public void setShDegree(int degree) {
        if (degree < 0 || degree > 3) {
            throw new IllegalArgumentException("SH degree must be 0..3: " + degree);
        }
        shDegree = degree;
    }

    @Override
    public void render(SplatView view, float[] image) {
        FrameBuffers f = forward(view);
        System.arraycopy(f.image, 0, image, 0, f.image.length);
    }

    @Override
    public float step(SplatView view, float[] target, SplatLearningRates rates) {
        FrameBuffers f = forward(view);
        float loss = f.loss.lossAndGradient(f.image, target, f.imageGradient, pool);
        backward(view, f);
        accumulateDensifyStatistics(view);
        adamStep++;
        update(params.means(), grads.means(), moment1.means(), moment2.means(), rates.means());
        update(params.logScales(), grads.logScales(), moment1.logScales(), moment2.logScales(), rates.logScales());
        update(params.rotations(), grads.rotations(), moment1.rotations(), moment2.rotations(), rates.rotations());
        update(params.opacityLogits(), grads.opacityLogits(), moment1.opacityLogits(), moment2.opacityLogits(),
                rates.opacityLogits());
        update(params.shDc(), grads.shDc(), moment1.shDc(), moment2.shDc(), rates.shDc());
        update(params.shRest(), grads.shRest(), moment1.shRest(), moment2.shRest(), rates.shRest());
        return loss;
    }

    /** Forward only, for tests: the rendered image, loss and gradients without an update. */
    float lossAndGradients(SplatView view, float[] target) {
        FrameBuffers f = forward(view);
        float loss = f.loss.lossAndGradient(f.image, target, f.imageGradient, pool);
        backward(view, f);
        return loss;
    }

    /** Gradients of the last {@link #lossAndGradients} or step. */
    SplatArrays gradients() {
        return grads;
    }

    private void update(float[] p, float[] g, float[] m, float[] v, float lr) {
        if (p.length > 0) {
            adam.update(p, g, m, v, AdamHyperParams.withLearningRate(lr), adamStep);
        }
    }

    private FrameBuffers forward(SplatView view) {
        FrameBuffers f = frames.computeIfAbsent(((long) view.width() << 32) | view.height(),
                size -> new FrameBuffers(view.width(), view.height()));
        float[] centre = view.cameraCentre();
        int n = params.count();
        pool.forRanges(n, CHUNK, (from, to, worker) -> Projection.forward(params, shDegree, view, centre, projected, from,
                to, scratch[worker]));
        f.bins.bin(projected, n, pool);
        float[] background = settings.background();
        pool.forEach(f.bins.tileCount, (tile, worker) -> Rasteriser.forwardTile(tile, f.bins, projected, f.width,
                f.height, background, f.image, f.finalT, f.contributors, tileScratch[worker]));
        return f;
    }

    private void backward(SplatView view, FrameBuffers f) {
        f.ensureEntries(f.bins.entries);
        float[] background = settings.background();
        pool.forEach(f.bins.tileCount, (tile, worker) -> Rasteriser.backwardTile(tile, f.bins, projected, f.width,
                f.height, background, f.imageGradient, f.finalT, f.contributors, f.entryGradients,
                tileScratch[worker]));
        int n = params.count();
        Rasteriser.reduce(f.bins, f.entryGradients, n, screen.values);
        float[] centre = view.cameraCentre();
        pool.forRanges(n, CHUNK, (from, to, worker) -> Projection.backward(params, shDegree, view, centre, projected,
                screen.values, grads, from, to, scratch[worker]));
    }

    private void accumulateDensifyStatistics(SplatView view) {
        accumulateDensifyStatistics(projected.radius, screen.values, params.count(), view.width(), view.height(),
                gradientSum, gradientCount, maxRadius);
    }

    /**
     * The CPU twin of the CUDA {@code accumulate_densify_statistics}: for every Gaussian on screen
     * (radius above 0), adds the norm of its screen-space mean gradient scaled to NDC (times half
     * the image size), counts the view, and keeps its largest radius.
     */
    static void accumulateDensifyStatistics(int[] radius, float[] screenGradients, int count, int width,
                                            int height, float[] gradientSum, int[] gradientCount,
                                            float[] maxRadius) {
        float halfW = 0.5f * width;
        float halfH = 0.5f * height;
        for (int i = 0; i < count; i++) {
            if (radius[i] == 0) {
                continue;
            }
            float gu = screenGradients[ScreenGradients.STRIDE * i + ScreenGradients.MEAN_U] * halfW;
            float gv = screenGradients[ScreenGradients.STRIDE * i + ScreenGradients.MEAN_V] * halfH;
            gradientSum[i] += (float) Math.sqrt(gu * gu + gv * gv);
            gradientCount[i]++;
            maxRadius[i] = Math.max(maxRadius[i], radius[i]);
        }
    }

    @Override
    public DensifyCounts densify(DensifySettings densify) {
        float[] mean = meanGradients(gradientSum, gradientCount, params.count());
        int[] counts = new int[3];
        Densification.State next = Densification.run(new Densification.State(params, moment1, moment2), mean,
                maxRadius, densify, settings.sceneExtent(), settings.maxGaussians(), settings.seed(), densifyCalls++,
                counts);
        params = next.params();
        moment1 = next.moment1();
        moment2 = next.moment2();
        resize(params.count());
        return Densification.counts(counts, params.count());
    }

    /** The mean of each Gaussian's accumulated gradient norms; 0 for one never on screen. */
    static float[] meanGradients(float[] gradientSum, int[] gradientCount, int count) {
        float[] mean = new float[count];
        for (int i = 0; i < count; i++) {
            mean[i] = gradientCount[i] == 0 ? 0 : gradientSum[i] / gradientCount[i];
        }
        return mean;
    }

    @Override
    public void resetOpacity(float maxOpacity) {
        float cap = Densification.logit(maxOpacity);
        for (int i = 0; i < params.count(); i++) {
            params.opacityLogits()[i] = Math.min(params.opacityLogits()[i], cap);
        }
        java.util.Arrays.fill(moment1.opacityLogits(), 0f);
        java.util.Arrays.fill(moment2.opacityLogits(), 0f);
    }

    @Override
    public SplatArrays download() {
        return copyOf(params);
    }

    static SplatArrays copyOf(SplatArrays a) {
        return new SplatArrays(a.count(), a.means().clone(), a.logScales().clone(), a.rotations().clone(),
                a.opacityLogits().clone(), a.shDc().clone(), a.shRest().clone());
    }

    @Override
    public void close() {
        pool.close();
    }
}
