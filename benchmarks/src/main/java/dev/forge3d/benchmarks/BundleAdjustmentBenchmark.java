package dev.forge3d.benchmarks;

import dev.forge3d.engine.sfm.BundleAdjuster;
import dev.forge3d.engine.sfm.BundleProblem;
import dev.forge3d.engine.sfm.ReprojectionError;
import dev.forge3d.engine.sfm.So3;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One Levenberg-Marquardt iteration of global bundle adjustment (linearise, Schur complement,
 * dense Cholesky of the reduced camera system, back-substitution, cost) on a synthetic orbit:
 * {@code cameras} cameras on a ring, 10,000 points each seen by the 10 nearest cameras, focal
 * and k1 refined, poses and points perturbed. The problem is re-perturbed before every call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BundleAdjustmentBenchmark {
    private static final int POINTS = 10_000;
    private static final int VIEWS_PER_POINT = 10;

    /** Frames of a scan: the default 120 and the API's maximum 300. */
    @Param({"120", "300"})
    public int cameras;

    private double[] trueRotations;
    private double[] trueTranslations;
    private double[] truePoints;
    private int[] obsCamera;
    private int[] obsPoint;
    private double[] obsUv;
    private BundleProblem problem;

    @Setup(Level.Trial)
    public void build() {
        SplittableRandom random = new SplittableRandom(3);
        trueRotations = new double[9 * cameras];
        trueTranslations = new double[3 * cameras];
        for (int c = 0; c < cameras; c++) {
            double angle = 2 * Math.PI * c / cameras;
            // camera at (6 sin a, 0, -6 cos a) looking at the origin, y down
            double[] z = {-Math.sin(angle), 0, Math.cos(angle)};
            double[] x = {z[2], 0, -z[0]};
            double[] y = {0, 1, 0};
            double[] r = {x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]};
            System.arraycopy(r, 0, trueRotations, 9 * c, 9);
            trueTranslations[3 * c + 2] = 6;
        }
        truePoints = new double[3 * POINTS];
        obsCamera = new int[POINTS * VIEWS_PER_POINT];
        obsPoint = new int[POINTS * VIEWS_PER_POINT];
        obsUv = new double[2 * POINTS * VIEWS_PER_POINT];
        double[] intrinsics = {500, -0.02, 320, 240};
        double[] residual = new double[2];
        int o = 0;
        for (int p = 0; p < POINTS; p++) {
            for (int k = 0; k < 3; k++) {
                truePoints[3 * p + k] = random.nextDouble() * 2 - 1;
            }
            int first = random.nextInt(cameras);
            for (int v = 0; v < VIEWS_PER_POINT; v++) {
                int c = (first + v) % cameras;
                ReprojectionError.evaluate(trueRotations, 9 * c, trueTranslations, 3 * c, truePoints, 3 * p,
                        intrinsics, 0, 0, residual, null, null, null);
                obsCamera[o] = c;
                obsPoint[o] = p;
                obsUv[2 * o] = residual[0];
                obsUv[2 * o + 1] = residual[1];
                o++;
            }
        }
    }

    @Setup(Level.Invocation)
    public void perturb() {
        SplittableRandom random = new SplittableRandom(11);
        double[] rotations = trueRotations.clone();
        double[] translations = trueTranslations.clone();
        double[] points = truePoints.clone();
        boolean[] variable = new boolean[cameras];
        for (int c = 1; c < cameras; c++) {
            variable[c] = true;
            So3.rotateLeft(0.002 * random.nextDouble(), 0.002 * random.nextDouble(), 0.002 * random.nextDouble(),
                    rotations, 9 * c);
            translations[3 * c] += 0.01 * random.nextDouble();
        }
        for (int p = 0; p < points.length; p++) {
            points[p] += 0.005 * random.nextDouble();
        }
        problem = new BundleProblem(rotations, translations, variable, points, obsCamera, obsPoint, obsUv,
                new double[] {510, 0, 320, 240}, true);
    }

    @Benchmark
    public double oneIteration() {
        return BundleAdjuster.solve(problem, new BundleAdjuster.Options(1, 2.0)).finalCost();
    }
}
