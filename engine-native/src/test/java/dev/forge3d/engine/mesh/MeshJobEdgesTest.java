package dev.forge3d.engine.mesh;

import dev.forge3d.api.InputSource;
import dev.forge3d.api.Job;
import dev.forge3d.api.JobResult;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.OutputFormat;
import dev.forge3d.api.Vec3;
import dev.forge3d.api.View;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mesh job at the edges of its parameters and inputs, on the composite's four 160 x 160 views. */
class MeshJobEdgesTest {
    @BeforeAll
    static void generate() throws Exception {
        MeshJobTest.generate();
    }

    @AfterAll
    static void close() throws Exception {
        MeshJobTest.close();
    }

    @Test
    void moreFacesThanTheVolumeGivesAreReachedBySplittingEdgesAndSaidSo() throws Exception {
        // The 64^3 volume gives about 22,000 faces here; the job wrote those, nearly two thirds short.
        Path out = MeshJobTest.temp.resolve("split.glb");
        Job job = submit(Map.of(), MeshJobTest.lowPoly().faces(60_000).build(), out);
        JobResult result = job.completion().get(120, TimeUnit.SECONDS);
        int faces = GlbFile.read(out).faceCount();
        assertTrue(Math.abs(faces - 60_000) <= 0.02 * 60_000, "faces " + faces);
        int dense = ((Number) result.metrics().get("dense_faces")).intValue();
        assertTrue(dense < 60_000, "dense " + dense);
        assertTrue(job.messages().stream().anyMatch(m -> m.contains(dense + " faces, fewer than the 60000")
                && m.contains("split") && m.contains("high_poly")), job.messages().toString());
    }

    @Test
    void aTenthOfAMillimetreBoxIsWrittenAndReportedAtItsSize() throws Exception {
        Path out = MeshJobTest.temp.resolve("tiny-box.glb");
        Vec3 box = new Vec3(1e-4, 1e-4, 1e-4);
        JobResult result = MeshJobTest.run(MeshJobTest.lowPoly().scaledBbox(box).preserveAspectRatio(true)
                .outputs(EnumSet.of(OutputFormat.GLB, OutputFormat.OBJ)).build(), out);
        GlbFile glb = GlbFile.read(out);
        double[] b = glb.positionBounds();
        @SuppressWarnings("unchecked")
        List<Number> min = (List<Number>) glb.accessor(glb.attribute("POSITION")).get("min");
        @SuppressWarnings("unchecked")
        List<Number> max = (List<Number>) glb.accessor(glb.attribute("POSITION")).get("max");
        @SuppressWarnings("unchecked")
        List<Number> reported = (List<Number>) result.metrics().get("bbox_m");
        double largest = 0;
        for (int a = 0; a < 3; a++) {
            double size = b[a + 3] - b[a];
            largest = Math.max(largest, size);
            assertEquals(size, max.get(a).doubleValue() - min.get(a).doubleValue(), 1e-6 * size, "accessor axis " + a);
            // bbox_m was rounded to 0.1 mm: 0.09 mm read 0.1, 10% off.
            assertEquals(size, reported.get(a).doubleValue(), 0.01 * size, "bbox_m axis " + a);
        }
        assertEquals(1e-4, largest, 1e-6, "the box fits on its longest axis");
        // The OBJ's vertices are the GLB's: with 6 decimals they lay on a 1 micrometre grid, 1% of the box.
        float[] glbPositions = glb.floats(glb.attribute("POSITION"));
        List<Double> objPositions = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolveSibling("tiny-box.obj"))) {
            if (line.startsWith("v ")) {
                for (String number : line.substring(2).trim().split(" ")) {
                    objPositions.add(Double.parseDouble(number));
                }
            }
        }
        assertEquals(glbPositions.length, objPositions.size());
        for (int i = 0; i < glbPositions.length; i++) {
            assertEquals(glbPositions[i], objPositions.get(i), 1e-6 * largest, "OBJ coordinate " + i);
        }
    }

    /** The four views, with the files in {@code replaced} in place of theirs. */
    private static Job submit(Map<View, Path> replaced, MeshParams params, Path output) {
        Map<View, InputSource> views = MeshJobTest.files(View.values());
        replaced.forEach((view, file) -> views.put(view, new InputSource.FromPath(file)));
        return MeshJobTest.engine.submit(new MeshRequest(views, params, output));
    }
}
