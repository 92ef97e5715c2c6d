package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatView;

/** Ad-hoc timing of the step's phases (run by hand, not a test). */
public final class PhaseTiming {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int w = 400, h = 225;
        SplatArrays g = SplatScenes.random(n, 1, 0.005f, 0.03f);
        SplatView view = new SplatView(w, h, 300f, 300f, w / 2f, h / 2f, new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
        float[] target = SplatScenes.randomImage(w, h, 2);
        WorkerPool pool = new WorkerPool(threads);
        ProjectedGaussians p = new ProjectedGaussians(n);
        FrameBuffers f = new FrameBuffers(w, h);
        ScreenGradients screen = new ScreenGradients(n);
        SplatArrays grads = SplatArrays.allocate(n);
        float[][] scratch = new float[threads][Projection.SCRATCH_FLOATS];
        float[] centre = view.cameraCentre();
        Rasteriser.TileScratch[] ts = new Rasteriser.TileScratch[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = new Rasteriser.TileScratch();
        }
        for (int it = 0; it < 8; it++) {
            long t0 = System.nanoTime();
            pool.forRanges(n, 2048, (a, b, wk) -> Projection.forward(g, 3, view, centre, p, a, b, scratch[wk]));
            long t1 = System.nanoTime();
            f.bins.bin(p, n, pool);
            long t2 = System.nanoTime();
            pool.forEach(f.bins.tileCount, (tile, wk) -> Rasteriser.forwardTile(tile, f.bins, p, w, h,
                    SplatScenes.BACKGROUND, f.image, f.finalT, f.contributors, ts[wk]));
            long t3 = System.nanoTime();
            f.loss.lossAndGradient(f.image, target, f.imageGradient, pool);
            long t4 = System.nanoTime();
            f.ensureEntries(f.bins.entries);
            pool.forEach(f.bins.tileCount, (tile, wk) -> Rasteriser.backwardTile(tile, f.bins, p, w, h,
                    SplatScenes.BACKGROUND, f.imageGradient, f.finalT, f.contributors, f.entryGradients, ts[wk]));
            long t5 = System.nanoTime();
            Rasteriser.reduce(f.bins, f.entryGradients, n, screen.values);
            long t6 = System.nanoTime();
            pool.forRanges(n, 2048, (a, b, wk) -> Projection.backward(g, 3, view, centre, p, screen.values, grads, a, b,
                    scratch[wk]));
            long t7 = System.nanoTime();
            System.out.printf("entries %d: project %.1f bin %.1f rastF %.1f loss %.1f rastB %.1f reduce %.1f projB %.1f total %.1f ms%n",
                    f.bins.entries, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6,
                    (t6 - t5) / 1e6, (t7 - t6) / 1e6, (t7 - t0) / 1e6);
        }
        pool.close();
    }
}
