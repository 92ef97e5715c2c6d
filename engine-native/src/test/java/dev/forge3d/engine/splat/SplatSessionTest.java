package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.DensifyCounts;
import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatLearningRates;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;
import dev.forge3d.engine.io.GaussianPly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplatSessionTest {
    private static final int W = 80;
    private static final int H = 56;
    private static final SplatLearningRates RATES = new SplatLearningRates(0.001f, 0.005f, 0.001f, 0.025f, 0.0025f,
            0.000125f);

    @TempDir
    Path dir;

    /** Views around the origin-facing camera: small rotations about y and translations. */
    private static List<SplatView> views(int count) {
        List<SplatView> views = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double angle = 0.15 * (i - count / 2.0);
            float c = (float) Math.cos(angle);
            float s = (float) Math.sin(angle);
            // World-to-camera rotation about y by angle, around the point (0, 0, 3).
            float tx = (float) (-s * 3);
            float tz = (float) (3 - c * 3);
            views.add(new SplatView(W, H, 60f, 60f, W / 2f, H / 2f, new float[] {c, 0, s, tx, 0, 1, 0, 0, -s, 0, c, tz}));
        }
        return views;
    }

    private static SplatArrays trainSomeSteps(int threads, int steps) {
        SplatArrays truth = SplatScenes.random(60, 21, 0.05f, 0.2f);
        List<SplatView> views = views(5);
        List<float[]> targets = new ArrayList<>();
        try (CpuSplatSession renderer = new CpuSplatSession(truth, SplatScenes.settings(1))) {
            renderer.setShDegree(3);
            for (SplatView v : views) {
                float[] image = new float[3 * W * H];
                renderer.render(v, image);
                targets.add(image);
            }
        }
        SplatArrays start = SplatScenes.random(60, 99, 0.05f, 0.2f);
        try (CpuSplatSession session = new CpuSplatSession(start, new SplatSettings(1f, 200,
                SplatScenes.BACKGROUND, 5, threads))) {
            session.setShDegree(1);
            for (int step = 1; step <= steps; step++) {
                int k = step % views.size();
                session.step(views.get(k), targets.get(k), RATES);
                if (step % 10 == 0) {
                    session.densify(new DensifySettings(1e-5f, 0.01f, 0.005f, 20f, 0.5f));
                }
            }
            return session.download();
        }
    }

    @Test
    void multiThreadedStepsEqualSingleThreadedOnesBitForBit() {
        SplatArrays one = trainSomeSteps(1, 25);
        SplatArrays three = trainSomeSteps(3, 25);
        assertEquals(one.count(), three.count());
        assertTrue(one.count() != 60, "densification changed the model");
        assertArrayEquals(one.means(), three.means());
        assertArrayEquals(one.logScales(), three.logScales());
        assertArrayEquals(one.rotations(), three.rotations());
        assertArrayEquals(one.opacityLogits(), three.opacityLogits());
        assertArrayEquals(one.shDc(), three.shDc());
        assertArrayEquals(one.shRest(), three.shRest());
    }

    @Test
    void sameSeedGivesAByteIdenticalPly() throws Exception {
        GaussianPly.write(trainSomeSteps(2, 25), dir.resolve("a.ply"));
        GaussianPly.write(trainSomeSteps(2, 25), dir.resolve("b.ply"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.ply")), Files.readAllBytes(dir.resolve("b.ply")));
    }

    @Test
    void trainingReducesTheLossOnARenderedScene() {
        SplatArrays truth = SplatScenes.random(40, 3, 0.05f, 0.2f);
        SplatView view = views(1).getFirst();
        float[] target = new float[3 * W * H];
        try (CpuSplatSession renderer = new CpuSplatSession(truth, SplatScenes.settings(1))) {
            renderer.render(view, target);
        }
        try (CpuSplatSession session = new CpuSplatSession(SplatScenes.random(40, 4, 0.05f, 0.2f),
                SplatScenes.settings(2))) {
            float first = session.step(view, target, RATES);
            float last = first;
            for (int i = 0; i < 150; i++) {
                last = session.step(view, target, new SplatLearningRates(0.002f, 0.005f, 0.001f, 0.05f, 0.01f, 0.0005f));
            }
            float[] image = new float[3 * W * H];
            session.render(view, image);
            System.out.printf("single-view fit: loss %.4f -> %.4f, PSNR %.1f dB%n", first, last,
                    ImageMetrics.psnr(image, target));
            assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
        }
    }

    @Test
    void densifyClonesSmallSplitsLargePrunesTransparentAndRespectsTheCap() {
        SplatArrays g = SplatArrays.allocate(4);
        for (int i = 0; i < 4; i++) {
            g.rotations()[4 * i] = 1;
            g.means()[3 * i + 2] = 3;
            g.means()[3 * i] = 0.3f * (i - 1.5f);
            g.opacityLogits()[i] = 2;
        }
        float small = (float) Math.log(0.005);
        float large = (float) Math.log(0.2);
        Arrays.fill(g.logScales(), 0, 3, small);    // 0: small, high gradient -> cloned
        Arrays.fill(g.logScales(), 3, 6, large);    // 1: large, high gradient -> split
        Arrays.fill(g.logScales(), 6, 9, small);    // 2: low gradient, transparent -> pruned
        g.opacityLogits()[2] = -8;
        Arrays.fill(g.logScales(), 9, 12, small);   // 3: untouched
        float[] gradient = {1e-3f, 1e-3f, 0, 0};
        int[] counts = new int[3];
        Densification.State state = Densification.run(new Densification.State(g, SplatArrays.allocate(4),
                SplatArrays.allocate(4)), gradient, new float[4], DensifySettings.defaults(false), 1f, 100,
                1L, 0L, counts);
        SplatArrays out = state.params();
        assertArrayEquals(new int[] {1, 1, 1}, counts);
        // Kept originals 0 and 3, the clone of 0, the two children of 1.
        assertEquals(5, out.count());
        assertEquals(g.means()[0], out.means()[0]);
        assertEquals(g.means()[9], out.means()[3]);
        assertEquals(g.means()[0], out.means()[6]);
        for (int child = 3; child < 5; child++) {
            assertEquals(Math.log(0.2 / 1.6), out.logScales()[3 * child], 1e-6);
            double distance = Math.abs(out.means()[3 * child] - g.means()[3]);
            assertTrue(distance < 1.0, "child near its parent: " + distance);
        }
        // A cap of 5 leaves room for one more: the split (net +1) or the clone, the larger gradient first.
        gradient = new float[] {1e-3f, 2e-3f, 0, 0};
        Densification.run(new Densification.State(g, SplatArrays.allocate(4), SplatArrays.allocate(4)), gradient,
                new float[4], DensifySettings.defaults(false), 1f, 5, 1L, 0L, counts);
        assertArrayEquals(new int[] {0, 1, 1}, counts);
    }

    @Test
    void densifyThroughTheSessionReportsCounts() {
        try (CpuSplatSession session = new CpuSplatSession(SplatScenes.random(30, 8, 0.05f, 0.2f),
                SplatScenes.settings(1))) {
            float[] target = SplatScenes.randomImage(W, H, 1);
            session.step(views(1).getFirst(), target, RATES);
            DensifyCounts counts = session.densify(new DensifySettings(0f, 0.01f, 0.005f, 0f, 0f));
            assertEquals(session.count(), counts.count());
            assertTrue(counts.split() + counts.cloned() > 0);
        }
    }
}
