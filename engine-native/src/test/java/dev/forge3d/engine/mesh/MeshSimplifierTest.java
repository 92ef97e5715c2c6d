package dev.forge3d.engine.mesh;

import dev.forge3d.api.MeshParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simplification lands within 2% of the target, by face count or by ratio, and stays closed. */
class MeshSimplifierTest {
    /** A sphere of radius 0.4 extracted from its distance field on a 72^3 grid. */
    static TriMesh denseSphere() {
        VolumeGrid g = VolumeGrid.covering(new double[] {-0.5, -0.5, -0.5}, new double[] {0.5, 0.5, 0.5}, 72);
        float[] field = MarchingCubesTest.sphereField(g, 0.4);
        return MarchingCubes.extract(g, field);
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 5_000, 20_000})
    void theFaceCountIsWithinTwoPercentOfTheTarget(int faces) {
        TriMesh dense = denseSphere();
        TriMesh simplified = MeshSimplifier.simplify(dense, faces);
        assertTrue(Math.abs(simplified.faceCount() - faces) <= 0.02 * faces, "faces " + simplified.faceCount());
        assertClosed(simplified);
        // Still the sphere: every vertex within 1% of the radius.
        float[] p = simplified.positions();
        for (int i = 0; i < p.length; i += 3) {
            double r = Math.sqrt(p[i] * p[i] + p[i + 1] * p[i + 1] + p[i + 2] * p[i + 2]);
            assertEquals(0.4, r, 0.01);
        }
    }

    @Test
    void aRatioRemovesThatFractionOfTheDenseFaces() {
        TriMesh dense = denseSphere();
        int target = MeshSimplifier.targetFaces(dense.faceCount(), 20_000, 0.9);
        assertEquals(Math.round(dense.faceCount() * 0.1), target);
        TriMesh simplified = MeshSimplifier.simplify(dense, target);
        assertTrue(Math.abs(simplified.faceCount() - target) <= 0.02 * target, "faces " + simplified.faceCount());
    }

    @Test
    void aRatioNeverAimsBelowTheLeastFaceCountAJobMayAskFor() {
        assertEquals(MeshParams.MIN_FACES, MeshSimplifier.targetFaces(100_000, 20_000, 0.9999999));
        assertEquals(MeshParams.MIN_FACES, MeshSimplifier.targetFaces(100_000, 20_000, 0.999));
        assertEquals(500, MeshSimplifier.targetFaces(500, 20_000, 0.99), "a smaller dense mesh is kept whole");
        assertEquals(20_000, MeshSimplifier.targetFaces(100_000, 20_000, 0), "no ratio: the face count");
    }

    @Test
    void aTargetAboveTheDenseCountKeepsTheMesh() {
        TriMesh dense = denseSphere();
        assertSame(dense, MeshSimplifier.simplify(dense, dense.faceCount() + 1));
    }

    /** Every directed edge has exactly one opposite: closed, consistently oriented. */
    static void assertClosed(TriMesh mesh) {
        Map<Long, Integer> directed = new HashMap<>();
        int[] idx = mesh.indices();
        for (int f = 0; f < idx.length; f += 3) {
            for (int e = 0; e < 3; e++) {
                long a = idx[f + e], b = idx[f + (e + 1) % 3];
                directed.merge((a << 32) | b, 1, Integer::sum);
            }
        }
        directed.forEach((edge, count) -> {
            long reverse = ((edge & 0xFFFFFFFFL) << 32) | (edge >>> 32);
            assertEquals(1, count, "edge used once in its direction");
            assertEquals(1, directed.getOrDefault(reverse, 0), "edge has its opposite");
        });
    }
}
