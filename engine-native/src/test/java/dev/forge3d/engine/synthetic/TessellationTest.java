package dev.forge3d.engine.synthetic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ground-truth meshes are closed, outward-oriented and within 0.1% of the analytic surface. */
class TessellationTest {

    @ParameterizedTest
    @EnumSource(value = ScenePreset.class, names = {"SPHERE", "BOX", "CYLINDER"})
    void singlePrimitiveMeshesAreClosedOrientedAndCloseToTheAnalyticSurface(ScenePreset preset) {
        SyntheticScene scene = preset.isolated(1);
        Primitive primitive = scene.objects().get(0);
        TriangleMesh mesh = scene.objectMesh();
        double size = 2 * scene.objectBounds().radius();

        assertTrue(mesh.isClosedAndOriented(), preset + " mesh is not closed and consistently oriented");
        assertTrue(mesh.signedVolume() > 0, "triangles must face outward");
        assertEquals(analyticVolume(primitive), mesh.signedVolume(), 0.005 * analyticVolume(primitive));
        assertEquals(primitive.surfaceArea(), mesh.surfaceArea(), 0.005 * primitive.surfaceArea());
        double[] p = mesh.positions();
        for (int v = 0; v < mesh.vertexCount(); v++) {
            assertEquals(0, primitive.signedDistance(p[3 * v], p[3 * v + 1], p[3 * v + 2]), 1e-12 * size);
        }
        assertTrue(maxDeviation(scene, mesh) <= 1e-3 * size, preset + ": deviation " + maxDeviation(scene, mesh));
    }

    @Test
    void theCompositeMeshCoversOnlyTheOuterSurfaceOfTheUnion() {
        SyntheticScene scene = ScenePreset.COMPOSITE.isolated(1);
        TriangleMesh mesh = scene.objectMesh();
        double size = 2 * scene.objectBounds().radius();
        assertTrue(maxDeviation(scene, mesh) <= 1e-3 * size, "deviation " + maxDeviation(scene, mesh));
        double area = 0;
        for (Primitive p : scene.objects()) {
            area += p.surfaceArea();
        }
        assertTrue(mesh.surfaceArea() < 0.95 * area, "hidden parts of overlapping primitives were kept");
    }

    @Test
    void objFilesRoundTripExactly(@TempDir Path folder) throws Exception {
        TriangleMesh mesh = ScenePreset.COMPOSITE.isolated(1).objectMesh(0.05);
        Path file = folder.resolve("mesh.obj");
        ObjFiles.write(mesh, file);
        TriangleMesh read = ObjFiles.read(file);
        assertArrayEquals(mesh.positions(), read.positions());
        assertArrayEquals(mesh.triangles(), read.triangles());
    }

    /** The largest |object SDF| over triangle centroids and edge midpoints. */
    private static double maxDeviation(SyntheticScene scene, TriangleMesh mesh) {
        double worst = 0;
        double[] p = mesh.positions();
        int[] t = mesh.triangles();
        for (int f = 0; f < mesh.triangleCount(); f++) {
            int a = 3 * t[3 * f];
            int b = 3 * t[3 * f + 1];
            int c = 3 * t[3 * f + 2];
            double[][] probes = {
                {(p[a] + p[b] + p[c]) / 3, (p[a + 1] + p[b + 1] + p[c + 1]) / 3, (p[a + 2] + p[b + 2] + p[c + 2]) / 3},
                {(p[a] + p[b]) / 2, (p[a + 1] + p[b + 1]) / 2, (p[a + 2] + p[b + 2]) / 2},
                {(p[b] + p[c]) / 2, (p[b + 1] + p[c + 1]) / 2, (p[b + 2] + p[c + 2]) / 2},
                {(p[a] + p[c]) / 2, (p[a + 1] + p[c + 1]) / 2, (p[a + 2] + p[c + 2]) / 2}};
            for (double[] q : probes) {
                worst = Math.max(worst, Math.abs(scene.objectSignedDistance(q[0], q[1], q[2])));
            }
        }
        return worst;
    }

    private static double analyticVolume(Primitive p) {
        return switch (p) {
            case Sphere s -> 4.0 / 3 * Math.PI * Math.pow(s.radius(), 3);
            case Box b -> 8 * b.halfExtents().x() * b.halfExtents().y() * b.halfExtents().z();
            case Cylinder c -> Math.PI * c.radius() * c.radius() * 2 * c.halfHeight();
        };
    }
}
