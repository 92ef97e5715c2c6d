package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ray intersection, normals, signed distances, inside tests and surface sampling agree. */
class PrimitiveGeometryTest {
    private static final Surface S = Surface.solid(0x808080);
    private static final List<Primitive> PRIMITIVES = List.of(
            new Sphere(new Vec3(0.1, 0.5, -0.2), 0.4, S),
            new Box(new Vec3(0.0, 0.3, 0.1), new Vec3(0.5, 0.3, 0.2), 35, S),
            new Box(new Vec3(0.2, 0.4, 0.0), new Vec3(0.3, 0.4, 0.25), 0, S),
            new Cylinder(new Vec3(-0.1, 0.6, 0.2), 0.3, 0.6, S));

    @Test
    void rayHitsLieOnTheSurfaceWithTheSdfGradientAsNormalAndMissesNeverEnterTheSolid() {
        SplittableRandom random = new SplittableRandom(1);
        double[] n = new double[3];
        for (Primitive p : PRIMITIVES) {
            Vec3 c = p.bounds().centre();
            int hits = 0;
            for (int r = 0; r < 2000; r++) {
                double[] o = randomDirection(random);
                double ox = c.x() + 3 * o[0];
                double oy = c.y() + 3 * o[1];
                double oz = c.z() + 3 * o[2];
                double[] aim = {c.x() + 0.8 * (random.nextDouble() - 0.5), c.y() + 0.8 * (random.nextDouble() - 0.5),
                        c.z() + 0.8 * (random.nextDouble() - 0.5)};
                double[] d = normalise(aim[0] - ox, aim[1] - oy, aim[2] - oz);
                double t = p.intersect(ox, oy, oz, d[0], d[1], d[2], 1e-9);
                if (Double.isInfinite(t)) {
                    for (double s = 0; s < 6; s += 0.01) {
                        assertTrue(p.signedDistance(ox + s * d[0], oy + s * d[1], oz + s * d[2]) > -1e-12,
                                p + ": a missing ray enters the solid");
                    }
                    continue;
                }
                hits++;
                double x = ox + t * d[0];
                double y = oy + t * d[1];
                double z = oz + t * d[2];
                assertEquals(0, p.signedDistance(x, y, z), 1e-9, p + ": hit off the surface");
                assertTrue(p.signedDistance(ox + 0.999 * t * d[0], oy + 0.999 * t * d[1], oz + 0.999 * t * d[2]) > 0,
                        p + ": not the first hit");
                p.outwardNormal(x, y, z, n);
                double[] g = gradient(p, x, y, z);
                assertEquals(1, n[0] * g[0] + n[1] * g[1] + n[2] * g[2], 1e-4, p + ": normal vs sdf gradient");
            }
            assertTrue(hits > 500, p + ": too few hits to test");
        }
    }

    @Test
    void surfaceSamplesLieOnTheSurfaceAndInsideTestsGiveTheAnalyticVolume() {
        SplittableRandom random = new SplittableRandom(2);
        double[] out = new double[3];
        double[] volumes = {4.0 / 3 * Math.PI * 0.4 * 0.4 * 0.4, 8 * 0.5 * 0.3 * 0.2, 8 * 0.3 * 0.4 * 0.25,
                Math.PI * 0.3 * 0.3 * 1.2};
        for (int i = 0; i < PRIMITIVES.size(); i++) {
            Primitive p = PRIMITIVES.get(i);
            for (int s = 0; s < 1000; s++) {
                p.pointOnSurface(random.nextDouble(), random.nextDouble(), random.nextDouble(), out);
                assertEquals(0, p.signedDistance(out[0], out[1], out[2]), 1e-12, p.toString());
            }
            Bounds b = p.bounds();
            Vec3 size = b.size();
            int inside = 0;
            int samples = 40_000;
            for (int s = 0; s < samples; s++) {
                double x = b.min().x() + size.x() * random.nextDouble();
                double y = b.min().y() + size.y() * random.nextDouble();
                double z = b.min().z() + size.z() * random.nextDouble();
                inside += p.contains(x, y, z) ? 1 : 0;
            }
            double volume = size.x() * size.y() * size.z() * inside / samples;
            assertEquals(volumes[i], volume, 0.03 * volumes[i], p + ": Monte Carlo volume");
            assertEquals(p.surfaceArea(), p.tessellate(0.01).surfaceArea(), 0.005 * p.surfaceArea(), p.toString());
        }
    }

    @Test
    void objectSurfaceSamplesLieOnTheUnionBoundary() {
        SyntheticScene scene = ScenePreset.COMPOSITE.isolated(1);
        double[] points = scene.sampleObjectSurface(5000, 3);
        for (int i = 0; i < 5000; i++) {
            double d = scene.objectSignedDistance(points[3 * i], points[3 * i + 1], points[3 * i + 2]);
            assertEquals(0, d, 1e-9, "sample " + i);
        }
    }

    private static double[] gradient(Primitive p, double x, double y, double z) {
        double h = 1e-7;
        return normalise(p.signedDistance(x + h, y, z) - p.signedDistance(x - h, y, z),
                p.signedDistance(x, y + h, z) - p.signedDistance(x, y - h, z),
                p.signedDistance(x, y, z + h) - p.signedDistance(x, y, z - h));
    }

    private static double[] randomDirection(SplittableRandom random) {
        while (true) {
            double x = 2 * random.nextDouble() - 1;
            double y = 2 * random.nextDouble() - 1;
            double z = 2 * random.nextDouble() - 1;
            double l = x * x + y * y + z * z;
            if (l > 1e-6 && l <= 1) {
                return normalise(x, y, z);
            }
        }
    }

    private static double[] normalise(double x, double y, double z) {
        double l = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / l, y / l, z / l};
    }
}
