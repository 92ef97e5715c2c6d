package dev.forge3d.engine.sfm;

import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The test-side alignment recovers a known similarity, so the pose tests can trust it. */
class Sim3AlignmentTest {
    @Test
    void recoversAKnownSimilarityOfCoplanarPoints() {
        Matrix3d rotation = new Matrix3d().rotateXYZ(-0.4, 0.9, 2.5);
        List<Vector3d> from = new ArrayList<>();
        List<Vector3d> to = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            double a = 2 * Math.PI * i / 24;
            Vector3d p = new Vector3d(Math.cos(a), 1e-7 * Math.sin(7 * a), Math.sin(a));
            from.add(p);
            to.add(rotation.transform(new Vector3d(p)).mul(0.5));
        }
        Sim3Alignment fit = Sim3Alignment.fit(from, to);
        Matrix3d difference = new Matrix3d(rotation).transpose().mul(fit.rotation);
        assertEquals(0, Math.acos(Math.min(1, (difference.m00 + difference.m11 + difference.m22 - 1) / 2)), 1e-6);
    }

    @Test
    void recoversAKnownSimilarity() {
        Random random = new Random(3);
        Matrix3d rotation = new Matrix3d().rotateXYZ(0.3, -1.1, 2.0);
        Vector3d translation = new Vector3d(1, -2, 0.5);
        double scale = 2.7;
        List<Vector3d> from = new ArrayList<>();
        List<Vector3d> to = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Vector3d p = new Vector3d(random.nextGaussian(), random.nextGaussian(), random.nextGaussian());
            from.add(p);
            to.add(rotation.transform(new Vector3d(p)).mul(scale).add(translation));
        }
        Sim3Alignment fit = Sim3Alignment.fit(from, to);
        assertEquals(scale, fit.scale, 1e-9);
        for (int i = 0; i < from.size(); i++) {
            assertEquals(0, fit.apply(from.get(i)).distance(to.get(i)), 1e-9);
        }
    }
}
