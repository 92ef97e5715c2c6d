package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.api.spi.SplatLearningRates;
import dev.forge3d.api.spi.SplatSettings;
import dev.forge3d.api.spi.SplatView;

import java.lang.management.ManagementFactory;

/**
 * Ad-hoc (run by hand, not a test): CPU seconds per training step of the JMH scene (400 x 225,
 * 50,000 Gaussians), which on a shared machine says more than wall time: with two idle cores a
 * step takes at least half its CPU time.
 */
public final class StepCpuTime {
    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int w = 400, h = 225;
        SplatArrays g = SplatScenes.random(50_000, 1, 0.005f, 0.03f);
        SplatView view = new SplatView(w, h, 300f, 300f, w / 2f, h / 2f, new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
        float[] target = SplatScenes.randomImage(w, h, 2);
        SplatLearningRates rates = new SplatLearningRates(1.6e-4f, 5e-3f, 1e-3f, 2.5e-2f, 2.5e-3f, 1.25e-4f);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (CpuSplatSession session = new CpuSplatSession(g, new SplatSettings(1f, 50_000, new float[3], 1, threads))) {
            session.setShDegree(3);
            for (int i = 0; i < 20; i++) {
                session.step(view, target, rates);
            }
            int steps = 40;
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                session.step(view, target, rates);
            }
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / steps;
            double wall = (System.nanoTime() - wall0) / 1e9 / steps;
            System.out.printf("threads %d: %.1f ms CPU per step, %.1f ms wall per step (%.1f steps/s wall)%n", threads,
                    cpu * 1e3, wall * 1e3, 1 / wall);
        }
    }
}
