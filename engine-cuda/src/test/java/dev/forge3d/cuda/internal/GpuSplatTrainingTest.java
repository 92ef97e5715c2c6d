package dev.forge3d.cuda.internal;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatSession;
import dev.forge3d.api.spi.SplatSessionFactory;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;
import dev.forge3d.engine.dataset.SparsePoint;
import dev.forge3d.engine.splat.CpuSplatSession;
import dev.forge3d.engine.splat.ImageMetrics;
import dev.forge3d.engine.splat.SplatInitialisation;
import dev.forge3d.engine.splat.SplatTrainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training a synthetic scene with known ground truth on the GPU reaches the CPU run's held-out
 * PSNR within 0.3 dB at the same step count (issue 5), with the trainer's real schedule
 * (densification included) on a short run that takes well under a minute on a GPU machine.
 *
 * <p>The ground truth is a random Gaussian scene rendered by the CPU twin from 24 cameras on an
 * arc; every 8th view is held out. Training starts, as after SfM, from points near the true
 * centres with their colours. The scene generator's orbit (scripts/bench-splat-cuda.sh) is the
 * long version of this run; it needs FFmpeg and OpenCV, which the GPU bundle leaves out.
 */
@Tag("gpu")
class GpuSplatTrainingTest {
    private static final int WIDTH = 128;
    private static final int HEIGHT = 96;
    private static final int VIEWS = 24;
    private static final int STEPS = 1500;
    private static final double PSNR_TOLERANCE_DB = 0.3;

    @Test
    void heldOutPsnrMatchesTheCpuRunWithinAThirdOfADecibel() {
        CudaRuntime runtime = GpuTestSupport.runtimeOrSkip();
        SplatArrays truth = GpuSplatScenes.random(3000, 11, 0.01f, 0.06f);
        List<SplatView> views = GpuSplatScenes.views(VIEWS, WIDTH, HEIGHT);
        List<SplatTrainer.Frame> train = new ArrayList<>();
        List<SplatTrainer.Frame> test = new ArrayList<>();
        try (CpuSplatSession renderer = new CpuSplatSession(truth, GpuSplatScenes.settings(truth.count(), 4))) {
            renderer.setShDegree(3);
            for (int i = 0; i < views.size(); i++) {
                float[] image = new float[3 * WIDTH * HEIGHT];
                renderer.render(views.get(i), image);
                (i % 8 == 0 ? test : train).add(new SplatTrainer.Frame(views.get(i), image));
            }
        }
        SplatArrays initial = SplatInitialisation.fromPoints(pointsNear(truth, 1500, 0.03, 12));
        int threads = Runtime.getRuntime().availableProcessors();
        SplatTrainer.Options options = SplatTrainer.Options.of(STEPS, 3, threads, 50_000, GpuSplatScenes.BACKGROUND);
        double initialPsnr = untrainedPsnr(initial, test, options);
        double cpu = heldOutPsnr(CpuSplatSession::new, initial, train, test, options);
        double gpu = heldOutPsnr((start, settings) -> CudaSplatSession.open(runtime, 0, start, settings), initial,
                train, test, options);
        System.out.printf("held-out PSNR after %d steps: CPU %.2f dB, CUDA %.2f dB (untrained %.2f dB)%n", STEPS, cpu,
                gpu, initialPsnr);
        assertTrue(cpu > initialPsnr + 3, "the CPU run learned the scene: " + initialPsnr + " -> " + cpu + " dB");
        assertTrue(Math.abs(gpu - cpu) <= PSNR_TOLERANCE_DB, "CUDA " + gpu + " dB against CPU " + cpu + " dB");
    }

    private static double heldOutPsnr(SplatSessionFactory factory, SplatArrays initial, List<SplatTrainer.Frame> train,
                                      List<SplatTrainer.Frame> test, SplatTrainer.Options options) {
        try (SplatSession session = SplatTrainer.train(factory, initial, train, options, (step, steps, loss, n) -> {
        })) {
            return meanPsnr(session, test);
        }
    }

    /** The PSNR of the starting model, for the check that training learned something. */
    private static double untrainedPsnr(SplatArrays initial, List<SplatTrainer.Frame> test,
                                        SplatTrainer.Options options) {
        try (SplatSession session = new CpuSplatSession(initial, new SplatSettings(1f, options.maxGaussians(),
                options.background(), options.seed(), options.threads()))) {
            return meanPsnr(session, test);
        }
    }

    private static double meanPsnr(SplatSession session, List<SplatTrainer.Frame> frames) {
        double sum = 0;
        for (SplatTrainer.Frame frame : frames) {
            float[] image = new float[frame.image().length];
            session.render(frame.view(), image);
            sum += ImageMetrics.psnr(image, frame.image());
        }
        return sum / frames.size();
    }

    /** count points within noise of random true centres, coloured by their Gaussian's base colour. */
    private static List<SparsePoint> pointsNear(SplatArrays truth, int count, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SparsePoint> points = new ArrayList<>();
        double shC0 = 0.28209479177387814;
        for (int p = 0; p < count; p++) {
            int i = random.nextInt(truth.count());
            int[] rgb = new int[3];
            for (int c = 0; c < 3; c++) {
                double colour = 0.5 + shC0 * truth.shDc()[3 * i + c];
                rgb[c] = (int) Math.round(255 * Math.max(0, Math.min(1, colour)));
            }
            points.add(new SparsePoint(truth.means()[3 * i] + noise * random.nextGaussian(),
                    truth.means()[3 * i + 1] + noise * random.nextGaussian(),
                    truth.means()[3 * i + 2] + noise * random.nextGaussian(), rgb[0], rgb[1], rgb[2]));
        }
        return points;
    }
}
